package net.srv6epe.bgp.wire.prefixsid;

import net.srv6epe.srv6.Ipv6Address;

/**
 * A 128-bit SRv6 SID as two longs (network order).
 *
 * @param hi bytes 0..7
 * @param lo bytes 8..15
 */
public record Srv6Sid(long hi, long lo)
{
    /** Parses {@code fd00:1:1::}. */
    public static Srv6Sid parse(final String text)
    {
        return new Srv6Sid(Ipv6Address.parseHi(text), Ipv6Address.parseLo(text));
    }

    /**
     * The {@code length} (0..64) bits starting at bit {@code offset} (0 = most significant), right-aligned.
     */
    public long bits(final int offset, final int length)
    {
        long v = 0;
        for (int i = 0; i < length; i++)
        {
            final int pos = offset + i;
            final long bit = pos < 64 ? (hi >>> (63 - pos)) & 1 : (lo >>> (127 - pos)) & 1;
            v = (v << 1) | bit;
        }
        return v;
    }

    /** This SID with the {@code length} bits at {@code offset} replaced by the low bits of {@code value}. */
    public Srv6Sid withBits(final int offset, final int length, final long value)
    {
        long h = hi;
        long l = lo;
        for (int i = 0; i < length; i++)
        {
            final int pos = offset + i;
            final long bit = (value >>> (length - 1 - i)) & 1;
            if (pos < 64)
            {
                h = (h & ~(1L << (63 - pos))) | (bit << (63 - pos));
            }
            else
            {
                l = (l & ~(1L << (127 - pos))) | (bit << (127 - pos));
            }
        }
        return new Srv6Sid(h, l);
    }

    @Override
    public String toString()
    {
        return Ipv6Address.format(hi, lo);
    }
}
