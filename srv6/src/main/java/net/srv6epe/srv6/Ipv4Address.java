package net.srv6epe.srv6;

/** IPv4 addresses as one {@code int} in network byte order (first octet in the top byte). */
public final class Ipv4Address
{
    private Ipv4Address()
    {
    }

    /**
     * Parses dotted-quad text strictly (four decimal octets 0..255).
     *
     * @throws IllegalArgumentException naming the text when it is not an IPv4 address
     */
    public static int parse(final String text)
    {
        if (text == null)
        {
            throw new IllegalArgumentException("not an IPv4 address: 'null'");
        }
        final String[] parts = text.split("\\.", -1);
        if (parts.length != 4)
        {
            throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
        }
        int v = 0;
        for (final String p : parts)
        {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit))
            {
                throw new IllegalArgumentException("not an IPv4 address: '" + text + "'");
            }
            final int octet = Integer.parseInt(p);
            if (octet > 255)
            {
                throw new IllegalArgumentException("not an IPv4 address: '" + text + "' (octet " + octet + " > 255)");
            }
            v = (v << 8) | octet;
        }
        return v;
    }

    public static String format(final int address)
    {
        return ((address >>> 24) & 0xFF) + "." + ((address >>> 16) & 0xFF) + "." + ((address >>> 8) & 0xFF) + "." +
            (address & 0xFF);
    }
}
