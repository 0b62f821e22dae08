package net.srv6epe.dataplane.port.afpacket;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import net.srv6epe.dataplane.port.FrameHandler;
import net.srv6epe.dataplane.port.PortCounter;
import net.srv6epe.dataplane.port.PortCounters;
import net.srv6epe.srv6.algebra.Packets;

/**
 * The TPACKET_V2 frame ring reader over hand-built slots ({@link TestRing#write} with {@link RxLayout#V2}): slot
 * ownership and order, wrap-around, limits inside a super-frame, drops, the VLAN tag, the kernel timestamp. No
 * socket, no root.
 */
class FrameRingTest
{
    private static final int SLOT = 2048;

    private final PortCounters counters = new PortCounters();
    private final UnsafeBuffer ring = new UnsafeBuffer(ByteBuffer.allocateDirect(8 * SLOT));

    /** One received frame, copied, with where it was handed from and the timestamp the reader gave for it. */
    private record Received(byte[] bytes, long address, long timestampNs)
    {
    }

    private final class Collector implements FrameHandler
    {
        final List<Received> frames = new ArrayList<>();
        FrameRing reader;

        @Override
        public void onFrame(final DirectBuffer buffer, final int offset, final int length)
        {
            final byte[] bytes = new byte[length];
            buffer.getBytes(offset, bytes);
            frames.add(new Received(bytes, buffer.addressOffset() + offset, reader.timestampNs()));
        }
    }

    private FrameRing reader(final int slotSize, final int slots)
    {
        return new FrameRing(ring, slotSize, slots, counters);
    }

    private Collector collector(final FrameRing reader)
    {
        final Collector c = new Collector();
        c.reader = reader;
        return c;
    }

    /** Puts {@code p} in slot {@code slot} and hands the slot to user space; returns the frame's ring offset. */
    private int put(final int slot, final TestRing.Packet p)
    {
        return slot * SLOT + TestRing.write(ring, slot * SLOT, RxLayout.V2, p);
    }

    private int status(final int slot)
    {
        return ring.getIntVolatile(slot * SLOT + RxLayout.V2.status);
    }

    private static byte[] udp6(final int payload)
    {
        return TestRing.ethernet6(Packets.build("IPv6(A,B)/UDP(1000,2000)", payload));
    }

    @Test
    void layoutMatchesTheKernelHeaders()
    {
        // <linux/if_packet.h> on x86_64: offsetof(struct tpacket2_hdr, ...), TPACKET2_HDRLEN = 32 + 20.
        assertEquals(0, RxLayout.V2.status);
        assertEquals(4, RxLayout.V2.len);
        assertEquals(8, RxLayout.V2.snaplen);
        assertEquals(12, RxLayout.V2.mac);
        assertEquals(16, RxLayout.V2.sec);
        assertEquals(20, RxLayout.V2.nsec);
        assertEquals(24, RxLayout.V2.vlanTci);
        assertEquals(26, RxLayout.V2.vlanTpid);
        assertEquals(52, RxLayout.V2.hdrlen);
        assertEquals(1, PacketAbi.TPACKET_V2);
        // tpacket_rcv: TPACKET_ALIGN(52 + 16) + 10 - 14 (V2), TPACKET_ALIGN(68 + 16) + 10 - 14 (V3)
        assertEquals(76, RxLayout.V2.macOffset());
        assertEquals(92, RxLayout.V3.macOffset());
        assertEquals(PacketAbi.TP_STATUS_OFFSET, RxLayout.V3.status);
        assertEquals(PacketAbi.TPACKET3_HDRLEN, RxLayout.V3.hdrlen);
    }

    @ParameterizedTest(name = "MTU {0}: slots of {1}")
    @CsvSource({"68, 256", "1500, 2048", "1954, 2048", "1955, 4096", "9000, 16384", "9216, 16384"})
    void slotsHoldAFrameOfTheMtuWithAVlanTag(final int mtu, final int slot)
    {
        assertEquals(slot, AfPacketPort.frameSlotSize(mtu));
        assertTrue(RxLayout.V2.macOffset() + 18 + mtu <= slot);
    }

