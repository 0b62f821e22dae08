package net.srv6epe.dataplane.bgp;

import net.srv6epe.bgp.fsm.SessionState;
import net.srv6epe.bgp.rib.PathAttributes;
import net.srv6epe.bgp.rib.Rib;
import net.srv6epe.bgp.wire.attribute.ExtendedCommunity;
import net.srv6epe.bgp.wire.nlri.MplsLabel;
import net.srv6epe.bgp.wire.nlri.RouteDistinguisher;
import net.srv6epe.bgp.wire.prefixsid.SidTransposition;
import net.srv6epe.bgp.wire.prefixsid.Srv6SidInformation;
import net.srv6epe.dataplane.config.BgpConfig;
import net.srv6epe.dataplane.config.BgpNeighborConfig;
import net.srv6epe.srv6.Ipv6Address;
import net.srv6epe.vrf.prefix.Ipv6Prefix;

import java.util.ArrayList;
import java.util.List;

/**
 * What the operator sees of the BGP speaker, built on the speaker thread and handed to the control thread by one
 * volatile reference: immutable.
 *
 * @param asn       our AS
 * @param routerId  our BGP identifier, dotted quad
 * @param neighbors one row per configured neighbor
 * @param vpnv6     VPN-IPv6 routes received (Adj-RIB-In of every neighbor), at most
 *                  {@link BgpAgent#MAX_ROUTE_ROWS}; rebuilt only after routes changed
 * @param ipv6      IPv6 unicast routes received, likewise
 * @param ribEvents what the RIBs did not apply as received, over all neighbors
 * @param takenNs   monotonic time the snapshot was taken
 */
