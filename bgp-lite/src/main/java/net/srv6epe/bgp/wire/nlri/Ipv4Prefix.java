package net.srv6epe.bgp.wire.nlri;

import net.srv6epe.bgp.wire.error.ErrorSubcode;
import net.srv6epe.bgp.wire.error.MalformedException;
import net.srv6epe.srv6.Ipv4Address;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * An IPv4 prefix as carried in the UPDATE Withdrawn Routes and NLRI fields (RFC 4271 4.3): one length octet in
 * bits, then the minimum number of address octets.
 *
 * @param address address in network order (first octet on top); bits past {@code length} kept as received
 * @param length  prefix length 0..32
 */
public record Ipv4Prefix(int address, int length) implements Nlri
{
    /**
     * @throws IllegalArgumentException when the length is outside 0..32
     */
    public Ipv4Prefix
    {
        if (length < 0 || length > 32)
        {
            throw new IllegalArgumentException("IPv4 prefix length " + length + " not in 0..32");
        }
    }

    /** Parses {@code 10.0.0.0/8}. */
    public static Ipv4Prefix parse(final String text)
    {
        final int slash = text.indexOf('/');
        if (slash < 0)
        {
            throw new IllegalArgumentException("not an IPv4 prefix: '" + text + "'");
        }
        return new Ipv4Prefix(Ipv4Address.parse(text.substring(0, slash)), Integer.parseInt(text.substring(slash + 1)));
    }

    /**
     * Decodes one prefix at {@code offset}, reading nothing at or past {@code limit}.
     *
     * @throws MalformedException (Invalid Network Field) when the length exceeds 32 or the octets overrun
     */
    public static Ipv4Prefix decode(final DirectBuffer buffer, final int offset, final int limit)
    {
        MalformedException.require(offset, 1, limit, ErrorSubcode.INVALID_NETWORK_FIELD.subcode(), "IPv4 prefix");
        final int bits = buffer.getByte(offset) & 0xFF;
        if (bits > 32)
        {
            throw new MalformedException(ErrorSubcode.INVALID_NETWORK_FIELD.subcode(),
                "IPv4 prefix length " + bits + " > 32");
        }
        final int octets = PrefixBits.octets(bits);
        MalformedException.require(offset + 1, octets, limit, ErrorSubcode.INVALID_NETWORK_FIELD.subcode(),
            "IPv4 prefix /" + bits);
        return new Ipv4Prefix((int)(PrefixBits.read(buffer, offset + 1, octets) >>> 32), bits);
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
        PrefixBits.write(buffer, offset + 1, ((long)address) << 32, PrefixBits.octets(length));
        return wireLength();
    }

    @Override
    public String toString()
    {
        return Ipv4Address.format(address) + "/" + length;
    }
}
