package net.srv6epe.bgp.wire.attribute;

import net.srv6epe.bgp.wire.WireOptions;
import net.srv6epe.bgp.wire.error.ErrorSubcode;
import net.srv6epe.bgp.wire.error.MalformedException;
import net.srv6epe.srv6.Ipv4Address;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * ORIGINATOR_ID (type 9, RFC 4456 8): the BGP identifier of the route's originator in the local AS.
 *
 * @param flags attribute flags
 * @param routerId the 4-octet value
 */
public record OriginatorId(int flags, int routerId) implements PathAttribute
{
    /** The attribute's usual flags. */
    public OriginatorId(final int routerId)
    {
        this(AttributeFlags.OPTIONAL_NON_TRANSITIVE, routerId);
    }

    /**
     * @throws MalformedException (Attribute Length Error) when the length is not 4
     */
    public static OriginatorId decode(final int flags, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length != 4)
        {
            throw new MalformedException(ErrorSubcode.ATTRIBUTE_LENGTH_ERROR.subcode(), "length " + length +
                ", expected 4");
        }
        return new OriginatorId(flags, buffer.getInt(offset, BIG_ENDIAN));
    }

    @Override
    public int typeCode()
    {
        return AttributeType.ORIGINATOR_ID;
    }

    @Override
    public int encodeValue(final MutableDirectBuffer buffer, final int offset, final WireOptions options)
    {
        buffer.putInt(offset, routerId, BIG_ENDIAN);
        return 4;
    }

    @Override
    public String toString()
    {
        return "ORIGINATOR_ID " + Ipv4Address.format(routerId);
    }
}
