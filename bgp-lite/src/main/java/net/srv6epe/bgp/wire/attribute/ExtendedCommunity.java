package net.srv6epe.bgp.wire.attribute;

import net.srv6epe.srv6.Ipv4Address;

/**
 * One 8-octet extended community (RFC 4360 2-4, RFC 5668 for the 4-octet AS form): type high, type low
 * (sub-type), six value octets. Route targets and route origins are printed the way GoBGP and FRR print them:
 * {@code rt 65000:100}, {@code rt 192.0.2.1:7}, {@code rt 4200000001:7}, {@code soo 65000:1}.
 *
 * @param value the 8 octets, network order
 */
public record ExtendedCommunity(long value)
{
    /** Type high: transitive two-octet AS specific (RFC 4360 3.1). */
    public static final int TYPE_AS2 = 0x00;
    /** Type high: transitive IPv4-address specific (RFC 4360 3.2). */
    public static final int TYPE_IPV4 = 0x01;
    /** Type high: transitive four-octet AS specific (RFC 5668 2). */
    public static final int TYPE_AS4 = 0x02;
    /** Type high bit: non-transitive (RFC 4360 2). */
    public static final int NON_TRANSITIVE = 0x40;
    /** Sub-type: Route Target (RFC 4360 4). */
    public static final int SUBTYPE_ROUTE_TARGET = 0x02;
    /** Sub-type: Route Origin (RFC 4360 5). */
    public static final int SUBTYPE_ROUTE_ORIGIN = 0x03;

    /** Route target, two-octet AS form: {@code rt 65000:100}. */
    public static ExtendedCommunity routeTarget(final int as, final long number)
    {
        return new ExtendedCommunity(((long)TYPE_AS2 << 56) | ((long)SUBTYPE_ROUTE_TARGET << 48) |
            ((long)(as & 0xFFFF) << 32) | (number & 0xFFFFFFFFL));
    }

    /** Route target, IPv4-address form: {@code rt 192.0.2.1:7}. */
    public static ExtendedCommunity routeTargetIpv4(final int address, final int number)
    {
        return new ExtendedCommunity(((long)TYPE_IPV4 << 56) | ((long)SUBTYPE_ROUTE_TARGET << 48) |
            ((address & 0xFFFFFFFFL) << 16) | (number & 0xFFFF));
    }

    /** Route target, four-octet AS form: {@code rt 4200000001:7}. */
    public static ExtendedCommunity routeTargetAs4(final long as, final int number)
    {
        return new ExtendedCommunity(((long)TYPE_AS4 << 56) | ((long)SUBTYPE_ROUTE_TARGET << 48) |
            ((as & 0xFFFFFFFFL) << 16) | (number & 0xFFFF));
    }

    /** Type high octet. */
    public int type()
    {
        return (int)(value >>> 56) & 0xFF;
    }

    /** Type low octet (sub-type). */
    public int subtype()
    {
        return (int)(value >>> 48) & 0xFF;
    }

    /** True for a route target of any of the three forms. */
    public boolean isRouteTarget()
    {
        final int base = type() & ~NON_TRANSITIVE;
        return subtype() == SUBTYPE_ROUTE_TARGET && (base == TYPE_AS2 || base == TYPE_IPV4 || base == TYPE_AS4);
    }

    /** The {@code admin:assigned} part for AS and IPv4 specific types, else null. */
    public String globalLocal()
    {
        switch (type() & ~NON_TRANSITIVE)
        {
            case TYPE_AS2:
                return ((value >>> 32) & 0xFFFF) + ":" + (value & 0xFFFFFFFFL);
            case TYPE_IPV4:
                return Ipv4Address.format((int)(value >>> 16)) + ":" + (value & 0xFFFF);
            case TYPE_AS4:
                return ((value >>> 16) & 0xFFFFFFFFL) + ":" + (value & 0xFFFF);
            default:
                return null;
        }
    }

    @Override
    public String toString()
    {
        final String gl = globalLocal();
        if (gl != null && subtype() == SUBTYPE_ROUTE_TARGET)
        {
            return "rt " + gl;
        }
        if (gl != null && subtype() == SUBTYPE_ROUTE_ORIGIN)
        {
            return "soo " + gl;
        }
        return String.format("0x%016x", value);
    }
}
