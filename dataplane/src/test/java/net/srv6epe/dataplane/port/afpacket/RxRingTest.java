package net.srv6epe.dataplane.port.afpacket;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import net.srv6epe.dataplane.port.FrameHandler;
import net.srv6epe.dataplane.port.PortCounter;
import net.srv6epe.dataplane.port.PortCounters;
import net.srv6epe.srv6.algebra.Packets;
import net.srv6epe.srv6.wire.Checksum;

/**
 * The TPACKET_V3 ring reader over hand-built rings ({@link TestRing}): block ownership and order, limits, the
 * per-packet status and {@code virtio_net_hdr} handling. No socket, no root.
 */
class RxRingTest
{
    private final PortCounters counters = new PortCounters();

    /** One received frame, copied, with where it was handed from. */
    private record Received(byte[] bytes, long address)
    {
    }

    private static final class Collector implements FrameHandler
    {
        final List<Received> frames = new ArrayList<>();

        @Override
        public void onFrame(final DirectBuffer buffer, final int offset, final int length)
        {
            final byte[] bytes = new byte[length];
            buffer.getBytes(offset, bytes);
            frames.add(new Received(bytes, buffer.addressOffset() + offset));
        }
    }

    private RxRing reader(final TestRing ring)
    {
        return new RxRing(ring.ring, TestRing.BLOCK_SIZE, ring.blocks, counters);
    }

    private static byte[] udp6(final int payload)
    {
        return TestRing.ethernet6(Packets.build("IPv6(A,B)/UDP(1000,2000)", payload));
    }

    @Test
    void layoutMatchesTheKernelHeaders()
    {
        // Numbers from <linux/if_packet.h> / <linux/virtio_net.h> (offsetof / sizeof on x86_64, gcc).
        assertEquals(8, PacketAbi.BLOCK_STATUS_OFFSET);
        assertEquals(12, PacketAbi.BLOCK_NUM_PKTS_OFFSET);
        assertEquals(16, PacketAbi.BLOCK_OFFSET_TO_FIRST_PKT_OFFSET);
        assertEquals(48, PacketAbi.BLOCK_DESC_LENGTH);
        assertEquals(12, PacketAbi.TP_SNAPLEN_OFFSET);
        assertEquals(20, PacketAbi.TP_STATUS_OFFSET);
        assertEquals(24, PacketAbi.TP_MAC_OFFSET);
        assertEquals(32, PacketAbi.TP_VLAN_TCI_OFFSET);
        assertEquals(36, PacketAbi.TP_VLAN_TPID_OFFSET);
        assertEquals(68, PacketAbi.TPACKET3_HDRLEN);
        assertEquals(58, PacketAbi.SOCKADDR_LL_OFFSET + PacketAbi.SLL_PKTTYPE_OFFSET);
        assertEquals(10, PacketAbi.VNET_HDR_LENGTH);
        assertEquals(6, PacketAbi.VNET_CSUM_START_OFFSET);
        assertEquals(28, PacketAbi.REQ3_LENGTH);
        assertEquals(64, PacketAbi.MMSGHDR_LENGTH);
        assertEquals(56, PacketAbi.MMSG_LEN_OFFSET);
        assertEquals(96, PacketAbi.tpacketAlign(84));
    }

    @Test
    void handsFramesInOrderFromTheRingItselfAndGivesEachBlockBackAfterItsLastFrame()
    {
        final TestRing ring = new TestRing(4);
        final List<byte[]> sent = new ArrayList<>();
        final List<Integer> offsets = new ArrayList<>();
        for (int b = 0; b < 2; b++)
        {
            for (int i = 0; i < 3; i++)
            {
                final byte[] frame = udp6(10 + 100 * b + i);
                sent.add(frame);
                offsets.add(ring.add(b, new TestRing.Packet(frame)));
            }
            ring.close(b);
        }
        final RxRing rx = reader(ring);
        final Collector c = new Collector();

        assertTrue(rx.ready());
        assertEquals(6, rx.read(c, 64));

        assertEquals(6, c.frames.size());
        long bytes = 0;
        for (int i = 0; i < 6; i++)
        {
            assertArrayEquals(sent.get(i), c.frames.get(i).bytes(), "frame " + i);
            assertEquals(ring.ring.addressOffset() + offsets.get(i), c.frames.get(i).address(), "zero copy");
            bytes += sent.get(i).length;
        }
        assertEquals(PacketAbi.TP_STATUS_KERNEL, ring.blockStatus(0));
        assertEquals(PacketAbi.TP_STATUS_KERNEL, ring.blockStatus(1));
        assertEquals(2, rx.currentBlock());
        assertFalse(rx.ready());
        assertEquals(6, counters.get(PortCounter.RX_PACKETS));
        assertEquals(bytes, counters.get(PortCounter.RX_BYTES));
    }

