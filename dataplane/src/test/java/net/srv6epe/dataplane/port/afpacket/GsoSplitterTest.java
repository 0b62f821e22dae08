package net.srv6epe.dataplane.port.afpacket;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import net.srv6epe.dataplane.port.PortCounter;
import net.srv6epe.dataplane.port.PortCounters;
import net.srv6epe.srv6.algebra.Packets;
import net.srv6epe.srv6.wire.Checksum;
import net.srv6epe.srv6.wire.Ipv4Header;

/**
 * Software GSO: each super-frame below is split and every segment checked against the frame it came from, with
 * the lengths, sequence numbers, flags, identifications and checksums recomputed here independently.
 */
class GsoSplitterTest
{
    private static final int TCPV4 = PacketAbi.VIRTIO_NET_HDR_GSO_TCPV4;
    private static final int TCPV6 = PacketAbi.VIRTIO_NET_HDR_GSO_TCPV6;
    private static final int UDP_L4 = PacketAbi.VIRTIO_NET_HDR_GSO_UDP_L4;
    private static final int UNTAGGED = GsoSplitter.NO_VLAN;
    private static final int TCP_FIN = 0x01;
    private static final int TCP_PSH = 0x08;
    private static final int TCP_ACK = 0x10;
    private static final int TCP_CWR = 0x80;

    private final GsoSplitter splitter = new GsoSplitter();
    private final PortCounters counters = new PortCounters();

    private List<UnsafeBuffer> split(final byte[] frame, final int gsoType, final int gsoSize, final int csumStart,
        final int vlanTag)
    {
        final UnsafeBuffer in = new UnsafeBuffer(frame);
        final int count = splitter.prepare(in, 0, frame.length, gsoType, gsoSize, csumStart, vlanTag);
        final List<UnsafeBuffer> out = new ArrayList<>();
        if (count < 0)
        {
            return null;
        }
        assertEquals(count, splitter.emit((b, o, l) ->
        {
            final byte[] copy = new byte[l];
            b.getBytes(o, copy);
            out.add(new UnsafeBuffer(copy));
        }, 0, Integer.MAX_VALUE, counters));
        return out;
    }

    /** Checks payload slice {@code index} of {@code superFrame} (payload from {@code headers}) at {@code at}. */
    private static void assertPayloadSlice(final byte[] superFrame, final int headers, final int size,
        final int index, final UnsafeBuffer segment, final int at)
    {
        final int start = headers + index * size;
        final int chunk = Math.min(size, superFrame.length - start);
        assertEquals(at + chunk, segment.capacity(), "segment " + index + " length");
        for (int k = 0; k < chunk; k++)
        {
            assertEquals(superFrame[start + k], segment.getByte(at + k), "segment " + index + " byte " + k);
        }
    }

    private static long pseudo6(final UnsafeBuffer b, final int ip, final long dstHi, final long dstLo,
        final int length, final int protocol)
    {
        return Checksum.pseudoHeaderSum(b.getLong(ip + 8, BIG_ENDIAN), b.getLong(ip + 16, BIG_ENDIAN), dstHi, dstLo,
            length, protocol);
    }

    private static void assertChecksum6(final UnsafeBuffer segment, final int ip, final int l4, final int protocol)
    {
        final long pseudo = pseudo6(segment, ip, segment.getLong(ip + 24, BIG_ENDIAN),
            segment.getLong(ip + 32, BIG_ENDIAN), segment.capacity() - l4, protocol);
        assertEquals(0xFFFF, Checksum.fold(Checksum.sum(segment, l4, segment.capacity() - l4, pseudo)));
    }

    private static void setTcpFlags(final byte[] frame, final int l4, final int flags)
    {
        frame[l4 + 13] = (byte)flags;
    }

