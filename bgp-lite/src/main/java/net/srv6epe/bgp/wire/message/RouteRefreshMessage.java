package net.srv6epe.bgp.wire.message;

import net.srv6epe.bgp.wire.WireOptions;
import net.srv6epe.bgp.wire.nlri.AddressFamily;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * ROUTE-REFRESH (RFC 2918 3; subtypes of RFC 7313 3): AFI (2) | Reserved / Message Subtype (1) | SAFI (1).
 *
 * @param family  the AFI/SAFI to re-advertise
 * @param subtype 0 normal request (RFC 2918), 1 BoRR, 2 EoRR (RFC 7313)
 */
public record RouteRefreshMessage(AddressFamily family, int subtype) implements BgpMessage
{
    public static final int BODY_LENGTH = 4;
    public static final int SUBTYPE_REQUEST = 0;
    public static final int SUBTYPE_BEGIN = 1;
    public static final int SUBTYPE_END = 2;

    /** A plain RFC 2918 request. */
    public RouteRefreshMessage(final AddressFamily family)
    {
        this(family, SUBTYPE_REQUEST);
    }

    /** Decodes a 4-octet body (length checked by the codec). */
    public static RouteRefreshMessage decode(final DirectBuffer buffer, final int offset)
    {
        return new RouteRefreshMessage(new AddressFamily(buffer.getShort(offset, BIG_ENDIAN) & 0xFFFF,
            buffer.getByte(offset + 3) & 0xFF), buffer.getByte(offset + 2) & 0xFF);
    }

    @Override
    public MessageType type()
    {
        return MessageType.ROUTE_REFRESH;
    }

    @Override
    public int encodeBody(final MutableDirectBuffer buffer, final int offset, final WireOptions options)
    {
        buffer.putShort(offset, (short)family.afi(), BIG_ENDIAN);
        buffer.putByte(offset + 2, (byte)subtype);
        buffer.putByte(offset + 3, (byte)family.safi());
        return BODY_LENGTH;
    }

    @Override
    public String toString()
    {
        return "ROUTE-REFRESH " + family + (subtype == SUBTYPE_BEGIN ? " BoRR" : subtype == SUBTYPE_END ? " EoRR" :
            subtype == SUBTYPE_REQUEST ? "" : " subtype " + subtype);
    }
}
