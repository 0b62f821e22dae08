package net.srv6epe.dataplane.port.afpacket;

import static java.nio.ByteOrder.BIG_ENDIAN;

import org.agrona.MutableDirectBuffer;

import net.srv6epe.srv6.wire.Checksum;

/**
 * Finishes a checksum the sending kernel left to the "hardware" (CHECKSUM_PARTIAL, announced by
 * {@code VIRTIO_NET_HDR_F_NEEDS_CSUM} in the frame's {@code virtio_net_hdr}, together with
 * {@code TP_STATUS_CSUMNOTREADY}), exactly as a NIC with {@code NETIF_F_HW_CSUM} or the kernel's own
 * {@code skb_checksum_help()} does: the checksum field already holds the folded pseudo-header sum, so the Internet
 * checksum (RFC 1071) of the bytes from {@code csum_start} to the end of the frame is stored at
 * {@code csum_start + csum_offset}, a result of 0 written as 0xFFFF (RFC 768's rule, which TCP and ICMPv6 accept
 * too). Because the kernel says where the transport header is, this works for TCP, UDP and ICMPv6 over IPv6 or
 * IPv4 at any depth: behind extension headers, or inside a seg6 H.Encaps tunnel where the checksum to finish is
 * the inner one.
 */
final class PartialChecksum
{
    private PartialChecksum()
    {
    }

    /**
     * Finishes the checksum in place.
     *
     * @param frameOffset offset of the Ethernet frame in {@code buffer}.
     * @param frameLength bytes of the frame.
     * @param csumStart {@code virtio_net_hdr.csum_start}: where summing starts, from the frame start.
     * @param csumOffset {@code virtio_net_hdr.csum_offset}: where the result goes, from {@code csumStart}.
     * @return false (nothing written) when the offsets do not lie inside the frame past the Ethernet header.
     */
    static boolean complete(
        final MutableDirectBuffer buffer,
        final int frameOffset,
        final int frameLength,
        final int csumStart,
        final int csumOffset)
    {
        if (csumStart < 14 || csumOffset < 0 || csumStart + csumOffset + 2 > frameLength)
        {
            return false;
        }
        final long sum = sum(buffer, frameOffset + csumStart, frameLength - csumStart, 0);
        final int checksum = Checksum.finish(sum);
        buffer.putShort(frameOffset + csumStart + csumOffset, (short)(checksum == 0 ? 0xFFFF : checksum), BIG_ENDIAN);
        return true;
    }

    /**
     * The same unfolded one's complement sum as {@link Checksum#sum}, eight bytes per load: a big-endian 32-bit
     * word is congruent to the sum of its two 16-bit halves modulo 0xFFFF (2^16 = 1), so 32-bit words can be added
     * into a {@code long} and folded once at the end ({@link Checksum#fold}).
     */
    static long sum(final MutableDirectBuffer buffer, final int offset, final int length, final long initial)
    {
        long sum = initial;
        int i = offset;
        final int end8 = offset + (length & ~7);
        while (i < end8)
        {
            final long v = buffer.getLong(i, BIG_ENDIAN);
            sum += (v >>> 32) + (v & 0xFFFF_FFFFL);
            i += 8;
        }
        return Checksum.sum(buffer, i, offset + length - i, sum);
    }
}
