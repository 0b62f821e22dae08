package net.srv6epe.dataplane.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The EPE lab ({@code lab/epe/epe.sh}, docs/LAB.md) in its short CI form: the paper's Fig. 7 topology in network
 * namespaces with the BGP control plane (GoBGP transits, client ISP and route reflector; our ASBR and content-server
 * encapsulator), shaped links a and b, plain TCP against MPTCP-EPE. Each test runs one scenario with
 * {@code --quick --json} and asserts the shape of the paper's findings on the JSON the script prints last, not
 * absolute numbers:
 * <ul>
 *   <li>scenario 1 (Table 1): MPTCP-EPE goodput at least TCP's in every pattern, with subflows on all three paths;
 *       where the BGP best path is poor, MPTCP-EPE still carries at least 90 % of the 25 Mbit/s CBR while TCP
 *       cannot;</li>
 *   <li>scenario 2 (Table 2, pattern 2.1): when the best path degrades mid-flow, TCP drops with it and MPTCP-EPE
 *       keeps the CBR rate by moving traffic onto Transit B;</li>
 *   <li>scenario 3 (Table 3): every route change at Transit A reaches the content server's VRF, after the ASBR's;
 *       after a withdrawal under traffic the subflow through Transit A stops carrying traffic and the MPTCP session
 *       survives on the others.</li>
 * </ul>
 * Needs root, gobgpd, mptcpize, iperf3, tcpdump (lab/install-deps.sh test, which bin/test-all runs). The router is
 * the jar named by system property {@code srv6epe.jar}.
 */
@EnabledIfSystemProperty(named = "srv6epe.netns", matches = "true", disabledReason = "builds network namespaces: " +
    "needs root; run with -Dsrv6epe.netns=true (bin/test-all does)")
class EpeLabIT
{
    /** The longest a quick scenario may take (they take one to two minutes). */
    private static final long SCENARIO_TIMEOUT_S = 300;
    private static final double CBR_MBPS = 25.0;
    /**
     * MPTCP-EPE ">=" TCP for CBR, within run-to-run noise: where link a alone can carry the 25 Mbit/s, both are
     * capped by the CBR rate and tie, and a 4-second MPTCP transfer on this shared machine falls a little short now
     * and then (the full runs in docs/LAB.md: all within 5 %). Bulk has no such cap and is compared strictly.
     */
    private static final double CBR_AT_LEAST_TCP = 0.92;

    @TempDir
    Path dir;

    private LabScript lab()
    {
        return new LabScript("lab/epe/epe.sh", List.of("cs.log", "asbr.log"), SCENARIO_TIMEOUT_S, dir);
    }

    @Test
    @Timeout(value = 2 * SCENARIO_TIMEOUT_S + 60)
    void staticQualityMptcpEpeIsAtLeastTcpEverywhereAndFillsTheCbrWhenTheBestPathIsPoor() throws Exception
    {
        lab().withOneRetry("static", EpeLabIT::assertStatic);
    }

    private static void assertStatic(final JsonNode r)
    {
        final JsonNode patterns = r.path("patterns");
        assertEquals(8, patterns.size(), "4 patterns x {cbr, bulk}: " + patterns);
        for (final JsonNode p : patterns)
        {
            final String what = "pattern " + p.path("name").asText() + " " + p.path("traffic").asText() + " (link a " +
                p.path("link_a_mbps").asInt() + ", link b " + p.path("link_b_mbps").asInt() + " Mbit/s): " + brief(p);
            assertEquals(0, p.path("tcp_failed").asInt() + p.path("mptcp_failed").asInt(), "transfers failed in " + what);
            assertTrue(p.path("tcp_mbps").isNumber() && p.path("mptcp_mbps").isNumber(), what);
            final double tcp = p.path("tcp_mbps").asDouble();
            final double mptcp = p.path("mptcp_mbps").asDouble();
            assertTrue(tcp > 5, "TCP carried almost nothing in " + what);
            final boolean cbr = "cbr".equals(p.path("traffic").asText());
            assertTrue(mptcp >= (cbr ? CBR_AT_LEAST_TCP : 1.0) * tcp, "MPTCP-EPE below TCP in " + what);
            assertEquals(3, p.path("mptcp_subflow_paths_min").asInt(),
                "MPTCP-EPE without a subflow from each server address (best path, EPE A, EPE B) in " + what);
            final boolean bestPathPoor = p.path("link_a_mbps").asInt() < CBR_MBPS;
            if (bestPathPoor && cbr)
            {
                assertTrue(mptcp >= 0.9 * CBR_MBPS, "MPTCP-EPE CBR below 90 % of 25 Mbit/s with the best path poor in " +
                    what);
                assertTrue(tcp < 0.9 * CBR_MBPS, "TCP reached the CBR rate over a poor best path (is link a shaped?) in " +
                    what);
            }
            if (!cbr)
            {
                // bulk fills both links: Transit B's link carried MPTCP traffic, the EPE-B subflow's
                assertTrue(p.path("mptcp_link_use_mbps").path("b").asDouble() > 0.5 * p.path("link_b_mbps").asDouble(),
                    "link b carried little of MPTCP-EPE's bulk in " + what);
                assertTrue(p.path("mptcp_subflow_mbps").path("epe-b").asDouble() > 0.4 * p.path("link_b_mbps").asDouble(),
                    "the EPE-B subflow carried little in " + what);
            }
        }
    }

