package net.srv6epe.dataplane.interop;

import static net.srv6epe.dataplane.interop.InteropLab.BHOST;
import static net.srv6epe.dataplane.interop.InteropLab.DHOST;
import static net.srv6epe.dataplane.interop.InteropLab.DHOST3;
import static net.srv6epe.dataplane.interop.InteropLab.GHOST;
import static net.srv6epe.dataplane.interop.InteropLab.GHOST4;
import static net.srv6epe.dataplane.interop.InteropLab.HOST;
import static net.srv6epe.dataplane.interop.InteropLab.HOST4;
import static net.srv6epe.dataplane.interop.InteropLab.HOST_A;
import static net.srv6epe.dataplane.interop.InteropLab.HOST_B;
import static net.srv6epe.dataplane.interop.InteropLab.KSID_A;
import static net.srv6epe.dataplane.interop.InteropLab.KSID_B;
import static net.srv6epe.dataplane.interop.InteropLab.MAC_WEST;
import static net.srv6epe.dataplane.interop.InteropLab.R_WEST;
import static net.srv6epe.dataplane.interop.InteropLab.SID_DT46;
import static net.srv6epe.dataplane.interop.InteropLab.SID_DT6;
import static net.srv6epe.dataplane.interop.InteropLab.SID_END;
import static net.srv6epe.dataplane.interop.InteropLab.SID_ENDX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import net.srv6epe.dataplane.lab.Netns;

/**
 * Our router against the Linux kernel's SRv6 (seg6 / seg6local) on the {@link InteropLab} topology: kernel
 * H.Encaps into our End.DT6 / End.DT46, our H.Encaps / H.Encaps.Red (PBR by source) into the kernel's End.DT6, an
 * SRH transiting our End and End.X to the kernel's End.DT6 (each path carries ping and a 4 MB sha256-checked TCP
 * transfer), PBR by source to two SIDs, and malformed SRv6 packets built with scapy at our SIDs: for each, the named
 * drop counter grows by exactly the packets sent, the RFC 8754 / 8986 ICMPv6 error (type, code, pointer) comes back
 * to the sender from our west address, quoting the packet, and nothing (but NDP/ARP) leaves our router on its other
 * ports (captured on the far ends: knode, bhost, ghost).
 *
 * <p>One topology and one router process for all tests (run order does not matter; counters are compared as
 * deltas).
 */
@EnabledIfSystemProperty(named = "srv6epe.netns", matches = "true",
    disabledReason = "needs root and network namespaces; enabled by the README's test command")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60)
class KernelInteropIT
{
    static final int TRANSFER_BYTES = 4 << 20;
    static final Duration TRANSFER_TIMEOUT = Duration.ofSeconds(30);

    private static final int COUNT = 3;
    private static final int PARAMETER_PROBLEM = 4;
    private static final int TIME_EXCEEDED = 3;
    /** Anything but ARP and NDP (ICMPv6 133..137 right after the IPv6 header). */
    private static final String NOT_NEIGHBOR_DISCOVERY = "not arp and not (icmp6 and ip6[40] >= 133 and ip6[40] <= 137)";

    private InteropLab lab;

    @BeforeAll
    void setUp() throws Exception
    {
        lab = InteropLab.start();
    }

    @AfterAll
    void tearDown()
    {
        if (lab != null)
        {
            lab.close();
        }
    }

    private void assertPing(final String ns, final String source, final String destination)
    {
        final String out = lab.pingAfterWarmUp(ns, source, destination, 3);
        assertTrue(out.contains(" 3 received"), () -> "ping " + source + " -> " + destination + ": " + out +
            "\nrouter errors: " + lab.errors() + "\nrouter log: " + lab.routerLog());
    }

    private void assertTransfer(final String clientNs, final String source, final String serverNs,
        final String destination, final int port) throws InterruptedException
    {
        final InteropLab.Transfer t =
            lab.transfer(clientNs, source, serverNs, destination, port, TRANSFER_BYTES, TRANSFER_TIMEOUT);
        assertTrue(t.ok(), () -> "TCP " + source + " -> " + destination + ": " + t + "\nrouter errors: " +
            lab.errors() + "\nserver's kernel: " + lab.checksumErrors(serverNs));
    }

    // 1. kernel seg6 encap -> our End.DT6 / End.DT46 -> the host in the right VRF

