package net.srv6epe.bgp.wire.attribute;

import net.srv6epe.bgp.wire.WireOptions;
import net.srv6epe.bgp.wire.error.ErrorSubcode;
import net.srv6epe.bgp.wire.error.MalformedException;
import net.srv6epe.bgp.wire.nlri.AddressFamily;
import net.srv6epe.bgp.wire.nlri.Ipv6Prefix;
import net.srv6epe.bgp.wire.nlri.Nlri;
import net.srv6epe.bgp.wire.nlri.NlriCodec;
import net.srv6epe.bgp.wire.nlri.VpnIpv6Prefix;
import net.srv6epe.srv6.Ipv6Address;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * MP_REACH_NLRI (type 14, RFC 4760 3):
 * <pre>
 *  AFI (2) | SAFI (1) | Length of Next Hop (1) | Next Hop (variable) | Reserved (1) | NLRI (variable)
 * </pre>
 * Next hops: IPv6 unicast 16 octets (global) or 32 (global + link-local, RFC 2545 3); VPN-IPv6 24 octets
 * (8-octet zero RD + global, RFC 4659 3.2.1.1) or 48 (RD + global + RD + link-local, as FRR sends to directly
 * connected peers). NLRI of families this layer does not decode are kept opaque.
 *
 * @param flags      attribute flags
 * @param family     AFI/SAFI
 * @param nextHop    the next hop octets as on the wire
 * @param reserved   the reserved octet (RFC 4760 3: 0, ignored on receipt; kept to re-encode exactly)
 * @param nlri       decoded NLRI (empty for other families)
 * @param opaqueNlri NLRI octets of a family this layer does not decode, else empty
 */
