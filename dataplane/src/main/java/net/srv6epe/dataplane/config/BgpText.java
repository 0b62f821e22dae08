package net.srv6epe.dataplane.config;

import net.srv6epe.bgp.wire.attribute.ExtendedCommunity;
import net.srv6epe.bgp.wire.nlri.RouteDistinguisher;
import net.srv6epe.srv6.Ipv4Address;

/**
 * Route distinguishers (RFC 4364 4.2) and route targets (RFC 4360 4) in the text form FRR and GoBGP use:
 * {@code 65000:100} (2-octet AS, 32-bit number for an RT / RD type 0), {@code 4200000001:7} (4-octet AS, 16-bit
 * number, type 2) and {@code 198.18.0.1:7} (IPv4 address, 16-bit number, type 1).
 */
public final class BgpText
{
    private static final long MAX_AS2 = 0xFFFF;
    private static final long MAX_AS4 = 0xFFFF_FFFFL;
    private static final long MAX_U16 = 0xFFFF;

    private BgpText()
    {
    }

    /**
     * Parses a route distinguisher.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static RouteDistinguisher routeDistinguisher(final String text)
    {
        final Parts p = split(text);
        if (p.ipv4 != null)
        {
            return RouteDistinguisher.ipv4(p.ipv4, (int)requireU16(text, p.number));
        }
        if (p.as <= MAX_AS2)
        {
            requireU32(text, p.number);
            return RouteDistinguisher.as2((int)p.as, p.number);
        }
        return RouteDistinguisher.as4(p.as, (int)requireU16(text, p.number));
    }

    /**
     * Parses a route target.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static ExtendedCommunity routeTarget(final String text)
    {
        final Parts p = split(text);
        if (p.ipv4 != null)
        {
            return ExtendedCommunity.routeTargetIpv4(p.ipv4, (int)requireU16(text, p.number));
        }
        if (p.as <= MAX_AS2)
        {
            requireU32(text, p.number);
            return ExtendedCommunity.routeTarget((int)p.as, p.number);
        }
        return ExtendedCommunity.routeTargetAs4(p.as, (int)requireU16(text, p.number));
    }

    private static Parts split(final String text)
    {
        final int colon = text == null ? -1 : text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1)
        {
            throw new IllegalArgumentException("'" + text + "' is not ASN:NN or A.B.C.D:NN");
        }
        final String global = text.substring(0, colon);
        final long number = unsigned(text, text.substring(colon + 1));
        if (global.indexOf('.') >= 0)
        {
            final int address;
            try
            {
                address = Ipv4Address.parse(global);
            }
            catch (final RuntimeException ex)
            {
                throw new IllegalArgumentException("'" + text + "': '" + global + "' is not an IPv4 address");
            }
            return new Parts(0, address, number);
        }
        final long as = unsigned(text, global);
        if (as > MAX_AS4)
        {
            throw new IllegalArgumentException("'" + text + "': AS " + as + " exceeds 4294967295");
        }
        return new Parts(as, null, number);
    }

    private static long unsigned(final String text, final String digits)
    {
        if (digits.isEmpty() || digits.length() > 10 || !digits.chars().allMatch(Character::isDigit))
        {
            throw new IllegalArgumentException("'" + text + "' is not ASN:NN or A.B.C.D:NN");
        }
        return Long.parseLong(digits);
    }

    private static long requireU16(final String text, final long number)
    {
        if (number > MAX_U16)
        {
            throw new IllegalArgumentException("'" + text + "': number " + number +
                " exceeds 65535 (4-octet AS or IPv4 form)");
        }
        return number;
    }

    private static void requireU32(final String text, final long number)
    {
        if (number > MAX_AS4)
        {
            throw new IllegalArgumentException("'" + text + "': number " + number + " exceeds 4294967295");
        }
    }

    private record Parts(long as, Integer ipv4, long number)
    {
    }
}
