package net.srv6epe.dataplane.port.afpacket;

import static java.nio.ByteOrder.BIG_ENDIAN;

import java.nio.ByteBuffer;

import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import net.srv6epe.dataplane.port.FrameHandler;
import net.srv6epe.dataplane.port.Port;
import net.srv6epe.dataplane.port.PortCounters;
import net.srv6epe.srv6.wire.Checksum;
import net.srv6epe.srv6.wire.IpProtocol;
import net.srv6epe.srv6.wire.Ipv4Header;
import net.srv6epe.srv6.wire.Ipv6Header;

/**
 * Splits a GSO super-frame into the frames a NIC would have put on the wire, in software, as the kernel's
 * {@code skb_gso_segment()} does. A kernel peer on a veth sends TCP (TSO) and UDP (USO) in super-frames of up to
 * 64 KB when its transmit offloads are on (the veth default), and GRO on our own interface can build them too; the
 * frame's {@code virtio_net_hdr} says so ({@code gso_type}, {@code gso_size}: the payload bytes per segment).
 *
 * <p>Every segment gets a copy of all headers (the Ethernet header, the 802.1Q tag the kernel took out of band,
 * every IP header of a tunnel such as seg6 H.Encaps, the transport header), {@code gso_size} bytes of payload (the
 * last one the rest), and then:
 * <ul>
 *   <li>every IPv6 header: its Payload Length; every IPv4 header: Total Length, Identification + segment index
 *       (as {@code inet_gso_segment} does), header checksum;</li>
 *   <li>TCP (RFC 9293): Sequence Number + segment index * gso_size; FIN and PSH only on the last segment, CWR only
 *       on the first ({@code tcp_gso_segment}); UDP (RFC 768): Length;</li>
 *   <li>the transport checksum computed in full over the innermost pseudo-header (RFC 8200 8.1, with an SRH's
 *       final destination) and the segment, so it does not depend on what the super-frame's field held (a
 *       partial sum from TSO, a stale full sum from GRO).</li>
 * </ul>
 * {@link #prepare} checks the frame once and says how many segments it makes; {@link #emit} writes segments into
 * one scratch buffer and hands them to the handler one by one, and can resume where a receive limit stopped it.
 * UFO ({@code VIRTIO_NET_HDR_GSO_UDP}, IP fragmentation) and tunnels other than IP-in-IP are not split.
 * Allocation free after construction.
 */
final class GsoSplitter
{
    /** Largest segment: a jumbo frame and the 802.1Q tag put back. */
    static final int MAX_SEGMENT = Port.MAX_FRAME_LENGTH + 4;
    /** The {@code vlanTag} of an untagged frame (a TPID is never 0). */
    static final int NO_VLAN = 0;

    private static final int TCP_SEQUENCE_OFFSET = 4;
    private static final int TCP_DATA_OFFSET_OFFSET = 12;
    private static final int TCP_FLAGS_OFFSET = 13;
    private static final int TCP_CHECKSUM_OFFSET = 16;
    private static final int TCP_FIN = 0x01;
    private static final int TCP_PSH = 0x08;
    private static final int TCP_CWR = 0x80;
    private static final int UDP_LENGTH_OFFSET = 4;
    private static final int UDP_CHECKSUM_OFFSET = 6;
    private static final int UDP_HEADER_LENGTH = 8;
    private static final int MACS_LENGTH = 12;

    private final HeaderChain chain = new HeaderChain();
    private final UnsafeBuffer scratch = new UnsafeBuffer(ByteBuffer.allocateDirect(MAX_SEGMENT));
    private final Ipv4Header ipv4 = new Ipv4Header();

    private MutableDirectBuffer source;
    private int frameOffset;
    private int vlanTag;
    private int tagLength;
    private boolean tcp;
    private int headerEnd;
    private int dataEnd;
    private int segmentSize;
    private int segments;

    /**
     * Checks a super-frame and remembers it for {@link #emit}.
     *
     * @param buffer holding the frame (not modified).
     * @param offset of the frame's first byte.
     * @param length of the frame.
     * @param gsoType {@code virtio_net_hdr.gso_type}.
     * @param gsoSize {@code virtio_net_hdr.gso_size}: payload bytes per segment.
     * @param csumStart {@code virtio_net_hdr.csum_start} when the header has {@code NEEDS_CSUM}, else -1: must
     *                  point at the transport header this class finds.
     * @param vlanTag the 802.1Q tag to put back after the MAC addresses ({@code TPID << 16 | TCI}), or
     *                {@link #NO_VLAN}.
     * @return the number of segments (at least 1), or -1 if the frame cannot be split.
     */
    int prepare(
        final MutableDirectBuffer buffer,
        final int offset,
        final int length,
        final int gsoType,
        final int gsoSize,
        final int csumStart,
        final int vlanTag)
    {
        segments = 0;
        final int type = gsoType & ~PacketAbi.VIRTIO_NET_HDR_GSO_ECN;
        if (gsoSize <= 0 || !chain.walk(buffer, offset, length) ||
            (csumStart >= 0 && offset + csumStart != chain.transportOffset()))
        {
            return -1;
        }
        final int transport = chain.transportOffset();
        final int end = chain.dataEnd();
        if ((type == PacketAbi.VIRTIO_NET_HDR_GSO_TCPV4 || type == PacketAbi.VIRTIO_NET_HDR_GSO_TCPV6) &&
            chain.transportProtocol() == IpProtocol.TCP && transport + 20 <= end)
        {
            final int tcpLength = ((buffer.getByte(transport + TCP_DATA_OFFSET_OFFSET) & 0xF0) >>> 4) * 4;
            if (tcpLength < 20 || transport + tcpLength > end)
            {
                return -1;
            }
            tcp = true;
            headerEnd = transport + tcpLength;
        }
        else if (type == PacketAbi.VIRTIO_NET_HDR_GSO_UDP_L4 && chain.transportProtocol() == IpProtocol.UDP &&
            transport + UDP_HEADER_LENGTH <= end)
        {
            tcp = false;
            headerEnd = transport + UDP_HEADER_LENGTH;
        }
        else
        {
            return -1;
        }
        tagLength = vlanTag == NO_VLAN ? 0 : 4;
        if (headerEnd - offset + tagLength + gsoSize > MAX_SEGMENT)
        {
            return -1;
        }
        source = buffer;
        frameOffset = offset;
        this.vlanTag = vlanTag;
        dataEnd = end;
        segmentSize = gsoSize;
        final int payload = end - headerEnd;
        segments = payload <= gsoSize ? 1 : (payload + gsoSize - 1) / gsoSize;
        return segments;
    }