    @Test
    void kernelEncapIpv6IntoOurEndDt6ReachesVrfBlue() throws Exception
    {
        final long before = lab.sidGoodPackets(SID_DT6);
        final long blueBefore = lab.rxPackets(lab.bhost, lab.bhostIf);
        final long greenBefore = lab.rxPackets(lab.ghost, lab.ghostIf);
        assertPing(lab.host, HOST, BHOST);
        assertTrue(lab.rxPackets(lab.bhost, lab.bhostIf) - blueBefore >= 3);
        assertTrue(lab.rxPackets(lab.ghost, lab.ghostIf) - greenBefore < 3, "nothing for VRF green");
        assertTransfer(lab.host, HOST, lab.bhost, BHOST, 5001);
        final long after = lab.sidGoodPackets(SID_DT6);
        assertTrue(after - before >= 3 + TRANSFER_BYTES / 1400, "End.DT6 good-packets " + before + " -> " + after);
    }

    @Test
    void kernelEncapRedIpv6IntoOurEndDt46ReachesVrfGreen() throws Exception
    {
        final long before = lab.sidGoodPackets(SID_DT46);
        assertPing(lab.host, HOST, GHOST);
        assertTransfer(lab.host, HOST, lab.ghost, GHOST, 5002);
        final long after = lab.sidGoodPackets(SID_DT46);
        assertTrue(after - before >= 3 + TRANSFER_BYTES / 1400, "End.DT46 good-packets " + before + " -> " + after);
    }

    @Test
    void kernelEncapIpv4IntoOurEndDt46ReachesVrfGreen() throws Exception
    {
        final long before = lab.sidGoodPackets(SID_DT46);
        assertPing(lab.host, HOST4, GHOST4);
        assertTransfer(lab.host, HOST4, lab.ghost, GHOST4, 5003);
        final long after = lab.sidGoodPackets(SID_DT46);
        assertTrue(after - before >= 3 + TRANSFER_BYTES / 1400, "End.DT46 good-packets " + before + " -> " + after);
    }

    // 2. our H.Encaps / H.Encaps.Red (PBR by source) -> kernel End.DT6

    @Test
    void ourHEncapsByPbrIntoKernelEndDt6() throws Exception
    {
        final long before = lab.counter("pipeline.encapsulated");
        final long kernelBefore = lab.kernelSidPackets(KSID_A);
        assertPing(lab.host, HOST_A, DHOST);
        assertTransfer(lab.host, HOST_A, lab.dhost, DHOST, 5004);
        final long after = lab.counter("pipeline.encapsulated");
        assertTrue(after - before >= 3 + TRANSFER_BYTES / 1400, "encapsulated " + before + " -> " + after);
        final long kernelAfter = lab.kernelSidPackets(KSID_A);
        assertTrue(kernelAfter - kernelBefore >= 3 + TRANSFER_BYTES / 1400,
            "kernel End.DT6 " + KSID_A + " packets " + kernelBefore + " -> " + kernelAfter);
    }

    @Test
    void ourHEncapsRedByPbrIntoKernelEndDt6() throws Exception
    {
        final long before = lab.counter("pipeline.encapsulated");
        final long kernelBefore = lab.kernelSidPackets(KSID_B);
        assertPing(lab.host, HOST_B, DHOST);
        assertTransfer(lab.host, HOST_B, lab.dhost, DHOST, 5005);
        final long after = lab.counter("pipeline.encapsulated");
        assertTrue(after - before >= 3 + TRANSFER_BYTES / 1400, "encapsulated " + before + " -> " + after);
        final long kernelAfter = lab.kernelSidPackets(KSID_B);
        assertTrue(kernelAfter - kernelBefore >= 3 + TRANSFER_BYTES / 1400,
            "kernel End.DT6 " + KSID_B + " packets " + kernelBefore + " -> " + kernelAfter);
    }

    /**
     * The same End.DT6 path with the kernel's default transmit offloads on the sending host and the server (all
     * other tests turn them off: see {@link InteropLab#txChecksumOffload}): the host hands our port TCP segments
     * whose checksum it left to the hardware (CHECKSUM_PARTIAL) inside TSO super-frames; the af-packet backend (the
     * default) finishes the checksums and splits the super-frames, so the transfer arrives intact.
     */
    @Test
    void tcpWithKernelTxChecksumOffload() throws Exception
    {
        final long completedBefore = lab.counter("port.west.rx.checksum-completed") +
            lab.counter("port.west.rx.gso-split");
        try
        {
            lab.txChecksumOffload(lab.host, lab.hostIf, true);
            lab.txChecksumOffload(lab.bhost, lab.bhostIf, true);
            assertPing(lab.host, HOST, BHOST);
            assertTransfer(lab.host, HOST, lab.bhost, BHOST, 5010);
        }
        finally
        {
            lab.txChecksumOffload(lab.host, lab.hostIf, false);
            lab.txChecksumOffload(lab.bhost, lab.bhostIf, false);
        }
        final long completedAfter = lab.counter("port.west.rx.checksum-completed") +
            lab.counter("port.west.rx.gso-split");
        assertTrue(completedAfter - completedBefore >= TRANSFER_BYTES / 65536,
            "the host's offloaded frames were finished by our port: " + completedBefore + " -> " + completedAfter);
        assertEquals(0, lab.counter("port.west.rx.offload-errors"));
    }

