package net.srv6epe.dataplane.lab;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import net.srv6epe.dataplane.port.FrameHandler;
import net.srv6epe.dataplane.port.MacAddress;
import net.srv6epe.dataplane.port.PcapLivePort;
import net.srv6epe.dataplane.port.PortCounter;
import net.srv6epe.dataplane.port.PortException;
import net.srv6epe.srv6.Ipv6Address;

/**
 * Our port on the root end of a veth pair (IPv6 disabled, no address), the kernel of a test namespace on the other
 * end: we ping the kernel with a hand-built frame and read its reply, and never read back our own frame.
 */
@EnabledIfSystemProperty(named = "srv6epe.netns", matches = "true",
    disabledReason = "needs root and network namespaces; enabled by the README's test command")
class PcapLivePortLabTest
{
    private static final long OUR_MAC = MacAddress.parse("02:5e:00:00:a1:02");
    private static final String KERNEL_ADDRESS = "fd00:a1::1";
    private static final String OUR_ADDRESS = "fd00:a1::2";

    private Netns lab;
    private Netns.VethPair veth;
    private String ns;

    @BeforeEach
    void setUp()
    {
        lab = Netns.create();
        ns = lab.namespace("kernel");
        veth = lab.veth(null, ns);
        lab.address(ns, veth.b(), KERNEL_ADDRESS + "/64");
        lab.execOk(ns, "ip", "-6", "neigh", "add", OUR_ADDRESS, "lladdr", MacAddress.format(OUR_MAC), "dev",
            veth.b(), "nud", "permanent");
    }

    @AfterEach
    void tearDown()
    {
        lab.close();
    }

    @ParameterizedTest(name = "zero copy {0}")
    @ValueSource(booleans = {true, false})
    void kernelAnswersOurEchoRequestAndWeNeverReadOurOwnFrame(final boolean zeroCopy)
    {
        final long kernelMac = MacAddress.parse(lab.mac(ns, veth.b()));
        final long ourHi = Ipv6Address.parseHi(OUR_ADDRESS);
        final long ourLo = Ipv6Address.parseLo(OUR_ADDRESS);
        final long kernelHi = Ipv6Address.parseHi(KERNEL_ADDRESS);
        final long kernelLo = Ipv6Address.parseLo(KERNEL_ADDRESS);
        // Off-heap for the zero-copy path (sent in place), on-heap for pcap4j's.
        final UnsafeBuffer request = zeroCopy ?
            new UnsafeBuffer(java.nio.ByteBuffer.allocateDirect(256)) : new UnsafeBuffer(new byte[256]);
        final int length = LabFrames.echoRequest(
            request, kernelMac, OUR_MAC, ourHi, ourLo, kernelHi, kernelLo, 0x5e6, 1, 32);

        final int[] replies = {0};
        final int[] ownFrames = {0};
        final FrameHandler handler = (buffer, offset, frameLength) ->
        {
            if (MacAddress.get(buffer, offset + 6) == OUR_MAC)
            {
                ownFrames[0]++;
            }
            if (LabFrames.icmpv6Type(buffer, offset, frameLength) == LabFrames.ECHO_REPLY &&
                MacAddress.get(buffer, offset) == OUR_MAC &&
                buffer.getLong(offset + 22, BIG_ENDIAN) == kernelHi && buffer.getLong(offset + 30, BIG_ENDIAN) == kernelLo &&
                buffer.getLong(offset + 46, BIG_ENDIAN) == ourLo &&
                (buffer.getShort(offset + 58, BIG_ENDIAN) & 0xFFFF) == 0x5e6)
            {
                replies[0]++;
            }
        };

        try (PcapLivePort port = PcapLivePort.open("lab0", veth.a(), OUR_MAC, 1500, zeroCopy))
        {
            assertEquals(zeroCopy, port.zeroCopy());
            final long deadline = System.nanoTime() + 5_000_000_000L;
            long nextSendNs = 0;
            while (replies[0] == 0 && System.nanoTime() < deadline)
            {
                if (System.nanoTime() - nextSendNs >= 0)
                {
                    assertTrue(port.send(request, 0, length));
                    nextSendNs = System.nanoTime() + 200_000_000L;
                }
                if (port.receive(handler, 64) == 0)
                {
                    Thread.onSpinWait();
                }
            }
            // Keep reading a little longer: our own frames must not show up late either.
            final long drainUntil = System.nanoTime() + 200_000_000L;
            while (System.nanoTime() < drainUntil)
            {
                port.receive(handler, 64);
            }

            assertTrue(replies[0] >= 1, "echo reply from the kernel; counters " + port.counters());
            assertEquals(0, ownFrames[0], "direction in: we never read what we sent");
            assertTrue(port.counters().get(PortCounter.TX_PACKETS) >= 1);
            assertTrue(port.counters().get(PortCounter.RX_PACKETS) >= 1);
            assertEquals(0, port.counters().get(PortCounter.TX_ERRORS));
        }
    }

    @Test
    void zeroCopyPathAllocatesNothingPerFrame()
    {
        lab.sysctl(ns, "net.ipv6.icmp.ratelimit", "0");
        final long kernelMac = MacAddress.parse(lab.mac(ns, veth.b()));
        final UnsafeBuffer request = new UnsafeBuffer(new byte[256]); // on-heap: exercises the copy to native memory
        final int length = LabFrames.echoRequest(request, kernelMac, OUR_MAC, Ipv6Address.parseHi(OUR_ADDRESS),
            Ipv6Address.parseLo(OUR_ADDRESS), Ipv6Address.parseHi(KERNEL_ADDRESS), Ipv6Address.parseLo(KERNEL_ADDRESS),
            0x5e8, 1, 32);
        final long[] received = {0};
        final FrameHandler handler = (buffer, offset, frameLength) -> received[0] += buffer.getByte(offset + 54);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
        try (PcapLivePort port = PcapLivePort.open("lab0", veth.a(), OUR_MAC, 1500, true))
        {
            for (int i = 0; i < 5_000; i++)
            {
                port.send(request, 0, length);
                port.receive(handler, 16);
            }
            final long rxBefore = port.counters().get(PortCounter.RX_PACKETS);
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 2_000; i++)
            {
                port.send(request, 0, length);
                port.receive(handler, 16);
            }
            final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            final long frames = port.counters().get(PortCounter.RX_PACKETS) - rxBefore + 2_000;
            assertTrue(frames > 2_000, "frames were received too: " + port.counters());
            assertTrue(allocated < 8_192, allocated + " bytes allocated for " + frames + " frames");
        }
    }

    @Test
    void interfaceMacIsUsedWhenNoneIsConfigured()
    {
        try (PcapLivePort port = PcapLivePort.open("lab0", veth.a(), -1, 1500))
        {
            assertEquals(MacAddress.parse(lab.mac(null, veth.a())), port.mac());
        }
    }

    @Test
    void missingInterfaceIsAClearError()
    {
        final PortException ex = assertThrows(PortException.class, () -> PcapLivePort.open("x", "veth9", 1, 1500));
        assertTrue(ex.getMessage().contains("no such interface 'veth9' (ip link show)"), ex.getMessage());
    }
}
