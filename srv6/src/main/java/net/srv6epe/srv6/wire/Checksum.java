package net.srv6epe.srv6.wire;

import org.agrona.DirectBuffer;

/**
 * The Internet checksum (RFC 1071): one's complement of the one's complement sum of 16-bit words, and the
 * IPv6 pseudo-header sum (RFC 8200 8.1) used by ICMPv6, UDP and TCP over IPv6.
 *
 * <p>Sums are kept unfolded in a {@code long} until {@link #fold(long)} so they can be chained without
 * allocation: {@code finish(sum(buf, off, len, pseudoHeaderSum(...)))}.
 */
public final class Checksum
{
    private Checksum()
    {
    }

    /**
     * Adds the bytes {@code [offset, offset + length)} to {@code initial} as big-endian 16-bit words; an odd last
     * byte is padded with zero on the right (RFC 1071).
     */
    public static long sum(final DirectBuffer buffer, final int offset, final int length, final long initial)
    {
        long sum = initial;
        int i = offset;
        final int end = offset + length;
        while (i + 1 < end)
        {
            sum += ((buffer.getByte(i) & 0xFF) << 8) | (buffer.getByte(i + 1) & 0xFF);
            i += 2;
        }
        if (i < end)
        {
            sum += (buffer.getByte(i) & 0xFF) << 8;
        }
        return sum;
    }

    /** Folds carries into 16 bits (not complemented). */
    public static int fold(final long sum)
    {
        long s = sum;
        while ((s >>> 16) != 0)
        {
            s = (s & 0xFFFF) + (s >>> 16);
        }
        return (int)s;
    }

    /** The checksum field value: complement of the folded sum. */
    public static int finish(final long sum)
    {
        return ~fold(sum) & 0xFFFF;
    }

    /** Checksum of a plain byte range (IPv4 header, ICMPv4 message). */
    public static int compute(final DirectBuffer buffer, final int offset, final int length)
    {
        return finish(sum(buffer, offset, length, 0));
    }

    /** Sum of a 128-bit address given as hi/lo longs. */
    public static long sumAddress(final long hi, final long lo)
    {
        return ((hi >>> 48) & 0xFFFF) + ((hi >>> 32) & 0xFFFF) + ((hi >>> 16) & 0xFFFF) + (hi & 0xFFFF) +
            ((lo >>> 48) & 0xFFFF) + ((lo >>> 32) & 0xFFFF) + ((lo >>> 16) & 0xFFFF) + (lo & 0xFFFF);
    }

    /**
     * The IPv6 pseudo-header sum (RFC 8200 8.1): source, final destination, upper-layer packet length and next
     * header. Add the upper-layer bytes to it with {@link #sum(DirectBuffer, int, int, long)}.
     */
    public static long pseudoHeaderSum(
        final long srcHi, final long srcLo, final long dstHi, final long dstLo, final int upperLength,
        final int nextHeader)
    {
        return sumAddress(srcHi, srcLo) + sumAddress(dstHi, dstLo) + ((upperLength >>> 16) & 0xFFFF) +
            (upperLength & 0xFFFF) + nextHeader;
    }

    /** The IPv4 pseudo-header sum for UDP/TCP (RFC 768, RFC 9293). */
    public static long ipv4PseudoHeaderSum(final int src, final int dst, final int upperLength, final int protocol)
    {
        return ((src >>> 16) & 0xFFFF) + (src & 0xFFFF) + ((dst >>> 16) & 0xFFFF) + (dst & 0xFFFF) +
            upperLength + protocol;
    }

    /**
     * Incremental update of a checksum field when one 16-bit word changes from {@code oldWord} to {@code newWord}
     * (RFC 1624 eqn. 3: HC' = ~(~HC + ~m + m')).
     */
    public static int update(final int checksum, final int oldWord, final int newWord)
    {
        final long sum = (~checksum & 0xFFFF) + (~oldWord & 0xFFFF) + (newWord & 0xFFFF);
        return ~fold(sum) & 0xFFFF;
    }
}
