package net.srv6epe.dataplane.interop;

import static net.srv6epe.dataplane.interop.EpeBgpLab.ASBR_BGP;
import static net.srv6epe.dataplane.interop.EpeBgpLab.ASBR_CORE;
import static net.srv6epe.dataplane.interop.EpeBgpLab.CLIENT;
import static net.srv6epe.dataplane.interop.EpeBgpLab.CLIENT_PREFIX;
import static net.srv6epe.dataplane.interop.EpeBgpLab.CS_BGP;
import static net.srv6epe.dataplane.interop.EpeBgpLab.LOCATOR;
import static net.srv6epe.dataplane.interop.EpeBgpLab.SRV_A;
import static net.srv6epe.dataplane.interop.EpeBgpLab.SRV_B;
import static net.srv6epe.dataplane.interop.EpeBgpLab.TA;
import static net.srv6epe.dataplane.interop.EpeBgpLab.TB;
import static net.srv6epe.dataplane.interop.EpeBgpLab.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end with BGP: our ASBR learns the client prefix from two kernel transits running GoBGP (eBGP, IPv6
 * unicast over IPv6), allocates a SID per transit VRF and hands the routes to our content-server encapsulator as
 * VPNv6 + SRv6 (iBGP over IPv6); a TCP transfer from each EPE source address leaves through its own transit; a
 * withdrawal and a lost session at a transit remove exactly that egress. Topology: {@link EpeBgpLab}.
 */
@EnabledIfSystemProperty(named = "srv6epe.netns", matches = "true", disabledReason = "builds network namespaces: " +
    "needs root; run with -Dsrv6epe.netns=true (bin/test-all does)")
@Timeout(value = 180)
class EpeBgpIT
{
    private static final Duration BGP_WAIT = Duration.ofSeconds(40);
    private static final Duration TRANSFER_TIMEOUT = Duration.ofSeconds(30);
    private static final int TRANSFER_BYTES = 2 << 20;
    /** A 2 MB transfer is ~1,500 segments of 1,340 bytes; its path carries at least that many. */
    private static final long MIN_PACKETS = 1_000;

    @TempDir
    Path dir;

    @Test
    void eachEpeSourceLeavesThroughItsOwnTransitOnRoutesLearnedByBgp() throws Exception
    {
        try (EpeBgpLab lab = EpeBgpLab.start(dir))
        {
            // sessions up over IPv6: three at the ASBR, one at the content server
            lab.await(BGP_WAIT, rows -> rows.size() == 3 && established(rows, TA) && established(rows, TB) &&
                established(rows, CS_BGP), "asbr", "bgp", "summary");
            lab.await(BGP_WAIT, rows -> established(rows, ASBR_BGP), "cs", "bgp", "summary");

            lab.announce(lab.ta);
            lab.announce(lab.tb);

            // the ASBR: one SID per transit VRF, the transits' routes in their own VRFs
            final JsonNode sids = lab.await(BGP_WAIT, rows -> row(rows, "vrf", "peer-a") != null &&
                row(rows, "vrf", "peer-b") != null, "asbr", "sids");
            final String sidA = row(sids, "vrf", "peer-a").get("sid").asText();
            final String sidB = row(sids, "vrf", "peer-b").get("sid").asText();
            assertEquals("End.DT6", row(sids, "vrf", "peer-a").get("behavior").asText(), sids.toString());
            assertEquals("End.DT46", row(sids, "vrf", "peer-b").get("behavior").asText(), sids.toString());
            assertTrue(sidA.startsWith("fc00:a:") && sidB.startsWith("fc00:a:") && !sidA.equals(sidB),
                sids.toString());
            final JsonNode peerA = lab.await(BGP_WAIT, rows -> row(rows, "prefix", CLIENT_PREFIX) != null,
                "asbr", "route", "--vrf", "peer-a");
            assertEquals(TA, row(peerA, "prefix", CLIENT_PREFIX).get("via").asText(), peerA.toString());

            // the content server: the locator in its underlay, one encap route per EPE VRF with that VRF's SID
            final JsonNode underlay = lab.await(BGP_WAIT, rows -> row(rows, "prefix", LOCATOR) != null,
                "cs", "route", "--vrf", "default");
            assertEquals(ASBR_CORE, row(underlay, "prefix", LOCATOR).get("via").asText(), underlay.toString());
            final JsonNode epeA = lab.await(BGP_WAIT, rows -> row(rows, "prefix", CLIENT_PREFIX) != null,
                "cs", "route", "--vrf", "epe-a");
            final JsonNode epeB = lab.await(BGP_WAIT, rows -> row(rows, "prefix", CLIENT_PREFIX) != null,
                "cs", "route", "--vrf", "epe-b");
            assertEncap(epeA, "H.Encaps", sidA);
            assertEncap(epeB, "H.Encaps.Red", sidB);

            // TCP from each EPE source: through its own transit, decapsulated by its own SID
            assertLeavesThrough(lab, SRV_A, lab.ta, lab.taWest, lab.tb, lab.tbWest, sidA, 40001);
            assertLeavesThrough(lab, SRV_B, lab.tb, lab.tbWest, lab.ta, lab.taWest, sidB, 40002);

            // transit A withdraws the client prefix: gone from epe-a at once, epe-b untouched, B still carries
            lab.withdraw(lab.ta);
            lab.await(BGP_WAIT, rows -> row(rows, "prefix", CLIENT_PREFIX) == null, "cs", "route", "--vrf", "epe-a");
            assertNotNull(row(lab.show("cs", "route", "--vrf", "epe-b"), "prefix", CLIENT_PREFIX));
            final InteropLab.Transfer cut = InteropLab.transfer(lab.lab, lab.srv, SRV_A, lab.cl, CLIENT, 40003,
                64 << 10, Duration.ofSeconds(8));
            assertFalse(cut.ok(), () -> "a transfer from " + SRV_A + " went through without its EPE route: " + cut);
            assertLeavesThrough(lab, SRV_B, lab.tb, lab.tbWest, lab.ta, lab.taWest, sidB, 40004);

            // transit A announces again: back in epe-a with the same SID, and traffic follows
            lab.announce(lab.ta);
            assertEncap(lab.await(BGP_WAIT, rows -> row(rows, "prefix", CLIENT_PREFIX) != null, "cs", "route",
                "--vrf", "epe-a"), "H.Encaps", sidA);
            assertLeavesThrough(lab, SRV_A, lab.ta, lab.taWest, lab.tb, lab.tbWest, sidA, 40005);

            // transit B's speaker dies: its session drops and its egress is withdrawn end to end
            lab.stopGobgpB();
            lab.await(BGP_WAIT, rows -> !established(rows, TB), "asbr", "bgp", "summary");
            lab.await(BGP_WAIT, rows -> row(rows, "prefix", CLIENT_PREFIX) == null, "cs", "route", "--vrf", "epe-b");
            assertNotNull(row(lab.show("cs", "route", "--vrf", "epe-a"), "prefix", CLIENT_PREFIX));
            assertEquals(1, lab.show("cs", "bgp", "vpnv6").size(), "only transit A's route is left");
            assertTrue(established(lab.show("asbr", "bgp", "summary"), TA), "transit A's session survives");
        }
    }

