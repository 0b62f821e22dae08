package net.srv6epe.dataplane.config;

import net.srv6epe.srv6.Ipv4Address;
import net.srv6epe.srv6.Ipv6Address;

/**
 * Parsing of address and prefix text for validation: family by the presence of a colon, 4 or 16 bytes. Unlike
 * the vrf module's {@code Ipv6Prefix}/{@code Ipv4Prefix} (which the validator also runs on canonical prefixes),
 * it accepts host bits, as interface addresses ({@code fd00:1::2/64}) have them, and says which family it saw.
 */
final class IpText
{
    private IpText()
    {
    }

    /** A parsed prefix: address bytes (4 or 16) and length. */
    record Prefix(byte[] address, int length)
    {
        boolean isIpv6()
        {
            return address.length == 16;
        }

        /** An IPv6 link-local address, {@code fe80::/10}. */
        boolean isLinkLocal()
        {
            return isIpv6() && (address[0] & 0xFF) == 0xFE && (address[1] & 0xC0) == 0x80;
        }

        boolean hasHostBits()
        {
            for (int bit = length; bit < address.length * 8; bit++)
            {
                if ((address[bit >> 3] & (0x80 >>> (bit & 7))) != 0)
                {
                    return true;
                }
            }
            return false;
        }

        /** The prefix with host bits cleared, in canonical text. */
        String canonical()
        {
            final byte[] masked = address.clone();
            for (int bit = length; bit < masked.length * 8; bit++)
            {
                masked[bit >> 3] &= (byte)~(0x80 >>> (bit & 7));
            }
            return format(masked) + "/" + length;
        }

        boolean contains(final byte[] other)
        {
            if (other.length != address.length)
            {
                return false;
            }
            for (int bit = 0; bit < length; bit++)
            {
                final int mask = 0x80 >>> (bit & 7);
                if ((address[bit >> 3] & mask) != (other[bit >> 3] & mask))
                {
                    return false;
                }
            }
            return true;
        }
    }

    static boolean isIpv6Text(final String text)
    {
        return text.indexOf(':') >= 0;
    }

    /**
     * Parses an IPv6 or IPv4 address.
     *
     * @throws IllegalArgumentException naming the text.
     */
    static byte[] address(final String text)
    {
        if (isIpv6Text(text))
        {
            return Ipv6Address.parse(text);
        }
        final int v4 = Ipv4Address.parse(text);
        return new byte[]{ (byte)(v4 >>> 24), (byte)(v4 >>> 16), (byte)(v4 >>> 8), (byte)v4 };
    }

    /**
     * Parses {@code address/length}; host bits are allowed here (see {@link Prefix#hasHostBits()}).
     *
     * @throws IllegalArgumentException naming the text.
     */
    static Prefix prefix(final String text)
    {
        final int slash = text.indexOf('/');
        if (slash < 0)
        {
            throw new IllegalArgumentException("'" + text + "' is not a prefix (expected address/length)");
        }
        final byte[] address;
        try
        {
            address = address(text.substring(0, slash));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("'" + text + "' is not a prefix (" + ex.getMessage() + ")", ex);
        }
        final String lengthText = text.substring(slash + 1);
        final int max = address.length * 8;
        if (lengthText.isEmpty() || lengthText.length() > 3 || !lengthText.chars().allMatch(Character::isDigit) ||
            Integer.parseInt(lengthText) > max)
        {
            throw new IllegalArgumentException("'" + text + "' has a bad prefix length (expected 0.." + max + ")");
        }
        return new Prefix(address, Integer.parseInt(lengthText));
    }

    static String format(final byte[] address)
    {
        if (address.length == 16)
        {
            return Ipv6Address.format(address);
        }
        return (address[0] & 0xFF) + "." + (address[1] & 0xFF) + "." + (address[2] & 0xFF) + "." + (address[3] & 0xFF);
    }
}