    // 3. kernel SRH with three segments through our End and End.X to the kernel's End.DT6

    @Test
    void srhTransitsOurEndAndEndXToKernelEndDt6() throws Exception
    {
        final long endBefore = lab.sidGoodPackets(SID_END);
        final long endXBefore = lab.sidGoodPackets(SID_ENDX);
        final long kernelBefore = lab.kernelSidPackets(KSID_A);
        final InteropLab.Capture cap = lab.capture(lab.knode, lab.knodeWest, "ip6 and ip6[6] = 43");
        final String out;
        try
        {
            out = lab.pingAfterWarmUp(lab.host, HOST, DHOST3, 3);
        }
        finally
        {
            cap.stop();
        }
        assertTrue(out.contains(" 3 received"), () -> "ping " + DHOST3 + ": " + out + "\nerrors: " +
            lab.errors());
        final List<String> rows = cap.fields("ipv6.routing.type == 4", "ipv6.dst", "ipv6.routing.segleft",
            "ipv6.routing.srh.addr");
        assertTrue(rows.size() >= 4, () -> "SRv6 packets on the knode link: " + cap.summary());
        for (final String row : rows)
        {
            final String[] f = row.split("\\|");
            assertEquals(KSID_A, f[0].split(",")[0], row);
            assertEquals("0", f[1], row);
            assertEquals(KSID_A + "," + SID_ENDX + "," + SID_END, f[2], row);
        }
        assertTrue(lab.sidGoodPackets(SID_END) - endBefore >= 4);
        assertTrue(lab.sidGoodPackets(SID_ENDX) - endXBefore >= 4);
        assertTrue(lab.kernelSidPackets(KSID_A) - kernelBefore >= 4);
    }

    // 4. PBR: one destination, two sources, two SIDs

    @Test
    void pbrSendsOneDestinationFromTwoSourcesToTwoSids() throws Exception
    {
        final InteropLab.Capture cap = lab.capture(lab.knode, lab.knodeWest, "ip6 and (ip6[6] = 41 or ip6[6] = 43)");
        final String a;
        final String b;
        try
        {
            a = lab.pingAfterWarmUp(lab.host, HOST_A, DHOST, 2);
            b = lab.pingAfterWarmUp(lab.host, HOST_B, DHOST, 2);
        }
        finally
        {
            cap.stop();
        }
        assertTrue(a.contains(" 2 received"), a);
        assertTrue(b.contains(" 2 received"), b);
        final List<String> rows = cap.fields("icmpv6.type == 128", "ipv6.src", "ipv6.dst", "ipv6.nxt");
        int fromA = 0;
        int fromB = 0;
        for (final String row : rows)
        {
            final String[] f = row.split("\\|");
            final String[] src = f[0].split(",");
            final String[] dst = f[1].split(",");
            assertEquals(2, src.length, () -> "outer + inner IPv6: " + row);
            assertEquals(InteropLab.R_EAST, src[0], row);
            assertEquals(DHOST, dst[1], row);
            final String outerNext = f[2].split(",")[0];
            if (src[1].equals(HOST_A))
            {
                assertEquals(KSID_A, dst[0], row);
                assertEquals("43", outerNext, () -> "H.Encaps pushes an SRH: " + row);
                fromA++;
            }
            else if (src[1].equals(HOST_B))
            {
                assertEquals(KSID_B, dst[0], row);
                assertEquals("41", outerNext, () -> "H.Encaps.Red with one segment has no SRH: " + row);
                fromB++;
            }
            else
            {
                throw new AssertionError("unexpected inner source: " + row);
            }
        }
        assertTrue(fromA >= 3 && fromB >= 3, () -> "echo requests A " + rows + "\n" + cap.summary());
        assertFalse(rows.isEmpty());
    }

    /** What one scapy run produced. */
    private record Outcome(JsonNode result, JsonNode errorsBefore, JsonNode errorsAfter)
    {
        long delta(final String reason)
        {
            return InteropLab.errorCount(errorsAfter, reason) - InteropLab.errorCount(errorsBefore, reason);
        }

        JsonNode icmp()
        {
            return result.path("icmp");
        }
    }