public record BgpSnapshot(long asn, String routerId, List<Neighbor> neighbors, List<Route> vpnv6, List<Route> ipv6,
    RibEvents ribEvents, long takenNs)
{
    /**
     * The snapshot of a speaker that has not started: every configured neighbor Idle, nothing received (what the
     * router shows while it starts, before its BGP agent exists; the agent's own first snapshot is the same).
     */
    public static BgpSnapshot configured(final BgpConfig bgp)
    {
        final List<Neighbor> rows = new ArrayList<>();
        for (final BgpNeighborConfig n : bgp.neighbors())
        {
            rows.add(new Neighbor(BgpSetup.text(BgpSetup.address(n.address())), n.port(), n.remoteAs(), n.role(),
                SessionState.IDLE.toString(), -1, 0, 0, 0, 0, 0, 0, 0, 0, -1, List.of(), null, ""));
        }
        return new BgpSnapshot(bgp.asn(), bgp.routerId(), List.copyOf(rows), List.of(), List.of(), RibEvents.NONE, 0);
    }

    /**
     * What the RIBs (of every role) did not apply as received, since the start.
     *
     * @param treatAsWithdraw  UPDATEs whose routes were treated as withdrawn (RFC 7606 2)
     * @param attributeDiscard UPDATEs applied without their malformed attributes (RFC 7606 2)
     * @param sessionReset     UPDATEs not applied because their error resets the session
     * @param overMaxPrefix    UPDATEs ignored from a neighbor over its max-prefix limit
     * @param otherFamily      routes of a family not kept, or not negotiated with the neighbor
     * @param asPathLoop       routes whose AS path held our AS (RFC 4271 9.1.2)
     */
    public record RibEvents(long treatAsWithdraw, long attributeDiscard, long sessionReset, long overMaxPrefix,
        long otherFamily, long asPathLoop)
    {
        /** Nothing yet. */
        public static final RibEvents NONE = new RibEvents(0, 0, 0, 0, 0, 0);

        /** The sums over {@code ribs}; null entries are skipped. */
        public static RibEvents of(final Rib... ribs)
        {
            long withdraw = 0;
            long discard = 0;
            long reset = 0;
            long overLimit = 0;
            long family = 0;
            long loop = 0;
            for (final Rib r : ribs)
            {
                if (r != null)
                {
                    withdraw += r.treatedAsWithdraw();
                    discard += r.attributesDiscarded();
                    reset += r.sessionResetUpdatesIgnored();
                    overLimit += r.updatesIgnoredOverLimit();
                    family += r.otherFamilyRoutesIgnored();
                    loop += r.asPathLoops();
                }
            }
            return new RibEvents(withdraw, discard, reset, overLimit, family, loop);
        }
    }

    /** The row of a neighbor, or null. */
    public Neighbor neighbor(final String address)
    {
        for (final Neighbor n : neighbors)
        {
            if (n.address().equals(address))
            {
                return n;
            }
        }
        return null;
    }

    /**
     * One neighbor.
     *
     * @param address          its address
     * @param port             its TCP port
     * @param remoteAs         its AS
     * @param role             {@code egress-peer} or {@code ibgp}
     * @param state            FSM state
     * @param establishedForMs time in Established, or -1 when not Established
     * @param messagesIn       messages received, all types
     * @param messagesOut      messages queued to it, all types
     * @param updatesIn        UPDATEs received
     * @param updatesOut       UPDATEs queued
     * @param prefixesReceived routes in its Adj-RIB-In
     * @param prefixesAccepted routes of the family its role uses
     * @param prefixesAdvertised routes in its Adj-RIB-Out: sent to it, or queued to it while its session is
     *                         Established (an ASBR's exported VPNv6 routes and locator to an iBGP neighbor, of the
     *                         families negotiated with it; 0 to an egress peer, to which we originate nothing)
     * @param pendingOut       UPDATEs waiting for room in its write buffer
     * @param holdTimeS        negotiated hold time, or -1
     * @param families         the address families negotiated (configuration names), empty before an OPEN exchange
     * @param peerRouterId     its BGP identifier, or null before its OPEN
     * @param lastError        why it last failed, empty when nothing failed
     */
    public record Neighbor(String address, int port, long remoteAs, String role, String state, long establishedForMs,
        long messagesIn, long messagesOut, long updatesIn, long updatesOut, long prefixesReceived,
        long prefixesAccepted, long prefixesAdvertised, int pendingOut, long holdTimeS, List<String> families,
        String peerRouterId, String lastError)
    {
    }

    /**
     * One received route, kept in primitive form with its shared interned attributes (about 60 octets a row, so
     * {@link BgpAgent#MAX_ROUTE_ROWS} rows of a full table cost a few megabytes); the text the operator sees is
     * made when asked for, on the reading thread (the attributes are immutable apart from the RIB's reference
     * count, which is not read here).
     *
     * @param neighbor   who sent it
     * @param vpn        true for a VPN-IPv6 route, false for IPv6 unicast
     * @param rdValue    route distinguisher (0 for IPv6 unicast)
     * @param hi         prefix address, high 64 bits
     * @param lo         prefix address, low 64 bits
     * @param length     prefix length
     * @param labelField the NLRI's first label field (0 for IPv6 unicast)
     * @param attributes its interned path attributes
     * @param best       true when our roles selected it
     */
    public record Route(String neighbor, boolean vpn, long rdValue, long hi, long lo, int length, int labelField,
        PathAttributes attributes, boolean best)
    {
        /** The route distinguisher as FRR and GoBGP print it, or null for IPv6 unicast. */
        public String rd()
        {
            return vpn ? new RouteDistinguisher(rdValue).toString() : null;
        }

        /** The prefix. */
        public String prefix()
        {
            return Ipv6Prefix.of(hi, lo, length).toString();
        }

        /** The next hop. */
        public String nextHop()
        {
            return Ipv6Address.format(attributes.nextHopHi(), attributes.nextHopLo());
        }

        /** The SRv6 SID of its Prefix-SID attribute (transposed bits put back for VPN routes), or null. */
        public String sid()
        {
            final Srv6SidInformation info = attributes.srv6Sid();
            if (info == null)
            {
                return null;
            }
            return (vpn ? SidTransposition.fullSid(info, labelField) : info.sid()).toString();
        }

        /** The SID's endpoint behavior codepoint, or -1. */
        public int behavior()
        {
            final Srv6SidInformation info = attributes.srv6Sid();
            return info == null ? -1 : info.endpointBehavior();
        }

        /** The label value (transposed SID function bits), or -1 for IPv6 unicast. */
        public int label()
        {
            return vpn ? MplsLabel.value(labelField) : -1;
        }

        /** Its route targets ({@code 65000:100}). */
        public List<String> routeTargets()
        {
            final List<String> rts = new ArrayList<>();
            for (final ExtendedCommunity rt : attributes.routeTargets())
            {
                rts.add(rt.globalLocal());
            }
            return List.copyOf(rts);
        }

        /** AS path length. */
        public int asPath()
        {
            return attributes.asPathLength();
        }
    }
}
