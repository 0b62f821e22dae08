package net.srv6epe.dataplane.metrics;

import java.util.Locale;
import java.util.function.Supplier;

import net.srv6epe.dataplane.bgp.BgpSnapshot;

/**
 * The BGP speaker, named as the GoBGP exporter (greenpau/gobgp_exporter) names its families, so dashboards built
 * for GoBGP show this speaker too: {@code gobgp_router_asn}, {@code gobgp_router_id{id}}, {@code gobgp_peer_count},
 * and per neighbor ({@code name} = its address) {@code gobgp_peer_up}, {@code gobgp_peer_asn},
 * {@code gobgp_peer_local_asn}, {@code gobgp_peer_session_state} (idle 1, connect 2, active 3, opensent 4,
 * openconfirm 5, established 6), message and UPDATE counts both ways, {@code gobgp_peer_received_route_count},
 * {@code gobgp_peer_accepted_route_count}, {@code gobgp_peer_advertised_route_count} and
 * {@code gobgp_peer_out_queue_count}; the exporter writes them all as gauges, and so do we. One family of our own:
 * {@code srv6epe_bgp_peer_uptime_seconds} (time in Established, 0 otherwise). Read from the snapshot the BGP thread
 * publishes (at most a quarter second old).
 */
public final class BgpMetrics implements MetricsSource
{
    /** Prefix of the GoBGP exporter's families. */
    static final String GOBGP = "gobgp_";

    private final Supplier<BgpSnapshot> snapshot;

    /**
     * @param snapshot the speaker's latest snapshot
     */
    public BgpMetrics(final Supplier<BgpSnapshot> snapshot)
    {
        this.snapshot = snapshot;
    }

    @Override
    public void collect(final MetricsWriter out)
    {
        final BgpSnapshot s = snapshot.get();
        out.family(GOBGP + "router_asn", MetricType.GAUGE, "our AS number");
        out.sample(s.asn());
        out.family(GOBGP + "router_id", MetricType.GAUGE, "our BGP identifier (label id), always 1");
        out.sample(1, "id", s.routerId());
        out.family(GOBGP + "peer_count", MetricType.GAUGE, "configured BGP neighbors");
        out.sample(s.neighbors().size());

        peerGauge(out, s, "peer_up", "1 when the session is Established, else 0",
            n -> "Established".equals(n.state()) ? 1 : 0);
        peerGauge(out, s, "peer_asn", "the neighbor's AS number", BgpSnapshot.Neighbor::remoteAs);
        peerGauge(out, s, "peer_local_asn", "the AS number we present to the neighbor", n -> s.asn());
        peerGauge(out, s, "peer_session_state", "FSM state: idle 1, connect 2, active 3, opensent 4, openconfirm 5, " +
            "established 6 (0 unknown)", n -> sessionState(n.state()));
        peerGauge(out, s, "peer_received_message_total_count", "messages received from the neighbor, all types",
            BgpSnapshot.Neighbor::messagesIn);
        peerGauge(out, s, "peer_sent_message_total_count", "messages sent to the neighbor, all types",
            BgpSnapshot.Neighbor::messagesOut);
        peerGauge(out, s, "peer_received_update_message_count", "UPDATE messages received from the neighbor",
            BgpSnapshot.Neighbor::updatesIn);
        peerGauge(out, s, "peer_sent_update_message_count", "UPDATE messages sent to the neighbor",
            BgpSnapshot.Neighbor::updatesOut);
        peerGauge(out, s, "peer_received_route_count", "routes in the neighbor's Adj-RIB-In",
            BgpSnapshot.Neighbor::prefixesReceived);
        peerGauge(out, s, "peer_accepted_route_count", "routes of the family the neighbor's role uses",
            BgpSnapshot.Neighbor::prefixesAccepted);
        peerGauge(out, s, "peer_advertised_route_count", "routes in the neighbor's Adj-RIB-Out",
            BgpSnapshot.Neighbor::prefixesAdvertised);
        peerGauge(out, s, "peer_out_queue_count", "UPDATEs waiting for room in the neighbor's write buffer",
            BgpSnapshot.Neighbor::pendingOut);
        final BgpSnapshot.RibEvents rib = s.ribEvents();
        out.family(MetricNames.PREFIX + "bgp_update_outcomes_total", MetricType.COUNTER,
            "UPDATEs not applied as received, by outcome: RFC 7606 treat-as-withdraw or attribute-discard, an error " +
            "that resets the session, a neighbor over its max-prefix limit");
        out.sample(rib.treatAsWithdraw(), "outcome", "treat-as-withdraw");
        out.sample(rib.attributeDiscard(), "outcome", "attribute-discard");
        out.sample(rib.sessionReset(), "outcome", "session-reset");
        out.sample(rib.overMaxPrefix(), "outcome", "over-max-prefix");
        out.family(MetricNames.PREFIX + "bgp_routes_ignored_total", MetricType.COUNTER,
            "routes received and not kept: of a family not kept or not negotiated, or whose AS path holds our AS");
        out.sample(rib.otherFamily(), "reason", "family");
        out.sample(rib.asPathLoop(), "reason", "as-path-loop");
        out.family(MetricNames.PREFIX + "bgp_peer_uptime_seconds", MetricType.GAUGE,
            "seconds the session has been Established, 0 when it is not");
        for (final BgpSnapshot.Neighbor n : s.neighbors())
        {
            out.sample(Math.max(0, n.establishedForMs()) / 1000, "name", n.address());
        }
    }

    private interface PeerValue
    {
        long of(BgpSnapshot.Neighbor neighbor);
    }

    private static void peerGauge(final MetricsWriter out, final BgpSnapshot s, final String name, final String help,
        final PeerValue value)
    {
        out.family(GOBGP + name, MetricType.GAUGE, help);
        for (final BgpSnapshot.Neighbor n : s.neighbors())
        {
            out.sample(value.of(n), "name", n.address());
        }
    }

    /** The GoBGP exporter's session-state number of an RFC 4271 state name. */
    static long sessionState(final String state)
    {
        switch (state.toLowerCase(Locale.ROOT))
        {
            case "idle":
                return 1;
            case "connect":
                return 2;
            case "active":
                return 3;
            case "opensent":
                return 4;
            case "openconfirm":
                return 5;
            case "established":
                return 6;
            default:
                return 0;
        }
    }
}