    /** Sends COUNT packets of a case; asserts that nothing left on the other ports. */
    private Outcome send(final String caseName) throws Exception
    {
        final JsonNode before = lab.show("errors");
        final List<InteropLab.Capture> captures = new ArrayList<>();
        final Netns.Result r;
        try
        {
            captures.add(lab.capture(lab.knode, lab.knodeWest, NOT_NEIGHBOR_DISCOVERY));
            captures.add(lab.capture(lab.bhost, lab.bhostIf, NOT_NEIGHBOR_DISCOVERY));
            captures.add(lab.capture(lab.ghost, lab.ghostIf, NOT_NEIGHBOR_DISCOVERY));
            r = lab.lab.exec(lab.host, Duration.ofSeconds(30), "/usr/bin/python3", InteropLab.resource("malformed.py"),
                caseName, lab.hostIf, lab.lab.mac(lab.host, lab.hostIf), MAC_WEST, HOST, String.valueOf(COUNT),
                SID_END, SID_DT6, BHOST, KSID_A);
        }
        finally
        {
            for (final InteropLab.Capture c : captures)
            {
                c.stop();
            }
        }
        assertTrue(r.ok(), () -> "scapy " + caseName + ": " + r);
        final JsonNode result = new ObjectMapper().readTree(r.stdout());
        assertEquals(COUNT, result.path("sent").asInt(), r.stdout());
        for (final InteropLab.Capture c : captures)
        {
            final List<String> leaked = c.fields(null, "frame.number");
            assertTrue(leaked.isEmpty(), () -> caseName + ": packets left our router on another port:\n" +
                c.summary());
        }
        return new Outcome(result, before, lab.show("errors"));
    }

    private void assertIcmp(final Outcome o, final int type, final int code, final int pointer, final String quotedDst)
    {
        assertEquals(COUNT, o.icmp().size(), () -> "ICMPv6 errors back at the sender: " + o.result());
        for (final JsonNode e : o.icmp())
        {
            assertEquals(type, e.path("type").asInt(), e::toString);
            assertEquals(code, e.path("code").asInt(), e::toString);
            assertEquals(pointer, e.path("ptr").asLong(), e::toString);
            assertEquals(R_WEST, e.path("src").asText(), e::toString);
            assertEquals(quotedDst, e.path("quoted_dst").asText(), e::toString);
        }
    }

    // 5. malformed SRv6 packets (scapy) at our SIDs

    /** RFC 8754 4.3.1.1 / RFC 8986 4.1 S09-S10: Parameter Problem code 0, pointer to Segments Left (40 + 3). */
    @Test
    void segmentsLeftBeyondLastEntryAtEnd() throws Exception
    {
        final Outcome o = send("sl-exceeds-last-entry");
        assertEquals(COUNT, o.delta("drop.srh.sl-exceeds-last-entry"), () -> InteropLab.nonZero(o.errorsAfter()));
        assertIcmp(o, PARAMETER_PROBLEM, 0, 43, SID_END);
    }

    /** RFC 8986 4.1.1 S04: SL 0 at End, upper layer UDP: Parameter Problem code 4, pointer to the UDP header (64). */
    @Test
    void segmentsLeftZeroAtEndWithUdp() throws Exception
    {
        final Outcome o = send("sl-zero-udp-at-end");
        assertEquals(COUNT, o.delta("drop.srv6.upper-layer-unsupported"), () -> InteropLab.nonZero(o.errorsAfter()));
        assertIcmp(o, PARAMETER_PROBLEM, 4, 40 + 8 + 16, SID_END);
    }

    /** RFC 8986 4.6 S02-S03: SL != 0 at End.DT6: Parameter Problem code 0, pointer to Segments Left (43). */
    @Test
    void segmentsLeftNonZeroAtEndDt6() throws Exception
    {
        final Outcome o = send("sl-nonzero-at-dt6");
        assertEquals(COUNT, o.delta("drop.srh.sl-nonzero"), () -> InteropLab.nonZero(o.errorsAfter()));
        assertIcmp(o, PARAMETER_PROBLEM, 0, 43, SID_DT6);
    }

    /** RFC 8986 4.1 S05-S06: hop limit 1 at End: Time Exceeded code 0. */
    @Test
    void hopLimitOneAtEnd() throws Exception
    {
        final Outcome o = send("hop-limit-1-at-end");
        assertEquals(COUNT, o.delta("drop.ipv6.hop-limit-exceeded"), () -> InteropLab.nonZero(o.errorsAfter()));
        assertIcmp(o, TIME_EXCEEDED, 0, 0, SID_END);
    }

    /** Hdr Ext Len beyond the packet: dropped as a truncated SRH, no ICMPv6 error, nothing forwarded. */
    @Test
    void truncatedSrhIsDroppedSilently() throws Exception
    {
        final Outcome o = send("truncated-srh");
        assertEquals(COUNT, o.delta("drop.srh.truncated"), () -> InteropLab.nonZero(o.errorsAfter()));
        assertEquals(0, o.icmp().size(), () -> "ICMPv6 errors back at the sender: " + o.result());
    }
}