    @Test
    void handsFramesInSlotOrderFromTheRingItselfAndGivesEachSlotBackAtOnceAroundTheRing()
    {
        final FrameRing rx = reader(SLOT, 4);
        final Collector c = collector(rx);
        final List<byte[]> sent = new ArrayList<>();
        final List<Long> addresses = new ArrayList<>();
        for (int round = 0; round < 3; round++)
        {
            for (int s = 0; s < 3; s++)
            {
                final int slot = (round * 3 + s) % 4;
                final byte[] frame = udp6(10 + round * 10 + s);
                final TestRing.Packet p = new TestRing.Packet(frame);
                p.timestampNs = 1_700_000_000_123_456_789L + round * 3 + s;
                sent.add(frame);
                addresses.add(ring.addressOffset() + put(slot, p));
            }
            assertTrue(rx.ready());
            assertEquals(3, rx.read(c, 64));
            assertFalse(rx.ready());
        }

        assertEquals(9, c.frames.size());
        for (int i = 0; i < 9; i++)
        {
            assertArrayEquals(sent.get(i), c.frames.get(i).bytes(), "frame " + i);
            assertEquals(addresses.get(i), c.frames.get(i).address(), "zero copy");
            assertEquals(1_700_000_000_123_456_789L + i, c.frames.get(i).timestampNs(), "kernel timestamp");
        }
        for (int s = 0; s < 4; s++)
        {
            assertEquals(PacketAbi.TP_STATUS_KERNEL, status(s), "slot " + s + " given back");
        }
        assertEquals(9 % 4, rx.currentFrame());
        assertEquals(9, counters.get(PortCounter.RX_PACKETS));
    }

    @Test
    void slotsAreTakenOnlyInRingOrderAndOnlyWhenUserSpaceOwnsThem()
    {
        final FrameRing rx = reader(SLOT, 4);
        final Collector c = collector(rx);
        put(1, new TestRing.Packet(udp6(1))); // slot 1 ready, slot 0 still the kernel's

        assertFalse(rx.ready());
        assertEquals(0, rx.read(c, 64));

        put(0, new TestRing.Packet(udp6(0)));
        assertEquals(2, rx.read(c, 64));
        assertArrayEquals(udp6(0), c.frames.get(0).bytes());
        assertArrayEquals(udp6(1), c.frames.get(1).bytes());
    }

    @Test
    void aLimitLeavesTheRestForTheNextRead()
    {
        final FrameRing rx = reader(SLOT, 8);
        final Collector c = collector(rx);
        for (int s = 0; s < 5; s++)
        {
            put(s, new TestRing.Packet(udp6(s)));
        }
        assertEquals(2, rx.read(c, 2));
        assertEquals(PacketAbi.TP_STATUS_USER, status(2) & PacketAbi.TP_STATUS_USER);
        assertEquals(PacketAbi.TP_STATUS_KERNEL, status(1));
        assertEquals(3, rx.read(c, 64));
        assertEquals(5, c.frames.size());
    }

    @Test
    void skipsFramesTheHostSentAndDropsOnesCutToTheSlotGivingTheirSlotsBack()
    {
        final FrameRing rx = reader(SLOT, 4);
        final Collector c = collector(rx);
        final TestRing.Packet outgoing = new TestRing.Packet(udp6(5));
        outgoing.pktType = PacketAbi.PACKET_OUTGOING;
        put(0, outgoing);
        final TestRing.Packet cut = new TestRing.Packet(udp6(SLOT - 200)); // what the slot held of a bigger one
        cut.wireLength = 64 * 1024;
        put(1, cut);
        put(2, new TestRing.Packet(udp6(7)));

        assertEquals(1, rx.read(c, 64));

        assertArrayEquals(udp6(7), c.frames.get(0).bytes());
        assertEquals(1, counters.get(PortCounter.RX_TRUNCATED));
        for (int s = 0; s < 3; s++)
        {
            assertEquals(PacketAbi.TP_STATUS_KERNEL, status(s));
        }
    }

    @Test
    void aFrameReachingPastItsSlotIsAnErrorNotARead()
    {
        final FrameRing rx = reader(SLOT, 4);
        put(0, new TestRing.Packet(udp6(SLOT - 200)));
        ring.putShort(RxLayout.V2.mac, (short)300, java.nio.ByteOrder.LITTLE_ENDIAN); // frame now ends past the slot

        assertEquals(0, rx.read(collector(rx), 64));
        assertEquals(1, counters.get(PortCounter.RX_ERRORS));
        assertEquals(PacketAbi.TP_STATUS_KERNEL, status(0));
    }

