package net.srv6epe.dataplane.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import net.srv6epe.dataplane.bgp.BgpSnapshot;
import org.junit.jupiter.api.Test;

class BgpMetricsTest
{
    private static BgpSnapshot.Neighbor neighbor(final String address, final String state, final long upMs)
    {
        return new BgpSnapshot.Neighbor(address, 179, 65010, "egress-peer", state, upMs, 120, 80, 40, 7, 1_000, 900, 3,
            2, 90, List.of("ipv6-unicast"), "198.18.0.2", "");
    }

    private static String scrape(final BgpSnapshot s)
    {
        return new MetricsRegistry().register(new BgpMetrics(() -> s)).scrape();
    }

    @Test
    void writesEachNeighborUnderTheGobgpExportersNames()
    {
        final String text = scrape(new BgpSnapshot(65000, "198.18.0.1", List.of(
            neighbor("fd00:a1::2", "Established", 61_500), neighbor("fd00:b1::2", "OpenSent", -1)), List.of(),
            List.of(), new BgpSnapshot.RibEvents(1, 2, 3, 4, 5, 6), 0));

        assertTrue(text.contains("gobgp_router_asn 65000\n"), text);
        assertTrue(text.contains("gobgp_router_id{id=\"198.18.0.1\"} 1\n"), text);
        assertTrue(text.contains("gobgp_peer_count 2\n"), text);
        assertTrue(text.contains("gobgp_peer_up{name=\"fd00:a1::2\"} 1\n"), text);
        assertTrue(text.contains("gobgp_peer_up{name=\"fd00:b1::2\"} 0\n"), text);
        assertTrue(text.contains("gobgp_peer_session_state{name=\"fd00:a1::2\"} 6\n"), text);
        assertTrue(text.contains("gobgp_peer_session_state{name=\"fd00:b1::2\"} 4\n"), text);
        assertTrue(text.contains("gobgp_peer_asn{name=\"fd00:a1::2\"} 65010\n"), text);
        assertTrue(text.contains("gobgp_peer_local_asn{name=\"fd00:a1::2\"} 65000\n"), text);
        assertTrue(text.contains("gobgp_peer_received_message_total_count{name=\"fd00:a1::2\"} 120\n"), text);
        assertTrue(text.contains("gobgp_peer_sent_message_total_count{name=\"fd00:a1::2\"} 80\n"), text);
        assertTrue(text.contains("gobgp_peer_received_update_message_count{name=\"fd00:a1::2\"} 40\n"), text);
        assertTrue(text.contains("gobgp_peer_sent_update_message_count{name=\"fd00:a1::2\"} 7\n"), text);
        assertTrue(text.contains("gobgp_peer_received_route_count{name=\"fd00:a1::2\"} 1000\n"), text);
        assertTrue(text.contains("gobgp_peer_accepted_route_count{name=\"fd00:a1::2\"} 900\n"), text);
        assertTrue(text.contains("gobgp_peer_advertised_route_count{name=\"fd00:a1::2\"} 3\n"), text);
        assertTrue(text.contains("gobgp_peer_out_queue_count{name=\"fd00:a1::2\"} 2\n"), text);
        assertTrue(text.contains("srv6epe_bgp_peer_uptime_seconds{name=\"fd00:a1::2\"} 61\n"), text);
        assertTrue(text.contains("srv6epe_bgp_update_outcomes_total{outcome=\"treat-as-withdraw\"} 1\n"), text);
        assertTrue(text.contains("srv6epe_bgp_update_outcomes_total{outcome=\"attribute-discard\"} 2\n"), text);
        assertTrue(text.contains("srv6epe_bgp_update_outcomes_total{outcome=\"session-reset\"} 3\n"), text);
        assertTrue(text.contains("srv6epe_bgp_update_outcomes_total{outcome=\"over-max-prefix\"} 4\n"), text);
        assertTrue(text.contains("srv6epe_bgp_routes_ignored_total{reason=\"family\"} 5\n"), text);
        assertTrue(text.contains("srv6epe_bgp_routes_ignored_total{reason=\"as-path-loop\"} 6\n"), text);
        assertTrue(text.contains("srv6epe_bgp_peer_uptime_seconds{name=\"fd00:b1::2\"} 0\n"), text);
    }

    @Test
    void mapsEveryFsmStateToTheExportersNumber()
    {
        assertEquals(1, BgpMetrics.sessionState("Idle"));
        assertEquals(2, BgpMetrics.sessionState("Connect"));
        assertEquals(3, BgpMetrics.sessionState("Active"));
        assertEquals(4, BgpMetrics.sessionState("OpenSent"));
        assertEquals(5, BgpMetrics.sessionState("OpenConfirm"));
        assertEquals(6, BgpMetrics.sessionState("Established"));
        assertEquals(0, BgpMetrics.sessionState("Bogus"));
    }
}
