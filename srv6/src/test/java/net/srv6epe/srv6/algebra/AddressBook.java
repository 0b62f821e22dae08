package net.srv6epe.srv6.algebra;

import net.srv6epe.srv6.Ipv4Address;
import net.srv6epe.srv6.Ipv6Address;

import java.util.HashMap;
import java.util.Map;

/**
 * Symbolic names for the addresses of header-algebra strings, in both directions.
 *
 * <p>Default rules (override or add names with {@link #define}):
 * <pre>
 *   A .. Z   (one upper-case letter)    -> fd00::1 .. fd00::1a     (A = fd00::1, B = fd00::2, ...)
 *   S&lt;n&gt;    (segment identifiers)       -> fd00:5::&lt;n&gt;            (S1 = fd00:5::1, S12 = fd00:5::c)
 *   a .. z   (one lower-case letter)    -> fd00:1::1 .. fd00:1::1a  in IPv6 headers
 *                                       -> 198.18.0.1 .. 198.18.0.26  in IPv4 headers
 *   anything with ':' or '.'            -> that literal address (e.g. fd00:db8::1, 198.19.2.1)
 * </pre>
 * Describing picks the defined name first, then the rules, then the literal, so every default name round-trips.
 */
public final class AddressBook
{
    private final Map<String, String> v6ByName = new HashMap<>();
    private final Map<String, String> v4ByName = new HashMap<>();
    private final Map<String, String> nameByV6 = new HashMap<>();
    private final Map<String, String> nameByV4 = new HashMap<>();

    public static AddressBook defaults()
    {
        return new AddressBook();
    }

    /** Defines (or redefines) a name as an IPv6 or IPv4 literal. Returns this for chaining. */
    public AddressBook define(final String name, final String literal)
    {
        if (literal.indexOf(':') >= 0)
        {
            final String canonical = Ipv6Address.format(Ipv6Address.parse(literal));
            v6ByName.put(name, canonical);
            nameByV6.put(canonical, name);
        }
        else
        {
            final String canonical = Ipv4Address.format(Ipv4Address.parse(literal));
            v4ByName.put(name, canonical);
            nameByV4.put(canonical, name);
        }
        return this;
    }

    /** The 16 bytes of an IPv6 name or literal. */
    public byte[] ipv6(final String name)
    {
        final String defined = v6ByName.get(name);
        if (defined != null)
        {
            return Ipv6Address.parse(defined);
        }
        if (name.indexOf(':') >= 0)
        {
            return Ipv6Address.parse(name);
        }
        if (name.length() == 1 && Character.isUpperCase(name.charAt(0)))
        {
            return Ipv6Address.parse("fd00::" + Integer.toHexString(name.charAt(0) - 'A' + 1));
        }
        if (name.length() == 1 && Character.isLowerCase(name.charAt(0)))
        {
            return Ipv6Address.parse("fd00:1::" + Integer.toHexString(name.charAt(0) - 'a' + 1));
        }
        if (name.matches("S[0-9]+"))
        {
            return Ipv6Address.parse("fd00:5::" + Integer.toHexString(Integer.parseInt(name.substring(1))));
        }
        throw new IllegalArgumentException("unknown IPv6 name '" + name + "'");
    }

    /** The address of an IPv4 name or literal. */
    public int ipv4(final String name)
    {
        final String defined = v4ByName.get(name);
        if (defined != null)
        {
            return Ipv4Address.parse(defined);
        }
        if (name.indexOf('.') >= 0)
        {
            return Ipv4Address.parse(name);
        }
        if (name.length() == 1 && Character.isLowerCase(name.charAt(0)))
        {
            return Ipv4Address.parse("198.18.0." + (name.charAt(0) - 'a' + 1));
        }
        throw new IllegalArgumentException("unknown IPv4 name '" + name + "'");
    }

    /** The name of an IPv6 address, or its literal. */
    public String nameOf(final long hi, final long lo)
    {
        final String literal = Ipv6Address.format(hi, lo);
        final String defined = nameByV6.get(literal);
        if (defined != null)
        {
            return defined;
        }
        if (hi == 0xfd00_0000_0000_0000L && lo >= 1 && lo <= 26)
        {
            return String.valueOf((char)('A' + lo - 1));
        }
        if (hi == 0xfd00_0001_0000_0000L && lo >= 1 && lo <= 26)
        {
            return String.valueOf((char)('a' + lo - 1));
        }
        if (hi == 0xfd00_0005_0000_0000L && lo >= 1 && lo < 0x10000)
        {
            return "S" + lo;
        }
        return literal;
    }

    /** The name of an IPv4 address, or its literal. */
    public String nameOf(final int address)
    {
        final String literal = Ipv4Address.format(address);
        final String defined = nameByV4.get(literal);
        if (defined != null)
        {
            return defined;
        }
        if ((address & 0xFFFFFF00) == 0xC6120000 && (address & 0xFF) >= 1 && (address & 0xFF) <= 26)
        {
            return String.valueOf((char)('a' + (address & 0xFF) - 1));
        }
        return literal;
    }
}
