package net.srv6epe.srv6;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * IPv6 addresses as two {@code long}s (network byte order: {@code hi} holds bytes 0..7, {@code lo} bytes 8..15),
 * the representation every table and flyweight in this project uses. Parsing and formatting are for the
 * control plane; the fast path only moves longs.
 */
public final class Ipv6Address
{
    private Ipv6Address()
    {
    }

    /** Parses a literal ({@code fd00::1}); no host names are resolved. High 64 bits. */
    public static long parseHi(final String text)
    {
        return bytesToLong(parse(text), 0);
    }

    /** Parses a literal ({@code fd00::1}); no host names are resolved. Low 64 bits. */
    public static long parseLo(final String text)
    {
        return bytesToLong(parse(text), 8);
    }

    /**
     * Parses an IPv6 literal to 16 bytes.
     *
     * @throws IllegalArgumentException naming the text when it is not an IPv6 literal
     */
    public static byte[] parse(final String text)
    {
        if (text == null || text.isEmpty() || text.indexOf(':') < 0 || !isLiteralChars(text))
        {
            throw new IllegalArgumentException("not an IPv6 address: '" + text + "'");
        }
        try
        {
            final InetAddress a = InetAddress.getByName(text);
            if (a instanceof Inet6Address)
            {
                return a.getAddress();
            }
            final byte[] v4 = a.getAddress();
            final byte[] mapped = new byte[16];
            mapped[10] = (byte)0xff;
            mapped[11] = (byte)0xff;
            System.arraycopy(v4, 0, mapped, 12, 4);
            return mapped;
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalArgumentException("not an IPv6 address: '" + text + "'", ex);
        }
    }

    private static boolean isLiteralChars(final String text)
    {
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            final boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') ||
                c == ':' || c == '.';
            if (!ok)
            {
                return false;
            }
        }
        return true;
    }

    public static long bytesToLong(final byte[] b, final int offset)
    {
        long v = 0;
        for (int i = 0; i < 8; i++)
        {
            v = (v << 8) | (b[offset + i] & 0xFFL);
        }
        return v;
    }

    public static byte[] toBytes(final long hi, final long lo)
    {
        final byte[] b = new byte[16];
        for (int i = 0; i < 8; i++)
        {
            b[i] = (byte)(hi >>> (56 - 8 * i));
            b[8 + i] = (byte)(lo >>> (56 - 8 * i));
        }
        return b;
    }

    /** Formats in the RFC 5952 canonical text form (lower case, longest zero run compressed). */
    public static String format(final long hi, final long lo)
    {
        final int[] groups = new int[8];
        for (int i = 0; i < 4; i++)
        {
            groups[i] = (int)((hi >>> (48 - 16 * i)) & 0xFFFF);
            groups[4 + i] = (int)((lo >>> (48 - 16 * i)) & 0xFFFF);
        }
        int bestStart = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; )
        {
            if (groups[i] == 0)
            {
                int j = i;
                while (j < 8 && groups[j] == 0)
                {
                    j++;
                }
                if (j - i > bestLen)
                {
                    bestStart = i;
                    bestLen = j - i;
                }
                i = j;
            }
            else
            {
                i++;
            }
        }
        if (bestLen < 2)
        {
            bestStart = -1;
        }
        final StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++)
        {
            if (i == bestStart)
            {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':')
            {
                sb.append(':');
            }
            sb.append(Integer.toHexString(groups[i]));
        }
        return sb.toString();
    }

    public static String format(final byte[] address16)
    {
        return format(bytesToLong(address16, 0), bytesToLong(address16, 8));
    }
}
