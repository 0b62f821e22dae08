package net.srv6epe.bgp.wire.nlri;

import net.srv6epe.srv6.Ipv4Address;

/**
 * An 8-octet route distinguisher (RFC 4364 4.2): a 2-octet type, then type 0 = 2-octet AS : 4-octet number,
 * type 1 = IPv4 address : 2-octet number, type 2 = 4-octet AS : 2-octet number. Printed as FRR and GoBGP print
 * it ({@code 65000:100}, {@code 192.0.2.1:7}, {@code 4200000001:7}).
 *
 * @param value the 8 octets, network order
 */
public record RouteDistinguisher(long value)
{
    public static final int TYPE_AS2 = 0;
    public static final int TYPE_IPV4 = 1;
    public static final int TYPE_AS4 = 2;

    /** Type 0: 2-octet AS, 4-octet assigned number. */
    public static RouteDistinguisher as2(final int as, final long number)
    {
        return new RouteDistinguisher(((long)(as & 0xFFFF) << 32) | (number & 0xFFFFFFFFL));
    }

    /** Type 1: IPv4 address, 2-octet assigned number. */
    public static RouteDistinguisher ipv4(final int address, final int number)
    {
        return new RouteDistinguisher(((long)TYPE_IPV4 << 48) | ((address & 0xFFFFFFFFL) << 16) | (number & 0xFFFF));
    }

    /** Type 2: 4-octet AS, 2-octet assigned number. */
    public static RouteDistinguisher as4(final long as, final int number)
    {
        return new RouteDistinguisher(((long)TYPE_AS4 << 48) | ((as & 0xFFFFFFFFL) << 16) | (number & 0xFFFF));
    }

    /** The type field. */
    public int type()
    {
        return (int)(value >>> 48);
    }

    @Override
    public String toString()
    {
        switch (type())
        {
            case TYPE_AS2:
                return ((value >>> 32) & 0xFFFF) + ":" + (value & 0xFFFFFFFFL);
            case TYPE_IPV4:
                return Ipv4Address.format((int)(value >>> 16)) + ":" + (value & 0xFFFF);
            case TYPE_AS4:
                return ((value >>> 16) & 0xFFFFFFFFL) + ":" + (value & 0xFFFF);
            default:
                return "rd-type-" + type() + ":0x" + Long.toHexString(value & 0xFFFFFFFFFFFFL);
        }
    }
}
