package net.srv6epe.bgp.wire.nlri;

import net.srv6epe.bgp.wire.error.ErrorSubcode;
import net.srv6epe.bgp.wire.error.MalformedException;
import net.srv6epe.srv6.Ipv6Address;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * An IPv6 prefix as carried in MP_REACH_NLRI / MP_UNREACH_NLRI for AFI 2 / SAFI 1 (RFC 4760 5, RFC 2545):
 * one length octet in bits, then the minimum number of address octets.
 *
 * @param hi     address bytes 0..7; bits past {@code length} kept as received
 * @param lo     address bytes 8..15
 * @param length prefix length 0..128
 */
public record Ipv6Prefix(long hi, long lo, int length) implements Nlri
{
    /**
     * @throws IllegalArgumentException when the length is outside 0..128
     */
    public Ipv6Prefix
    {
        if (length < 0 || length > 128)
        {
            throw new IllegalArgumentException("IPv6 prefix length " + length + " not in 0..128");
        }
    }

    /** Parses {@code 2001:db8::/32}. */
    public static Ipv6Prefix parse(final String text)
    {
        final int slash = text.indexOf('/');
        if (slash < 0)
        {
            throw new IllegalArgumentException("not an IPv6 prefix: '" + text + "'");
        }
        final String address = text.substring(0, slash);
        return new Ipv6Prefix(Ipv6Address.parseHi(address), Ipv6Address.parseLo(address),
            Integer.parseInt(text.substring(slash + 1)));
    }

    /**
     * Decodes one prefix at {@code offset}, reading nothing at or past {@code limit}.
     *
     * @throws MalformedException (Invalid Network Field) when the length exceeds 128 or the octets overrun
     */
    public static Ipv6Prefix decode(final DirectBuffer buffer, final int offset, final int limit)
    {
        MalformedException.require(offset, 1, limit, ErrorSubcode.INVALID_NETWORK_FIELD.subcode(), "IPv6 prefix");
        final int bits = buffer.getByte(offset) & 0xFF;
        if (bits > 128)
        {
            throw new MalformedException(ErrorSubcode.INVALID_NETWORK_FIELD.subcode(),
                "IPv6 prefix length " + bits + " > 128");
        }
        final int octets = PrefixBits.octets(bits);
        MalformedException.require(offset + 1, octets, limit, ErrorSubcode.INVALID_NETWORK_FIELD.subcode(),
            "IPv6 prefix /" + bits);
        return read(buffer, offset + 1, bits);
    }

    /** Reads the address octets of a prefix of {@code bits} (bounds already checked). */
    static Ipv6Prefix read(final DirectBuffer buffer, final int offset, final int bits)
    {
        final int octets = PrefixBits.octets(bits);
        final long hi = PrefixBits.read(buffer, offset, Math.min(octets, 8));
        final long lo = octets > 8 ? PrefixBits.read(buffer, offset + 8, octets - 8) : 0;
        return new Ipv6Prefix(hi, lo, bits);
    }

    /** Writes the address octets only (no length octet); returns the count. */
    int writeAddress(final MutableDirectBuffer buffer, final int offset)
    {
        final int octets = PrefixBits.octets(length);
        PrefixBits.write(buffer, offset, hi, Math.min(octets, 8));
        if (octets > 8)
        {
            PrefixBits.write(buffer, offset + 8, lo, octets - 8);
        }
        return octets;
    }

    @Override
    public int wireLength()
    {
        return 1 + PrefixBits.octets(length);
    }

    @Override
    public int encode(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putByte(offset, (byte)length);
        writeAddress(buffer, offset + 1);
        return wireLength();
    }

    @Override
    public String toString()
    {
        return Ipv6Address.format(hi, lo) + "/" + length;
    }
}
