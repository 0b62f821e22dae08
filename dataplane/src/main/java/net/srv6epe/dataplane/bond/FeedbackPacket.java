package net.srv6epe.dataplane.bond;

import net.srv6epe.srv6.bond.FeedbackMessage;
import net.srv6epe.srv6.wire.Checksum;
import net.srv6epe.srv6.wire.IpProtocol;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Builds the tail end's feedback datagram (docs/BONDING.md "Feedback"): IPv6 from the bond SID to the head end,
 * UDP port {@link FeedbackMessage#UDP_PORT} both ways, the report as payload; along a reverse path, with an SRH
 * whose segments are the path's SIDs then the head end (RFC 8754: Segment List[0] is the last segment), the
 * destination the path's first SID and the UDP checksum over the final destination (RFC 8200 8.1).
 */
final class FeedbackPacket
{
    static final int IPV6_HEADER = 40;
    static final int UDP_HEADER = 8;
    static final int HOP_LIMIT = 64;

    private FeedbackPacket()
    {
    }

    /**
     * Writes the packet at {@code offset}.
     *
     * @param path the reverse path's SIDs as hi/lo pairs in travel order, or null to send straight to the head
     * @return the IPv6 packet's length
     */
    static int write(
        final MutableDirectBuffer out,
        final int offset,
        final long srcHi,
        final long srcLo,
        final long headHi,
        final long headLo,
        final long[] path,
        final DirectBuffer payload,
        final int payloadOffset,
        final int payloadLength)
    {
        final int segments = path == null ? 0 : path.length / 2;
        final int srhLength = segments == 0 ? 0 : 8 + 16 * (segments + 1);
        final int udp = offset + IPV6_HEADER + srhLength;
        final int udpLength = UDP_HEADER + payloadLength;
        out.putInt(offset, 0x6000_0000, BIG_ENDIAN);
        out.putShort(offset + 4, (short)(srhLength + udpLength), BIG_ENDIAN);
        out.putByte(offset + 6, (byte)(segments == 0 ? IpProtocol.UDP : 43));
        out.putByte(offset + 7, (byte)HOP_LIMIT);
        out.putLong(offset + 8, srcHi, BIG_ENDIAN);
        out.putLong(offset + 16, srcLo, BIG_ENDIAN);
        out.putLong(offset + 24, segments == 0 ? headHi : path[0], BIG_ENDIAN);
        out.putLong(offset + 32, segments == 0 ? headLo : path[1], BIG_ENDIAN);
        if (segments > 0)
        {
            final int srh = offset + IPV6_HEADER;
            out.putByte(srh, (byte)IpProtocol.UDP);
            out.putByte(srh + 1, (byte)(2 * (segments + 1)));
            out.putByte(srh + 2, (byte)4);
            out.putByte(srh + 3, (byte)segments);   // Segments Left: the path's first SID is active
            out.putByte(srh + 4, (byte)segments);   // Last Entry
            out.putByte(srh + 5, (byte)0);
            out.putShort(srh + 6, (short)0, BIG_ENDIAN);
            out.putLong(srh + 8, headHi, BIG_ENDIAN); // Segment List[0]: the last segment, the head end
            out.putLong(srh + 16, headLo, BIG_ENDIAN);
            for (int i = 0; i < segments; i++)
            {
                final int entry = srh + 8 + 16 * (segments - i);
                out.putLong(entry, path[2 * i], BIG_ENDIAN);
                out.putLong(entry + 8, path[2 * i + 1], BIG_ENDIAN);
            }
        }
        out.putShort(udp, (short)FeedbackMessage.UDP_PORT, BIG_ENDIAN);
        out.putShort(udp + 2, (short)FeedbackMessage.UDP_PORT, BIG_ENDIAN);
        out.putShort(udp + 4, (short)udpLength, BIG_ENDIAN);
        out.putShort(udp + 6, (short)0, BIG_ENDIAN);
        out.putBytes(udp + UDP_HEADER, payload, payloadOffset, payloadLength);
        final long sum = Checksum.sum(out, udp, udpLength,
            Checksum.pseudoHeaderSum(srcHi, srcLo, headHi, headLo, udpLength, IpProtocol.UDP));
        final int checksum = Checksum.finish(sum);
        out.putShort(udp + 6, (short)(checksum == 0 ? 0xFFFF : checksum), BIG_ENDIAN);
        return IPV6_HEADER + srhLength + udpLength;
    }
}