    @Test
    void aLimitStopsInsideABlockWhichStaysOursUntilTheNextReadFinishesIt()
    {
        final TestRing ring = new TestRing(2);
        for (int i = 0; i < 5; i++)
        {
            ring.add(0, new TestRing.Packet(udp6(i)));
        }
        ring.close(0);
        final RxRing rx = reader(ring);
        final Collector c = new Collector();

        assertEquals(2, rx.read(c, 2));
        assertEquals(PacketAbi.TP_STATUS_USER, ring.blockStatus(0) & PacketAbi.TP_STATUS_USER);
        assertTrue(rx.ready());
        assertEquals(3, rx.read(c, 64));
        assertEquals(PacketAbi.TP_STATUS_KERNEL, ring.blockStatus(0));
        for (int i = 0; i < 5; i++)
        {
            assertEquals(udp6(i).length, c.frames.get(i).bytes().length);
        }
    }

    @Test
    void blocksAreTakenOnlyInRingOrderAndOnlyWhenUserSpaceOwnsThem()
    {
        final TestRing ring = new TestRing(3);
        ring.add(1, new TestRing.Packet(udp6(1)));
        ring.close(1); // block 1 ready, but block 0 still the kernel's
        final RxRing rx = reader(ring);
        final Collector c = new Collector();

        assertFalse(rx.ready());
        assertEquals(0, rx.read(c, 64));
        assertTrue(c.frames.isEmpty());

        ring.add(0, new TestRing.Packet(udp6(0)));
        ring.close(0);
        assertEquals(2, rx.read(c, 64));
        assertEquals(udp6(0).length, c.frames.get(0).bytes().length);
        assertEquals(udp6(1).length, c.frames.get(1).bytes().length);
    }

    @Test
    void skipsFramesTheHostSentAndDropsTruncatedOnes()
    {
        final TestRing ring = new TestRing(2);
        final TestRing.Packet outgoing = new TestRing.Packet(udp6(1));
        outgoing.pktType = PacketAbi.PACKET_OUTGOING;
        final TestRing.Packet truncated = new TestRing.Packet(udp6(2));
        truncated.wireLength = 70_000;
        ring.add(0, outgoing);
        ring.add(0, truncated);
        ring.add(0, new TestRing.Packet(udp6(3)));
        ring.close(0);
        final Collector c = new Collector();

        assertEquals(1, reader(ring).read(c, 64));

        assertArrayEquals(udp6(3), c.frames.get(0).bytes());
        assertEquals(1, counters.get(PortCounter.RX_TRUNCATED));
        assertEquals(1, counters.get(PortCounter.RX_PACKETS));
        assertEquals(PacketAbi.TP_STATUS_KERNEL, ring.blockStatus(0));
    }

    @ParameterizedTest(name = "TPID valid {0}")
    @ValueSource(booleans = {true, false})
    void putsBackTheVlanTagTheKernelTookOutOfTheFrame(final boolean tpidValid)
    {
        final TestRing ring = new TestRing(2);
        final byte[] untagged = udp6(20);
        final TestRing.Packet p = new TestRing.Packet(untagged);
        p.vlanTci = 0x2064; // PCP 1, VID 100
        p.vlanTpid = tpidValid ? 0x88A8 : -1;
        ring.add(0, p);
        ring.close(0);
        final Collector c = new Collector();

        assertEquals(1, reader(ring).read(c, 64));

        final UnsafeBuffer got = new UnsafeBuffer(c.frames.get(0).bytes());
        assertEquals(untagged.length + 4, got.capacity());
        assertEquals(tpidValid ? 0x88A8 : 0x8100, got.getShort(12, BIG_ENDIAN) & 0xFFFF);
        assertEquals(0x2064, got.getShort(14, BIG_ENDIAN) & 0xFFFF);
        final UnsafeBuffer original = new UnsafeBuffer(untagged);
        for (int i = 0; i < 12; i++)
        {
            assertEquals(original.getByte(i), got.getByte(i));
        }
        for (int i = 12; i < untagged.length; i++)
        {
            assertEquals(original.getByte(i), got.getByte(i + 4));
        }
    }

