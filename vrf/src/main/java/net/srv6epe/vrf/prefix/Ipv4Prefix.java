package net.srv6epe.vrf.prefix;

import net.srv6epe.srv6.Ipv4Address;

/**
 * An IPv4 prefix ({@code 192.0.2.0/24}) as an {@code int} address (network order, first octet in the top byte)
 * plus a length 0..32. Host bits beyond the length must be zero; a prefix with host bits set is rejected.
 *
 * <p>Immutable. Ordered by address (unsigned) and then by length.
 */
public final class Ipv4Prefix implements Comparable<Ipv4Prefix>
{
    /** {@code 0.0.0.0/0}. */
    public static final Ipv4Prefix DEFAULT = new Ipv4Prefix(0, 0);

    private final int address;
    private final int length;

    private Ipv4Prefix(final int address, final int length)
    {
        this.address = address;
        this.length = length;
    }

    /**
     * Parses {@code a.b.c.d/length}.
     *
     * @throws IllegalArgumentException naming the text when it is malformed, the length is out of range, or host
     *     bits are set ({@code "192.0.2.1/24 has host bits set; did you mean 192.0.2.0/24?"})
     */
    public static Ipv4Prefix parse(final String text)
    {
        final int slash = text == null ? -1 : text.indexOf('/');
        if (slash < 0)
        {
            throw new IllegalArgumentException("not an IPv4 prefix: '" + text + "' (expected address/length)");
        }
        final int length = Ipv6Prefix.parseLength(text, text.substring(slash + 1), 32);
        final int address;
        try
        {
            address = Ipv4Address.parse(text.substring(0, slash));
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("not an IPv4 prefix: '" + text + "' (bad address)", ex);
        }
        return of(address, length);
    }

    /**
     * Creates a prefix from an address and a length.
     *
     * @throws IllegalArgumentException when the length is not 0..32 or host bits are set
     */
    public static Ipv4Prefix of(final int address, final int length)
    {
        if (length < 0 || length > 32)
        {
            throw new IllegalArgumentException("IPv4 prefix length " + length + " is outside 0..32");
        }
        final int masked = address & mask(length);
        if (masked != address)
        {
            throw new IllegalArgumentException(Ipv4Address.format(address) + "/" + length +
                " has host bits set; did you mean " + Ipv4Address.format(masked) + "/" + length + "?");
        }
        return length == 0 ? DEFAULT : new Ipv4Prefix(address, length);
    }

    /** A {@code /32} host prefix. */
    public static Ipv4Prefix host(final int address)
    {
        return new Ipv4Prefix(address, 32);
    }

    /** Network mask for a length 0..32. */
    public static int mask(final int length)
    {
        return length == 0 ? 0 : -1 << (32 - length);
    }

    public int address()
    {
        return address;
    }

    public int length()
    {
        return length;
    }

    /** Whether the address lies inside this prefix. Allocation free. */
    public boolean contains(final int candidate)
    {
        return (candidate & mask(length)) == address;
    }

    /** Whether {@code other} is this prefix or a more specific one inside it. */
    public boolean contains(final Ipv4Prefix other)
    {
        return other.length >= length && contains(other.address);
    }

    @Override
    public int compareTo(final Ipv4Prefix o)
    {
        final int c = Integer.compareUnsigned(address, o.address);
        return c != 0 ? c : Integer.compare(length, o.length);
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof Ipv4Prefix && ((Ipv4Prefix)o).address == address && ((Ipv4Prefix)o).length == length;
    }

    @Override
    public int hashCode()
    {
        return address * 31 + length;
    }

    @Override
    public String toString()
    {
        return Ipv4Address.format(address) + "/" + length;
    }
}
