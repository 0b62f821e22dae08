package net.srv6epe.bgp.wire.nlri;

import net.srv6epe.bgp.wire.error.ErrorSubcode;
import net.srv6epe.bgp.wire.error.MalformedException;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;


import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * A labeled VPN-IPv6 prefix (AFI 2 / SAFI 128; RFC 4659 3.2, RFC 8277 2):
 * <pre>
 *  +---------------------------+
 *  |   Length (1 octet, bits)  |  labels * 24 + 64 + prefix bits
 *  +---------------------------+
 *  |   Label (3 octets)        |  exactly one: we never negotiate Multiple Labels (RFC 8277 2.2)
 *  +---------------------------+
 *  |   Route Distinguisher (8) |
 *  +---------------------------+
 *  |   IPv6 prefix (variable)  |
 *  +---------------------------+
 * </pre>
 * Without the Multiple Labels capability (RFC 8277 2.2) a labeled NLRI carries exactly one label field, whatever
 * its bottom-of-stack bit says: in withdrawals it is the Compatibility field (0x800000 by RFC 8277 2.4, but FRR
 * sends 0x000000, and a receiver ignores it), and with RFC 9252 transposition it holds SID function bits. Walking
 * the bottom-of-stack bits instead would read a withdrawal's RD as a second label.
 *
 * @param label  the raw 24-bit label field (where RFC 9252 4 transposes SID bits)
 * @param rd     route distinguisher
 * @param prefix the IPv6 prefix inside the VPN
 */
public record VpnIpv6Prefix(int label, RouteDistinguisher rd, Ipv6Prefix prefix) implements Nlri
{
    private static final int LABEL_BITS = 24;
    private static final int RD_BITS = 64;

    /**
     * Decodes one prefix at {@code offset}, reading nothing at or past {@code limit}.
     *
     * @throws MalformedException (Invalid Network Field) when the bits do not hold label, RD and a prefix of
     *                            at most 128 bits, or the octets overrun
     */
    public static VpnIpv6Prefix decode(final DirectBuffer buffer, final int offset, final int limit)
    {
        final int invalid = ErrorSubcode.INVALID_NETWORK_FIELD.subcode();
        MalformedException.require(offset, 1, limit, invalid, "VPN-IPv6 prefix");
        final int bits = buffer.getByte(offset) & 0xFF;
        final int octets = PrefixBits.octets(bits);
        MalformedException.require(offset + 1, octets, limit, invalid, "VPN-IPv6 prefix of " + bits + " bits");
        int remaining = bits;
        int cursor = offset + 1;
        if (remaining < LABEL_BITS)
        {
            throw new MalformedException(invalid, "VPN-IPv6 prefix of " + bits + " bits: no room for a label");
        }
        final int field = ((buffer.getByte(cursor) & 0xFF) << 16) | ((buffer.getByte(cursor + 1) & 0xFF) << 8) |
            (buffer.getByte(cursor + 2) & 0xFF);
        cursor += 3;
        remaining -= LABEL_BITS;
        if (remaining < RD_BITS)
        {
            throw new MalformedException(invalid, "VPN-IPv6 prefix of " + bits + " bits: no room for the RD");
        }
        final RouteDistinguisher rd = new RouteDistinguisher(buffer.getLong(cursor, BIG_ENDIAN));
        cursor += 8;
        remaining -= RD_BITS;
        if (remaining > 128)
        {
            throw new MalformedException(invalid, "VPN-IPv6 prefix length " + remaining + " > 128");
        }
        return new VpnIpv6Prefix(field, rd, Ipv6Prefix.read(buffer, cursor, remaining));
    }

    @Override
    public int wireLength()
    {
        return 1 + PrefixBits.octets(LABEL_BITS + RD_BITS + prefix.length());
    }

    @Override
    public int encode(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putByte(offset, (byte)(LABEL_BITS + RD_BITS + prefix.length()));
        int cursor = offset + 1;
        buffer.putByte(cursor, (byte)(label >>> 16));
        buffer.putByte(cursor + 1, (byte)(label >>> 8));
        buffer.putByte(cursor + 2, (byte)label);
        cursor += 3;
        buffer.putLong(cursor, rd.value(), BIG_ENDIAN);
        cursor += 8;
        cursor += prefix.writeAddress(buffer, cursor);
        return cursor - offset;
    }

    @Override
    public String toString()
    {
        return "[" + rd + "]" + prefix + " label " + MplsLabel.format(label);
    }
}