    @Test
    void finishesAUdpChecksumTheKernelLeftPartial()
    {
        final byte[] frame = udp6(333);
        final UnsafeBuffer b = new UnsafeBuffer(frame);
        final long pseudo = pseudo6(b, 14, 8 + 333, 17);
        TestRing.makePartial(frame, 54, 6, pseudo);
        assertFalse(TestRing.verifies(b, 54, frame.length, pseudo), "the seed is not a checksum");
        final TestRing ring = new TestRing(2);
        ring.add(0, new TestRing.Packet(frame).partial(54, 6));
        ring.close(0);
        final Collector c = new Collector();

        assertEquals(1, reader(ring).read(c, 64));

        assertArrayEquals(udp6(333), c.frames.get(0).bytes(), "the very checksum a full computation gives");
        assertEquals(1, counters.get(PortCounter.RX_CHECKSUM_COMPLETED));
    }

    @Test
    void finishesTheInnerTcpChecksumOfASeg6EncapsulatedFrame()
    {
        // seg6 H.Encaps of a host's TCP: the partial checksum is the inner one, behind IPv6 + SRH + IPv6.
        final String algebra = "IPv6(A,S1)/SRH(S2,S1;SL=1)/IPv6(H,C)/TCP(40000,5001)";
        final byte[] good = TestRing.ethernet6(Packets.build(algebra, 1200));
        final byte[] frame = good.clone();
        final int innerIp = 14 + 40 + 8 + 32;
        final int l4 = innerIp + 40;
        final UnsafeBuffer b = new UnsafeBuffer(frame);
        final long pseudo = pseudo6(b, innerIp, frame.length - l4, 6);
        TestRing.makePartial(frame, l4, 16, pseudo);
        final TestRing ring = new TestRing(2);
        ring.add(0, new TestRing.Packet(frame).partial(l4, 16));
        ring.close(0);
        final Collector c = new Collector();

        assertEquals(1, reader(ring).read(c, 64));

        assertArrayEquals(good, c.frames.get(0).bytes());
    }

    @Test
    void partialChecksumOffsetsOutsideTheFrameDropItAndCount()
    {
        final byte[] frame = udp6(10);
        final TestRing ring = new TestRing(2);
        ring.add(0, new TestRing.Packet(frame).partial(frame.length - 4, 6));
        ring.add(0, new TestRing.Packet(udp6(11)).partial(6, 2)); // inside the Ethernet header
        ring.add(0, new TestRing.Packet(udp6(12)));
        ring.close(0);
        final Collector c = new Collector();

        assertEquals(1, reader(ring).read(c, 64));

        assertArrayEquals(udp6(12), c.frames.get(0).bytes());
        assertEquals(2, counters.get(PortCounter.RX_OFFLOAD_ERRORS));
        assertEquals(0, counters.get(PortCounter.RX_CHECKSUM_COMPLETED));
    }

    @Test
    void aGsoSuperFrameBecomesItsSegmentsAndALimitResumesInsideIt()
    {
        final byte[] superFrame = TestRing.ethernet6(Packets.build("IPv6(A,B)/TCP(40000,5001)", 3500));
        final TestRing ring = new TestRing(2);
        ring.add(0, new TestRing.Packet(superFrame).gso(PacketAbi.VIRTIO_NET_HDR_GSO_TCPV6, 1400));
        ring.add(0, new TestRing.Packet(udp6(5)));
        ring.close(0);
        final RxRing rx = reader(ring);
        final Collector c = new Collector();

        assertEquals(2, rx.read(c, 2));
        assertEquals(PacketAbi.TP_STATUS_USER, ring.blockStatus(0) & PacketAbi.TP_STATUS_USER);
        assertEquals(2, rx.read(c, 64));

        assertEquals(4, c.frames.size());
        assertEquals(14 + 40 + 20 + 1400, c.frames.get(0).bytes().length);
        assertEquals(14 + 40 + 20 + 700, c.frames.get(2).bytes().length);
        assertArrayEquals(udp6(5), c.frames.get(3).bytes());
        assertEquals(1, counters.get(PortCounter.RX_GSO_SPLIT));
        assertEquals(4, counters.get(PortCounter.RX_PACKETS));
        assertEquals(PacketAbi.TP_STATUS_KERNEL, ring.blockStatus(0));
    }