    @Test
    void tcpOverIpv6GetsItsSequenceFlagsLengthsAndChecksumPerSegment()
    {
        final byte[] superFrame = TestRing.ethernet6(Packets.build("IPv6(A,B)/TCP(40000,5001)", 3500));
        final int l4 = 54;
        setTcpFlags(superFrame, l4, TCP_ACK | TCP_PSH | TCP_FIN | TCP_CWR);

        final List<UnsafeBuffer> segments = split(superFrame, TCPV6, 1400, l4, UNTAGGED);

        assertEquals(3, segments.size());
        for (int i = 0; i < 3; i++)
        {
            final UnsafeBuffer s = segments.get(i);
            assertPayloadSlice(superFrame, l4 + 20, 1400, i, s, l4 + 20);
            assertEquals(s.capacity() - 54, s.getShort(18, BIG_ENDIAN) & 0xFFFF, "IPv6 payload length");
            assertEquals(1 + 1400 * i, s.getInt(l4 + 4, BIG_ENDIAN), "sequence number");
            final int flags = s.getByte(l4 + 13) & 0xFF;
            assertEquals(i == 0, (flags & TCP_CWR) != 0, "CWR only on the first");
            assertEquals(i == 2, (flags & (TCP_PSH | TCP_FIN)) == (TCP_PSH | TCP_FIN), "PSH, FIN only on the last");
            assertEquals(i != 2, (flags & (TCP_PSH | TCP_FIN)) == 0);
            assertTrue((flags & TCP_ACK) != 0);
            assertChecksum6(s, 14, l4, 6);
            for (int k = 0; k < 14 + 4; k++)
            {
                assertEquals(superFrame[k], s.getByte(k), "Ethernet and first IPv6 bytes unchanged");
            }
        }
        assertEquals(3, counters.get(PortCounter.RX_PACKETS));
    }

    @Test
    void tcpInsideSeg6EncapsulationRewritesBothIpv6LengthsAndTheInnerChecksum()
    {
        final byte[] superFrame = TestRing.ethernet6(
            Packets.build("IPv6(A,S1)/SRH(S2,S1;SL=1)/IPv6(H,C)/TCP(40000,5001)", 5000));
        final int innerIp = 14 + 40 + 40;
        final int l4 = innerIp + 40;

        final List<UnsafeBuffer> segments = split(superFrame, TCPV6, 1300, l4, UNTAGGED);

        assertEquals(4, segments.size());
        for (int i = 0; i < 4; i++)
        {
            final UnsafeBuffer s = segments.get(i);
            assertPayloadSlice(superFrame, l4 + 20, 1300, i, s, l4 + 20);
            assertEquals(s.capacity() - 54, s.getShort(18, BIG_ENDIAN) & 0xFFFF, "outer payload length");
            assertEquals(s.capacity() - innerIp - 40, s.getShort(innerIp + 4, BIG_ENDIAN) & 0xFFFF, "inner");
            assertChecksum6(s, innerIp, l4, 6);
        }
    }

