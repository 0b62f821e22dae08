package net.srv6epe.vrf.prefix;

import net.srv6epe.srv6.Ipv6Address;

/**
 * An IPv6 prefix ({@code fd00:1::/48}) as the address in two longs ({@code hi} = bytes 0..7, {@code lo} = bytes
 * 8..15, network order) plus a length 0..128. Host bits beyond the length are always zero: constructing a prefix
 * with host bits set is rejected rather than silently masked, because it is almost always a typo.
 *
 * <p>Immutable. Ordered by address (unsigned) and then by length, which is the order {@code show route} lists.
 */
public final class Ipv6Prefix implements Comparable<Ipv6Prefix>
{
    /** {@code ::/0}. */
    public static final Ipv6Prefix DEFAULT = new Ipv6Prefix(0, 0, 0);

    private final long hi;
    private final long lo;
    private final int length;

    private Ipv6Prefix(final long hi, final long lo, final int length)
    {
        this.hi = hi;
        this.lo = lo;
        this.length = length;
    }

    /**
     * Parses {@code address/length}.
     *
     * @throws IllegalArgumentException naming the text when it is malformed, the length is out of range, or host
     *     bits are set ({@code "fd00::1/64 has host bits set; did you mean fd00::/64?"})
     */
    public static Ipv6Prefix parse(final String text)
    {
        final int slash = text == null ? -1 : text.indexOf('/');
        if (slash < 0)
        {
            throw new IllegalArgumentException("not an IPv6 prefix: '" + text + "' (expected address/length)");
        }
        final String address = text.substring(0, slash);
        final int length = parseLength(text, text.substring(slash + 1), 128);
        final long hi;
        final long lo;
        try
        {
            final byte[] bytes = Ipv6Address.parse(address);
            hi = Ipv6Address.bytesToLong(bytes, 0);
            lo = Ipv6Address.bytesToLong(bytes, 8);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("not an IPv6 prefix: '" + text + "' (bad address)", ex);
        }
        return of(hi, lo, length);
    }

    /**
     * Creates a prefix from an address and a length.
     *
     * @throws IllegalArgumentException when the length is not 0..128 or host bits are set
     */
    public static Ipv6Prefix of(final long hi, final long lo, final int length)
    {
        if (length < 0 || length > 128)
        {
            throw new IllegalArgumentException("IPv6 prefix length " + length + " is outside 0..128");
        }
        final long maskedHi = hi & maskHi(length);
        final long maskedLo = lo & maskLo(length);
        if (maskedHi != hi || maskedLo != lo)
        {
            throw new IllegalArgumentException(Ipv6Address.format(hi, lo) + "/" + length +
                " has host bits set; did you mean " + Ipv6Address.format(maskedHi, maskedLo) + "/" + length + "?");
        }
        return length == 0 ? DEFAULT : new Ipv6Prefix(hi, lo, length);
    }

    /** A {@code /128} host prefix for an address. */
    public static Ipv6Prefix host(final long hi, final long lo)
    {
        return new Ipv6Prefix(hi, lo, 128);
    }

    /** Creates the prefix of the given length that contains the address, clearing host bits. */
    public static Ipv6Prefix covering(final long hi, final long lo, final int length)
    {
        return of(hi & maskHi(length), lo & maskLo(length), length);
    }

    static int parseLength(final String text, final String lengthText, final int max)
    {
        if (lengthText.isEmpty() || lengthText.length() > 3 || !lengthText.chars().allMatch(Character::isDigit))
        {
            throw new IllegalArgumentException("bad prefix length in '" + text + "' (expected 0.." + max + ")");
        }
        final int length = Integer.parseInt(lengthText);
        if (length > max)
        {
            throw new IllegalArgumentException("prefix length " + length + " in '" + text + "' is outside 0.." + max);
        }
        return length;
    }

    /** Mask of the high 64 bits for a prefix length 0..128. */
    public static long maskHi(final int length)
    {
        return length <= 0 ? 0 : length >= 64 ? -1L : -1L << (64 - length);
    }

    /** Mask of the low 64 bits for a prefix length 0..128. */
    public static long maskLo(final int length)
    {
        return length <= 64 ? 0 : length >= 128 ? -1L : -1L << (128 - length);
    }

    public long hi()
    {
        return hi;
    }

    public long lo()
    {
        return lo;
    }

    public int length()
    {
        return length;
    }

    /** Whether the address lies inside this prefix. Allocation free. */
    public boolean contains(final long addressHi, final long addressLo)
    {
        return (addressHi & maskHi(length)) == hi && (addressLo & maskLo(length)) == lo;
    }

    /** Whether {@code other} is this prefix or a more specific one inside it. */
    public boolean contains(final Ipv6Prefix other)
    {
        return other.length >= length && contains(other.hi, other.lo);
    }

    @Override
    public int compareTo(final Ipv6Prefix o)
    {
        int c = Long.compareUnsigned(hi, o.hi);
        if (c == 0)
        {
            c = Long.compareUnsigned(lo, o.lo);
        }
        return c != 0 ? c : Integer.compare(length, o.length);
    }

    @Override
    public boolean equals(final Object o)
    {
        if (!(o instanceof Ipv6Prefix))
        {
            return false;
        }
        final Ipv6Prefix p = (Ipv6Prefix)o;
        return hi == p.hi && lo == p.lo && length == p.length;
    }

    @Override
    public int hashCode()
    {
        return Long.hashCode(hi) * 31 * 31 + Long.hashCode(lo) * 31 + length;
    }

    @Override
    public String toString()
    {
        return Ipv6Address.format(hi, lo) + "/" + length;
    }
}
