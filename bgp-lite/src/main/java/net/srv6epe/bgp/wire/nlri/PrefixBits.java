package net.srv6epe.bgp.wire.nlri;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Reads and writes the variable-length address part of a prefix (RFC 4271 4.3: "the minimum number of octets"),
 * as the top octets of a 64-bit word. Trailing bits past the prefix length are kept as received, so a decoded
 * prefix re-encodes to the same octets.
 */
final class PrefixBits
{
    private PrefixBits()
    {
    }

    static int octets(final int bits)
    {
        return (bits + 7) >>> 3;
    }

    /** Reads {@code count} (0..8) octets into the top of a long. */
    static long read(final DirectBuffer buffer, final int offset, final int count)
    {
        long v = 0;
        for (int i = 0; i < 8; i++)
        {
            v <<= 8;
            if (i < count)
            {
                v |= buffer.getByte(offset + i) & 0xFFL;
            }
        }
        return v;
    }

    /** Writes the top {@code count} (0..8) octets of a long. */
    static void write(final MutableDirectBuffer buffer, final int offset, final long value, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            buffer.putByte(offset + i, (byte)(value >>> (56 - 8 * i)));
        }
    }
}