    @Test
    void anSrhInTheInnermostHeaderPutsItsFinalDestinationInThePseudoHeader()
    {
        // RFC 8200 8.1: IPv6(A,S1)/SRH(C,S1) is bound for C: the checksum covers C, not S1.
        final byte[] superFrame = TestRing.ethernet6(Packets.build("IPv6(A,S1)/SRH(C,S1;SL=1)/TCP(1,2)", 3000));
        final int l4 = 14 + 40 + 40;

        final List<UnsafeBuffer> segments = split(superFrame, TCPV6, 1000, l4, UNTAGGED);

        assertEquals(3, segments.size());
        for (final UnsafeBuffer s : segments)
        {
            final long pseudo = pseudo6(s, 14, s.getLong(54 + 8, BIG_ENDIAN), s.getLong(54 + 16, BIG_ENDIAN),
                s.capacity() - l4, 6);
            assertEquals(0xFFFF, Checksum.fold(Checksum.sum(s, l4, s.capacity() - l4, pseudo)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"IPv4(a,b)/TCP(1,2) | 14", "IPv6(A,B)/IPv4(a,b)/TCP(1,2) | 54"})
    void tcpOverIpv4IncrementsTheIdentificationAndRedoesTheHeaderChecksum(final String algebra, final int ip)
    {
        final byte[] l3 = Packets.build(algebra, 4000);
        final byte[] superFrame = ip == 14 ? TestRing.ethernet(l3, 0x0800) : TestRing.ethernet6(l3);
        new UnsafeBuffer(superFrame).putShort(ip + 4, (short)0xFFFE, BIG_ENDIAN); // identification wraps
        final int l4 = ip + 20;

        final List<UnsafeBuffer> segments = split(superFrame, TCPV4, 1448, l4, UNTAGGED);

        assertEquals(3, segments.size());
        for (int i = 0; i < 3; i++)
        {
            final UnsafeBuffer s = segments.get(i);
            assertPayloadSlice(superFrame, l4 + 20, 1448, i, s, l4 + 20);
            final Ipv4Header v4 = new Ipv4Header().wrap(s, ip, s.capacity() - ip);
            assertEquals(s.capacity() - ip, v4.totalLength());
            assertEquals((0xFFFE + i) & 0xFFFF, v4.identification());
            assertTrue(v4.isChecksumValid());
            final long pseudo = Checksum.ipv4PseudoHeaderSum(v4.source(), v4.destination(), s.capacity() - l4, 6);
            assertEquals(0xFFFF, Checksum.fold(Checksum.sum(s, l4, s.capacity() - l4, pseudo)));
            if (ip == 54)
            {
                assertEquals(s.capacity() - 54, s.getShort(18, BIG_ENDIAN) & 0xFFFF, "outer IPv6 payload length");
            }
        }
    }

    @Test
    void udpSegmentationGivesEachDatagramItsLengthAndChecksum()
    {
        final byte[] superFrame = TestRing.ethernet6(Packets.build("IPv6(A,B)/UDP(5000,6000)", 2500));

        final List<UnsafeBuffer> segments = split(superFrame, UDP_L4, 1000, 54, UNTAGGED);

        assertEquals(3, segments.size());
        for (int i = 0; i < 3; i++)
        {
            final UnsafeBuffer s = segments.get(i);
            assertPayloadSlice(superFrame, 62, 1000, i, s, 62);
            assertEquals(s.capacity() - 54, s.getShort(58, BIG_ENDIAN) & 0xFFFF, "UDP length");
            assertEquals(s.capacity() - 54, s.getShort(18, BIG_ENDIAN) & 0xFFFF);
            assertChecksum6(s, 14, 54, 17);
        }
    }

    @Test
    void theVlanTagGoesBackIntoEverySegment()
    {
        final byte[] superFrame = TestRing.ethernet6(Packets.build("IPv6(A,B)/TCP(1,2)", 2000));

        final List<UnsafeBuffer> segments = split(superFrame, TCPV6, 1000, 54,
            0x8100_0064);

        assertEquals(2, segments.size());
        for (int i = 0; i < 2; i++)
        {
            final UnsafeBuffer s = segments.get(i);
            assertEquals(0x8100_0064, s.getInt(12, BIG_ENDIAN));
            assertEquals(0x86DD, s.getShort(16, BIG_ENDIAN) & 0xFFFF);
            assertPayloadSlice(superFrame, 74, 1000, i, s, 78);
            assertEquals(s.capacity() - 58, s.getShort(22, BIG_ENDIAN) & 0xFFFF);
            assertChecksum6(s, 18, 58, 6);
        }
    }

    @Test
    void aPayloadNoLargerThanOneSegmentStillGetsItsChecksumComputed()
    {
        final byte[] superFrame = TestRing.ethernet6(Packets.build("IPv6(A,B)/TCP(1,2)", 500));
        new UnsafeBuffer(superFrame).putShort(54 + 16, (short)0x1234); // a stale GRO checksum

        final List<UnsafeBuffer> segments = split(superFrame, TCPV6, 1400, -1, UNTAGGED);

        assertEquals(1, segments.size());
        assertChecksum6(segments.get(0), 14, 54, 6);
    }

    @Test
    void refusesWhatItCannotSplit()
    {
        final byte[] tcp = TestRing.ethernet6(Packets.build("IPv6(A,B)/TCP(1,2)", 3000));
        final byte[] fragment = TestRing.ethernet6(Packets.build("IPv6(A,B)/Frag(0,1)/TCP(1,2)", 3000));
        final byte[] routingType0 = TestRing.ethernet6(Packets.build("IPv6(A,B)/RH(0;SL=0)/TCP(1,2)", 3000));
        final byte[] arp = TestRing.ethernet(new byte[28], 0x0806);

        assertNull(split(tcp, TCPV6, 1400, 40, UNTAGGED), "csum_start elsewhere");
        assertNull(split(tcp, TCPV6, 0, 54, UNTAGGED), "gso_size 0");
        assertNull(split(tcp, TCPV6, 9300, 54, UNTAGGED), "segments too large");
        assertNull(split(tcp, UDP_L4, 1400, 54, UNTAGGED), "not UDP");
        assertNull(split(fragment, TCPV6, 1400, -1, UNTAGGED), "a fragment");
        assertNull(split(routingType0, TCPV6, 1400, -1, UNTAGGED),
            "final destination unknown");
        assertNull(split(arp, TCPV6, 1400, -1, UNTAGGED), "not IP");
        final byte[] cut = java.util.Arrays.copyOf(tcp, 200);
        assertNull(split(cut, TCPV6, 1400, 54, UNTAGGED), "IPv6 length past the frame");
    }
}