    /**
     * Hands segments {@code [first, first + max)} of the prepared frame to {@code handler} (fewer at the end),
     * counting each as received.
     *
     * @return the number of segments handed.
     */
    int emit(final FrameHandler handler, final int first, final int max, final PortCounters counters)
    {
        int handed = 0;
        for (int index = first; index < segments && handed < max; index++)
        {
            final int length = build(index);
            counters.onReceived(length);
            handler.onFrame(scratch, 0, length);
            handed++;
        }
        return handed;
    }

    /** The segment count of the frame last prepared. */
    int segments()
    {
        return segments;
    }

    private int build(final int index)
    {
        final MutableDirectBuffer in = source;
        final UnsafeBuffer out = scratch;
        final int payloadStart = headerEnd + index * segmentSize;
        final int chunk = Math.min(segmentSize, dataEnd - payloadStart);
        final int headersAfterMacs = headerEnd - frameOffset - MACS_LENGTH;

        out.putBytes(0, in, frameOffset, MACS_LENGTH);
        if (tagLength != 0)
        {
            out.putInt(MACS_LENGTH, vlanTag, BIG_ENDIAN);
        }
        out.putBytes(MACS_LENGTH + tagLength, in, frameOffset + MACS_LENGTH, headersAfterMacs);
        final int payloadAt = MACS_LENGTH + tagLength + headersAfterMacs;
        if (chunk > 0)
        {
            out.putBytes(payloadAt, in, payloadStart, chunk);
        }
        final int length = payloadAt + Math.max(chunk, 0);
        final int shift = tagLength - frameOffset;

        for (int i = 0; i < chain.ipCount(); i++)
        {
            final int ip = chain.ipOffset(i) + shift;
            if (chain.ipVersion(i) == 6)
            {
                out.putShort(ip + Ipv6Header.PAYLOAD_LENGTH_OFFSET, (short)(length - ip - Ipv6Header.HEADER_LENGTH),
                    BIG_ENDIAN);
            }
            else
            {
                ipv4.wrap(out, ip, length - ip);
                out.putShort(ip + Ipv4Header.TOTAL_LENGTH_OFFSET, (short)(length - ip), BIG_ENDIAN);
                out.putShort(ip + Ipv4Header.IDENTIFICATION_OFFSET, (short)(ipv4.identification() + index),
                    BIG_ENDIAN);
                ipv4.computeChecksum();
            }
        }

        final int transport = chain.transportOffset() + shift;
        final int transportLength = length - transport;
        final int checksumAt;
        if (tcp)
        {
            out.putInt(transport + TCP_SEQUENCE_OFFSET,
                out.getInt(transport + TCP_SEQUENCE_OFFSET, BIG_ENDIAN) + index * segmentSize, BIG_ENDIAN);
            int flags = out.getByte(transport + TCP_FLAGS_OFFSET) & 0xFF;
            if (index < segments - 1)
            {
                flags &= ~(TCP_FIN | TCP_PSH);
            }
            if (index > 0)
            {
                flags &= ~TCP_CWR;
            }
            out.putByte(transport + TCP_FLAGS_OFFSET, (byte)flags);
            checksumAt = transport + TCP_CHECKSUM_OFFSET;
        }
        else
        {
            out.putShort(transport + UDP_LENGTH_OFFSET, (short)transportLength, BIG_ENDIAN);
            checksumAt = transport + UDP_CHECKSUM_OFFSET;
        }
        out.putShort(checksumAt, (short)0);
        final int inner = chain.ipCount() - 1;
        final int innerIp = chain.ipOffset(inner) + shift;
        final int protocol = tcp ? IpProtocol.TCP : IpProtocol.UDP;
        final long pseudo;
        if (chain.ipVersion(inner) == 6)
        {
            pseudo = Checksum.pseudoHeaderSum(
                out.getLong(innerIp + Ipv6Header.SOURCE_OFFSET, BIG_ENDIAN),
                out.getLong(innerIp + Ipv6Header.SOURCE_OFFSET + 8, BIG_ENDIAN),
                chain.finalDestinationHi(), chain.finalDestinationLo(), transportLength, protocol);
        }
        else
        {
            pseudo = Checksum.ipv4PseudoHeaderSum(
                out.getInt(innerIp + Ipv4Header.SOURCE_OFFSET, BIG_ENDIAN),
                out.getInt(innerIp + Ipv4Header.DESTINATION_OFFSET, BIG_ENDIAN), transportLength, protocol);
        }
        final int checksum = Checksum.finish(PartialChecksum.sum(out, transport, transportLength, pseudo));
        out.putShort(checksumAt, (short)(checksum == 0 ? 0xFFFF : checksum), BIG_ENDIAN);
        return length;
    }
}
