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
import static net.srv6epe.dataplane.interop.InteropLab.SID_DT46;
import static net.srv6epe.dataplane.interop.InteropLab.SID_DT6;
import static net.srv6epe.dataplane.interop.InteropLab.SID_END;
import static net.srv6epe.dataplane.interop.InteropLab.SID_ENDX;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Our router against the Linux kernel's SRv6 (seg6 / seg6local) on the {@link InteropLab} topology: kernel
 * H.Encaps into our End.DT6 / End.DT46, our H.Encaps / H.Encaps.Red (PBR by source) into the kernel's End.DT6, an
 * SRH transiting our End and End.X to the kernel's End.DT6. Each path carries ping and a 4 MB sha256-checked TCP
 * transfer.
 */
@EnabledIfSystemProperty(named = "srv6epe.netns", matches = "true",
    disabledReason = "needs root and network namespaces; enabled by the README's test command")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 60)
class KernelInteropIT
{
    static final int TRANSFER_BYTES = 4 << 20;
    static final Duration TRANSFER_TIMEOUT = Duration.ofSeconds(30);

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
            "\nrouter errors: " + lab.show("errors") + "\nrouter log: " + lab.routerLog());
    }

    private void assertTransfer(final String clientNs, final String source, final String serverNs,
        final String destination, final int port) throws InterruptedException
    {
        final InteropLab.Transfer t =
            lab.transfer(clientNs, source, serverNs, destination, port, TRANSFER_BYTES, TRANSFER_TIMEOUT);
        assertTrue(t.ok(), () -> "TCP " + source + " -> " + destination + ": " + t + "\nrouter errors: " +
            lab.show("errors"));
    }

    // 1. kernel seg6 encap -> our End.DT6 / End.DT46 -> the host in the right VRF

    @Test
    void kernelEncapIpv6IntoOurEndDt6ReachesVrfBlue() throws Exception
    {
        final long before = lab.sidGoodPackets(SID_DT6);
        final long blueBefore = lab.rxPackets(lab.bhost, lab.bhostIf);
        assertPing(lab.host, HOST, BHOST);
        assertTrue(lab.rxPackets(lab.bhost, lab.bhostIf) - blueBefore >= 3);
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
        assertPing(lab.host, HOST_A, DHOST);
        assertTransfer(lab.host, HOST_A, lab.dhost, DHOST, 5004);
    }

    @Test
    void ourHEncapsRedByPbrIntoKernelEndDt6() throws Exception
    {
        assertPing(lab.host, HOST_B, DHOST);
        assertTransfer(lab.host, HOST_B, lab.dhost, DHOST, 5005);
    }

    // 3. kernel SRH with three segments through our End and End.X to the kernel's End.DT6

    @Test
    void srhTransitsOurEndAndEndXToKernelEndDt6() throws Exception
    {
        final long endBefore = lab.sidGoodPackets(SID_END);
        final long endXBefore = lab.sidGoodPackets(SID_ENDX);
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
            lab.show("errors"));
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
        final List<String> rows = cap.fields("icmpv6.type == 128", "ipv6.src", "ipv6.dst");
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
            if (src[1].equals(HOST_A))
            {
                assertEquals(KSID_A, dst[0], row);
                fromA++;
            }
            else if (src[1].equals(HOST_B))
            {
                assertEquals(KSID_B, dst[0], row);
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
}