    @Test
    void putsBackTheVlanTagFromTheV2HeaderFields()
    {
        final FrameRing rx = reader(SLOT, 4);
        final Collector c = collector(rx);
        final TestRing.Packet p = new TestRing.Packet(udp6(20));
        p.vlanTci = 0x2064;
        p.vlanTpid = 0x88A8;
        put(0, p);

        assertEquals(1, rx.read(c, 64));

        final UnsafeBuffer got = new UnsafeBuffer(c.frames.get(0).bytes());
        assertEquals(udp6(20).length + 4, got.capacity());
        assertEquals(0x88A8, got.getShort(12, BIG_ENDIAN) & 0xFFFF);
        assertEquals(0x2064, got.getShort(14, BIG_ENDIAN) & 0xFFFF);
    }

    @Test
    void aSuperFrameInALargeSlotIsSplitAndItsSlotStaysOursUntilTheLastSegment()
    {
        final int slot = 8192;
        final UnsafeBuffer large = new UnsafeBuffer(ByteBuffer.allocateDirect(4 * slot));
        final FrameRing rx = new FrameRing(large, slot, 4, counters);
        final Collector c = collector(rx);
        final byte[] superFrame = TestRing.ethernet6(Packets.build("IPv6(A,B)/TCP(40000,5001)", 3500));
        TestRing.write(large, 0, RxLayout.V2, new TestRing.Packet(superFrame).gso(PacketAbi.VIRTIO_NET_HDR_GSO_TCPV6,
            1400));
        TestRing.write(large, slot, RxLayout.V2, new TestRing.Packet(udp6(5)));

        assertEquals(2, rx.read(c, 2));
        assertEquals(PacketAbi.TP_STATUS_USER, large.getIntVolatile(0) & PacketAbi.TP_STATUS_USER, "still ours");
        assertTrue(rx.ready());
        assertEquals(2, rx.read(c, 64));

        assertEquals(14 + 40 + 20 + 1400, c.frames.get(0).bytes().length);
        assertEquals(14 + 40 + 20 + 700, c.frames.get(2).bytes().length);
        assertArrayEquals(udp6(5), c.frames.get(3).bytes());
        assertEquals(PacketAbi.TP_STATUS_KERNEL, large.getIntVolatile(0));
        assertEquals(PacketAbi.TP_STATUS_KERNEL, large.getIntVolatile(slot));
        assertEquals(1, counters.get(PortCounter.RX_GSO_SPLIT));
    }

    @Test
    void aRingTooSmallForItsSlotsIsRefused()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new FrameRing(ring, SLOT, 9, counters));
        assertTrue(ex.getMessage().contains("9 frames of 2048"), ex.getMessage());
    }

    @Test
    void readingAllocatesNothing()
    {
        final FrameRing rx = reader(SLOT, 8);
        final int[] seen = {0};
        final FrameHandler handler = (buffer, offset, length) -> seen[0] += length + (int)rx.timestampNs();
        final TestRing.Packet vlan = new TestRing.Packet(udp6(50));
        vlan.vlanTci = 7;
        final TestRing.Packet plain = new TestRing.Packet(udp6(64));
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
        for (int s = 0; s < 8; s += 2)
        {
            put(s, plain);
            put(s + 1, vlan);
        }
        final StringBuilder rounds = new StringBuilder();
        long allocated = -1;
        for (int round = 0; round < 8 && allocated != 0; round++)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 20_000; i++)
            {
                final int s = (i * 2) % 8;
                ring.putIntVolatile(s * SLOT + RxLayout.V2.status, PacketAbi.TP_STATUS_USER);
                ring.putIntVolatile((s + 1) * SLOT + RxLayout.V2.status,
                    PacketAbi.TP_STATUS_USER | PacketAbi.TP_STATUS_VLAN_VALID);
                rx.read(handler, 64);
            }
            allocated = threads.getCurrentThreadAllocatedBytes() - before;
            rounds.append(rounds.length() == 0 ? "" : ", ").append(allocated);
        }
        assertEquals(0, allocated, "bytes allocated per round: " + rounds);
        assertTrue(counters.get(PortCounter.RX_PACKETS) >= 40_000, counters.toString());
        assertEquals(0, counters.get(PortCounter.RX_ERRORS), counters.toString());
    }
}