    @Test
    @Timeout(value = 2 * SCENARIO_TIMEOUT_S + 60)
    void whenTheBestPathDegradesMidFlowMptcpEpeMovesTheCbrToTransitB() throws Exception
    {
        lab().withOneRetry("dynamic", EpeLabIT::assertDynamic);
    }

    private static void assertDynamic(final JsonNode r)
    {
        final JsonNode p = find(r.path("patterns"), "2.1", "cbr");
        final JsonNode tcp = p.path("tcp");
        final JsonNode mptcp = p.path("mptcp");
        assertTrue(tcp.path("ok").asBoolean() && mptcp.path("ok").asBoolean(), "a transfer failed: " + p);
        // link a 30 -> 15 Mbit/s at 4 s, link b 15: TCP (best path only) falls below the CBR rate...
        assertTrue(tcp.path("before_mbps").asDouble() >= 0.9 * CBR_MBPS, "TCP before the change: " + tcp);
        assertTrue(tcp.path("after_mbps").asDouble() < 0.75 * CBR_MBPS, "TCP after link a fell to 15 Mbit/s: " + tcp);
        // ...MPTCP-EPE keeps it, the EPE-B subflow taking over what link a lost: link a carries at most 15 Mbit/s,
        // so at least 90 % of the CBR rate means at least 7.5 Mbit/s through Transit B
        assertTrue(mptcp.path("before_mbps").asDouble() >= 0.9 * CBR_MBPS, "MPTCP-EPE before the change: " + mptcp);
        assertTrue(mptcp.path("after_mbps").asDouble() >= 0.9 * CBR_MBPS, "MPTCP-EPE after the change: " + mptcp);
        final JsonNode b = mptcp.path("subflow_mbps").path("epe-b");
        assertTrue(b.path("after").asDouble() >= 0.9 * CBR_MBPS - 15 && b.path("after").asDouble() > b.path("before")
            .asDouble(), "the EPE-B subflow did not take over: " + mptcp.path("subflow_mbps"));
    }

    @Test
    @Timeout(value = 2 * SCENARIO_TIMEOUT_S + 60)
    void routeChangesReachTheContentServerAndAWithdrawnEgressStopsCarryingTraffic() throws Exception
    {
        lab().withOneRetry("route-change", EpeLabIT::assertRouteChange);
    }

    private static void assertRouteChange(final JsonNode r)
    {
        for (final String[] expect : new String[][] {{"3.1", "announce"}, {"3.2", "withdraw"}})
        {
            final JsonNode p = find(r.path("patterns"), expect[0], null);
            final String what = "pattern " + expect[0] + " (" + expect[1] + "): " + brief(p);
            assertEquals(expect[1], p.path("change").asText(), what);
            assertTrue(p.path("trials").asInt() >= 5, what);
            assertEquals(0, p.path("missed").asInt(), "route changes that never reached the content server in " + what);
            assertEquals(p.path("trials").asInt(), p.path("epe_ms").path("n").asInt(), what);
            assertEquals(p.path("trials").asInt(), p.path("asbr_bgp_ms").path("n").asInt(),
                "route changes the ASBR's journal did not show in " + what);
            // generous bound for a loaded CI machine; the full run's medians are in docs/LAB.md
            assertTrue(p.path("epe_ms").path("median").asDouble() < 1000, "slow convergence in " + what);
            for (final JsonNode t : p.path("trial_ms"))
            {
                // causality: the ASBR installs the egress peer's route before the content server gets it
                assertTrue(t.get(1).asDouble() <= t.get(0).asDouble(), "ASBR after the content server in " + what);
            }
        }
        final JsonNode w = r.path("withdraw_under_traffic");
        assertFalse(w.isMissingNode() || w.isNull(), "no withdrawal under traffic in " + r);
        final String what = "withdrawal under traffic: " + w;
        assertTrue(w.path("route_removed_at_s").isNumber(), "the EPE-A route was not removed: " + what);
        assertTrue(w.path("subflow_mbps_before").path("epe-a").asDouble() > 1.0,
            "the EPE-A subflow carried nothing before the withdrawal: " + what);
        assertTrue(w.path("withdrawn_subflow_stopped").asBoolean(), "the EPE-A subflow still carried traffic: " + what);
        assertEquals(0, w.path("epe_a_bytes_after").asLong(), what);
        assertTrue(w.path("session_survived").asBoolean(), "the MPTCP session did not survive: " + what);
        assertTrue(w.path("subflow_mbps_after").path("epe-b").asDouble() > 1.0,
            "the EPE-B subflow did not carry on: " + what);
    }

    private static JsonNode find(final JsonNode patterns, final String name, final String traffic)
    {
        for (final JsonNode p : patterns)
        {
            if (name.equals(p.path("name").asText()) && (traffic == null || traffic.equals(p.path("traffic").asText())))
            {
                return p;
            }
        }
        throw new AssertionError("no pattern " + name + (traffic == null ? "" : " " + traffic) + " in " + patterns);
    }

    /** A pattern without its per-run and per-trial detail, for messages. */
    private static String brief(final JsonNode p)
    {
        final JsonNode copy = p.deepCopy();
        ((com.fasterxml.jackson.databind.node.ObjectNode) copy).remove(List.of("runs", "trial_ms"));
        return copy.toString();
    }
}