    @Test
    void anUnsupportedGsoTypeDropsTheFrameAndCounts()
    {
        final byte[] superFrame = TestRing.ethernet6(Packets.build("IPv6(A,B)/UDP(1,2)", 3000));
        final TestRing ring = new TestRing(2);
        ring.add(0, new TestRing.Packet(superFrame).gso(PacketAbi.VIRTIO_NET_HDR_GSO_UDP, 1400)); // UFO
        ring.add(0, new TestRing.Packet(superFrame).gso(PacketAbi.VIRTIO_NET_HDR_GSO_TCPV6, 1400)); // not TCP
        ring.close(0);

        assertEquals(0, reader(ring).read(new Collector(), 64));

        assertEquals(2, counters.get(PortCounter.RX_OFFLOAD_ERRORS));
        assertEquals(0, counters.get(PortCounter.RX_PACKETS));
        assertEquals(PacketAbi.TP_STATUS_KERNEL, ring.blockStatus(0));
    }

    @Test
    void aPacketHeaderPointingOutsideItsBlockDropsTheRestOfTheBlock()
    {
        final TestRing ring = new TestRing(3);
        ring.add(0, new TestRing.Packet(udp6(1)));
        ring.add(0, new TestRing.Packet(udp6(2)));
        ring.close(0);
        ring.add(1, new TestRing.Packet(udp6(3)));
        ring.close(1);
        final int first = TestRing.base(0) + TestRing.FIRST_PACKET;
        ring.ring.putInt(first + PacketAbi.TP_NEXT_OFFSET_OFFSET, TestRing.BLOCK_SIZE); // corrupt
        final Collector c = new Collector();

        assertEquals(2, reader(ring).read(c, 64));

        assertArrayEquals(udp6(1), c.frames.get(0).bytes());
        assertArrayEquals(udp6(3), c.frames.get(1).bytes());
        assertEquals(1, counters.get(PortCounter.RX_ERRORS));
        assertEquals(PacketAbi.TP_STATUS_KERNEL, ring.blockStatus(0));
    }

    @Test
    void readingAllocatesNothingOnAnyPath()
    {
        final TestRing ring = new TestRing(2);
        final byte[] partial = udp6(300);
        TestRing.makePartial(partial, 54, 6, pseudo6(new UnsafeBuffer(partial), 14, 308, 17));
        final TestRing.Packet vlan = new TestRing.Packet(udp6(50));
        vlan.vlanTci = 7;
        final byte[] superFrame = TestRing.ethernet6(Packets.build("IPv6(A,S1)/SRH(S2,S1;SL=1)/IPv6(H,C)/TCP(1,2)",
            6000));
        final int[] seen = {0};
        final FrameHandler handler = (buffer, offset, length) -> seen[0] += buffer.getByte(offset + length - 1);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
        for (int b = 0; b < 2; b++)
        {
            ring.add(b, new TestRing.Packet(udp6(64)));
            ring.add(b, new TestRing.Packet(partial).partial(54, 6));
            ring.add(b, vlan);
            ring.add(b, new TestRing.Packet(superFrame).gso(PacketAbi.VIRTIO_NET_HDR_GSO_TCPV6, 1000));
        }
        final RxRing rx = reader(ring);
        final StringBuilder rounds = new StringBuilder();
        long allocated = -1;
        for (int round = 0; round < 8 && allocated != 0; round++)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 20_000; i++)
            {
                ring.close(i & 1); // hand the block back to "user space" with the same packets
                rx.read(handler, 5);
                rx.read(handler, 64);
            }
            allocated = threads.getCurrentThreadAllocatedBytes() - before;
            rounds.append(rounds.length() == 0 ? "" : ", ").append(allocated);
        }
        assertEquals(0, allocated, "bytes allocated per round: " + rounds);
        assertTrue(counters.get(PortCounter.RX_GSO_SPLIT) > 0 && counters.get(PortCounter.RX_CHECKSUM_COMPLETED) > 0);
        assertEquals(0, counters.get(PortCounter.RX_OFFLOAD_ERRORS));
    }

    static long pseudo6(final UnsafeBuffer b, final int ip, final int upperLength, final int protocol)
    {
        return Checksum.pseudoHeaderSum(b.getLong(ip + 8, BIG_ENDIAN), b.getLong(ip + 16, BIG_ENDIAN),
            b.getLong(ip + 24, BIG_ENDIAN), b.getLong(ip + 32, BIG_ENDIAN), upperLength, protocol);
    }
}