    private static boolean established(final JsonNode rows, final String neighbor)
    {
        final JsonNode r = row(rows, "neighbor", neighbor);
        return r != null && "Established".equals(r.path("state").asText());
    }

    private static void assertEncap(final JsonNode rows, final String mode, final String sid)
    {
        final JsonNode r = row(rows, "prefix", CLIENT_PREFIX);
        assertNotNull(r, rows.toString());
        assertEquals(mode, r.get("action").asText(), r.toString());
        assertEquals(sid, r.get("segments").get(0).asText(), r.toString());
    }

    /**
     * A checksummed TCP transfer from {@code source} to the client: it succeeds, the transit {@code via} received
     * the transfer's packets from the ASBR, the other transit did not, and the ASBR's SID decapsulated them.
     */
    private static void assertLeavesThrough(final EpeBgpLab lab, final String source, final String via,
        final String viaIf, final String other, final String otherIf, final String sid, final int port)
        throws InterruptedException
    {
        final long viaBefore = lab.rxPackets(via, viaIf);
        final long otherBefore = lab.rxPackets(other, otherIf);
        final long sidBefore = sidGood(lab, sid);
        final InteropLab.Transfer t = InteropLab.transfer(lab.lab, lab.srv, source, lab.cl, CLIENT, port,
            TRANSFER_BYTES, TRANSFER_TIMEOUT);
        assertTrue(t.ok(), () -> "TCP from " + source + ": " + t + "\ncs errors: " + lab.show("cs", "errors") +
            "\nasbr errors: " + lab.show("asbr", "errors") + "\n" + lab.logs());
        final long viaPackets = lab.rxPackets(via, viaIf) - viaBefore;
        final long otherPackets = lab.rxPackets(other, otherIf) - otherBefore;
        assertTrue(viaPackets >= MIN_PACKETS, source + " via " + via + ": only " + viaPackets + " packets");
        assertTrue(otherPackets < MIN_PACKETS / 10, source + " leaked to " + other + ": " + otherPackets + " packets");
        final long sidPackets = sidGood(lab, sid) - sidBefore;
        assertTrue(sidPackets >= MIN_PACKETS, "SID " + sid + " decapsulated only " + sidPackets + " packets");
    }

    private static long sidGood(final EpeBgpLab lab, final String sid)
    {
        final JsonNode r = row(lab.show("asbr", "sids"), "sid", sid);
        return r == null ? 0 : r.path("good-packets").asLong();
    }
}