public record MpReachNlri(int flags, AddressFamily family, byte[] nextHop, int reserved, List<Nlri> nlri,
    byte[] opaqueNlri) implements PathAttribute
{
    private static final int HEADER_LENGTH = 5;

    public MpReachNlri
    {
        nextHop = nextHop.clone();
        nlri = List.copyOf(nlri);
        opaqueNlri = opaqueNlri.clone();
    }

    /** IPv6 unicast with a 16-octet global next hop. */
    public static MpReachNlri ipv6Unicast(final long nextHopHi, final long nextHopLo, final List<Ipv6Prefix> nlri)
    {
        return new MpReachNlri(AttributeFlags.OPTIONAL_NON_TRANSITIVE, AddressFamily.IPV6_UNICAST,
            Ipv6Address.toBytes(nextHopHi, nextHopLo), 0, List.copyOf(nlri), new byte[0]);
    }

    /** IPv6 unicast with a 32-octet global + link-local next hop. */
    public static MpReachNlri ipv6Unicast(final long nextHopHi, final long nextHopLo, final long linkLocalHi,
        final long linkLocalLo, final List<Ipv6Prefix> nlri)
    {
        final byte[] nh = Arrays.copyOf(Ipv6Address.toBytes(nextHopHi, nextHopLo), 32);
        System.arraycopy(Ipv6Address.toBytes(linkLocalHi, linkLocalLo), 0, nh, 16, 16);
        return new MpReachNlri(AttributeFlags.OPTIONAL_NON_TRANSITIVE, AddressFamily.IPV6_UNICAST, nh, 0,
            List.copyOf(nlri), new byte[0]);
    }

    /** VPN-IPv6 with a 24-octet next hop (zero RD + global), as GoBGP sends. */
    public static MpReachNlri vpnIpv6(final long nextHopHi, final long nextHopLo, final List<VpnIpv6Prefix> nlri)
    {
        final byte[] nh = new byte[24];
        System.arraycopy(Ipv6Address.toBytes(nextHopHi, nextHopLo), 0, nh, 8, 16);
        return new MpReachNlri(AttributeFlags.OPTIONAL_NON_TRANSITIVE, AddressFamily.VPN_IPV6, nh, 0,
            List.copyOf(nlri), new byte[0]);
    }

    /** VPN-IPv6 with a 48-octet next hop (zero RD + global + zero RD + link-local), as FRR sends. */
    public static MpReachNlri vpnIpv6(final long nextHopHi, final long nextHopLo, final long linkLocalHi,
        final long linkLocalLo, final List<VpnIpv6Prefix> nlri)
    {
        final byte[] nh = new byte[48];
        System.arraycopy(Ipv6Address.toBytes(nextHopHi, nextHopLo), 0, nh, 8, 16);
        System.arraycopy(Ipv6Address.toBytes(linkLocalHi, linkLocalLo), 0, nh, 32, 16);
        return new MpReachNlri(AttributeFlags.OPTIONAL_NON_TRANSITIVE, AddressFamily.VPN_IPV6, nh, 0,
            List.copyOf(nlri), new byte[0]);
    }

    /**
     * RFC 7606 7.11: a next hop length the family does not allow, or a header that overruns, leaves the NLRI
     * impossible to locate; an NLRI that does not parse is an Invalid Network Field.
     *
     * @throws MalformedException (Optional Attribute Error, or Invalid Network Field for the NLRI)
     */
    public static MpReachNlri decode(final int flags, final DirectBuffer buffer, final int offset, final int length)
    {
        final int optional = ErrorSubcode.OPTIONAL_ATTRIBUTE_ERROR.subcode();
        if (length < HEADER_LENGTH)
        {
            throw new MalformedException(optional, "length " + length + " < 5: NLRI cannot be located");
        }
        final AddressFamily family = new AddressFamily(buffer.getShort(offset, BIG_ENDIAN) & 0xFFFF,
            buffer.getByte(offset + 2) & 0xFF);
        final int nextHopLength = buffer.getByte(offset + 3) & 0xFF;
        if (4 + nextHopLength + 1 > length)
        {
            throw new MalformedException(optional, "next hop length " + nextHopLength + " overruns attribute length " +
                length + ": NLRI cannot be located");
        }
        if (!nextHopLengthFits(family, nextHopLength))
        {
            throw new MalformedException(optional, "next hop length " + nextHopLength + " invalid for " + family +
                ": NLRI cannot be located");
        }
        final byte[] nextHop = new byte[nextHopLength];
        buffer.getBytes(offset + 4, nextHop);
        final int reserved = buffer.getByte(offset + 4 + nextHopLength) & 0xFF;
        final int nlriOffset = offset + HEADER_LENGTH + nextHopLength;
        final int nlriLength = length - HEADER_LENGTH - nextHopLength;
        if (family.isDecoded())
        {
            return new MpReachNlri(flags, family, nextHop, reserved,
                NlriCodec.decode(family, buffer, nlriOffset, nlriLength), new byte[0]);
        }
        final byte[] opaque = new byte[nlriLength];
        buffer.getBytes(nlriOffset, opaque);
        return new MpReachNlri(flags, family, nextHop, reserved, List.of(), opaque);
    }

    private static boolean nextHopLengthFits(final AddressFamily family, final int length)
    {
        if (family.equals(AddressFamily.IPV6_UNICAST))
        {
            return length == 16 || length == 32;
        }
        if (family.equals(AddressFamily.VPN_IPV6))
        {
            return length == 24 || length == 48;
        }
        if (family.equals(AddressFamily.IPV4_UNICAST))
        {
            return length == 4 || length == 16 || length == 32;
        }
        return true;
    }

    private int globalOffset()
    {
        // RFC 4659 3.2.1.1: a VPN next hop starts with an 8-octet RD (24 or 48 octets)
        return nextHop.length == 24 || nextHop.length == 48 ? 8 : 0;
    }

    /** True when the next hop is an IPv6 address (16/32 octets, or 24/48 for VPN). */
    public boolean hasIpv6NextHop()
    {
        return nextHop.length == 16 || nextHop.length == 32 || nextHop.length == 24 || nextHop.length == 48;
    }

    /** Global IPv6 next hop, high 64 bits (0 when {@link #hasIpv6NextHop()} is false). */
    public long nextHopHi()
    {
        return hasIpv6NextHop() ? Ipv6Address.bytesToLong(nextHop, globalOffset()) : 0;
    }

    /** Global IPv6 next hop, low 64 bits. */
    public long nextHopLo()
    {
        return hasIpv6NextHop() ? Ipv6Address.bytesToLong(nextHop, globalOffset() + 8) : 0;
    }

    /** True when a link-local next hop follows the global one (32 or 48 octets). */
    public boolean hasLinkLocalNextHop()
    {
        return nextHop.length == 32 || nextHop.length == 48;
    }

    /** Link-local next hop, high 64 bits (0 when absent). */
    public long linkLocalHi()
    {
        return hasLinkLocalNextHop() ? Ipv6Address.bytesToLong(nextHop, nextHop.length - 16) : 0;
    }

    /** Link-local next hop, low 64 bits (0 when absent). */
    public long linkLocalLo()
    {
        return hasLinkLocalNextHop() ? Ipv6Address.bytesToLong(nextHop, nextHop.length - 8) : 0;
    }

    /** The next hop octets (a copy). */
    @Override
    public byte[] nextHop()
    {
        return nextHop.clone();
    }

    /** The opaque NLRI octets (a copy). */
    @Override
    public byte[] opaqueNlri()
    {
        return opaqueNlri.clone();
    }

    @Override
    public int typeCode()
    {
        return AttributeType.MP_REACH_NLRI;
    }

    @Override
    public int encodeValue(final MutableDirectBuffer buffer, final int offset, final WireOptions options)
    {
        buffer.putShort(offset, (short)family.afi(), BIG_ENDIAN);
        buffer.putByte(offset + 2, (byte)family.safi());
        buffer.putByte(offset + 3, (byte)nextHop.length);
        buffer.putBytes(offset + 4, nextHop);
        buffer.putByte(offset + 4 + nextHop.length, (byte)reserved);
        int cursor = offset + HEADER_LENGTH + nextHop.length;
        cursor += NlriCodec.encode(nlri, buffer, cursor);
        buffer.putBytes(cursor, opaqueNlri);
        return cursor + opaqueNlri.length - offset;
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof MpReachNlri m && m.flags == flags && m.family.equals(family) && m.reserved == reserved &&
            Arrays.equals(m.nextHop, nextHop) && m.nlri.equals(nlri) && Arrays.equals(m.opaqueNlri, opaqueNlri);
    }

    @Override
    public int hashCode()
    {
        return 31 * family.hashCode() + nlri.hashCode();
    }

    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder("MP_REACH_NLRI ").append(family).append(" nexthop ");
        if (hasIpv6NextHop())
        {
            sb.append(Ipv6Address.format(nextHopHi(), nextHopLo()));
            if (hasLinkLocalNextHop())
            {
                sb.append(" link-local ").append(Ipv6Address.format(linkLocalHi(), linkLocalLo()));
            }
        }
        else
        {
            sb.append("0x").append(HexFormat.of().formatHex(nextHop));
        }
        sb.append(" ").append(nlri);
        if (opaqueNlri.length > 0)
        {
            sb.append(" opaque 0x").append(HexFormat.of().formatHex(opaqueNlri));
        }
        return sb.toString();
    }
}
