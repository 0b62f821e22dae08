package net.srv6epe.dataplane.port;

import static java.nio.ByteOrder.BIG_ENDIAN;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * MAC addresses as the low 48 bits of a {@code long} (first octet in bits 47..40), the representation tables and
 * frames use. Parsing and formatting are for the control plane.
 */
public final class MacAddress
{
    /** ff:ff:ff:ff:ff:ff. */
    public static final long BROADCAST = 0xFFFF_FFFF_FFFFL;

    private MacAddress()
    {
    }

    /**
     * Parses {@code 02:00:00:00:00:01} (also with {@code -} separators).
     *
     * @throws IllegalArgumentException naming the text when it is not a MAC address
     */
    public static long parse(final String text)
    {
        if (text == null || text.length() != 17)
        {
            throw new IllegalArgumentException("not a MAC address: '" + text + "'");
        }
        long mac = 0;
        for (int i = 0; i < 6; i++)
        {
            final int p = i * 3;
            if (i > 0 && text.charAt(p - 1) != ':' && text.charAt(p - 1) != '-')
            {
                throw new IllegalArgumentException("not a MAC address: '" + text + "'");
            }
            final int hi = Character.digit(text.charAt(p), 16);
            final int lo = Character.digit(text.charAt(p + 1), 16);
            if (hi < 0 || lo < 0)
            {
                throw new IllegalArgumentException("not a MAC address: '" + text + "'");
            }
            mac = (mac << 8) | (hi << 4) | lo;
        }
        return mac;
    }

    /** Formats as lower-case {@code 02:00:00:00:00:01}. */
    public static String format(final long mac)
    {
        final StringBuilder sb = new StringBuilder(17);
        for (int i = 5; i >= 0; i--)
        {
            final int b = (int)(mac >>> (8 * i)) & 0xFF;
            sb.append(Character.forDigit(b >>> 4, 16)).append(Character.forDigit(b & 0xF, 16));
            if (i > 0)
            {
                sb.append(':');
            }
        }
        return sb.toString();
    }

    /** Reads 6 bytes at {@code offset}. */
    public static long get(final DirectBuffer buffer, final int offset)
    {
        return ((buffer.getShort(offset, BIG_ENDIAN) & 0xFFFFL) << 32) |
            (buffer.getInt(offset + 2, BIG_ENDIAN) & 0xFFFF_FFFFL);
    }

    /** Writes 6 bytes at {@code offset}. */
    public static void put(final MutableDirectBuffer buffer, final int offset, final long mac)
    {
        buffer.putShort(offset, (short)(mac >>> 32), BIG_ENDIAN);
        buffer.putInt(offset + 2, (int)mac, BIG_ENDIAN);
    }

    /** True for group (multicast or broadcast) addresses: the I/G bit of the first octet. */
    public static boolean isGroup(final long mac)
    {
        return (mac & 0x0100_0000_0000L) != 0;
    }
}
