package net.srv6epe.bgp.wire.attribute;

import net.srv6epe.bgp.wire.WireOptions;
import net.srv6epe.bgp.wire.error.ErrorSubcode;
import net.srv6epe.bgp.wire.error.MalformedException;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * ORIGIN (type 1, RFC 4271 4.3 and 5.1.1): one octet, IGP (0), EGP (1) or INCOMPLETE (2).
 *
 * @param flags  attribute flags
 * @param origin the origin value
 */
public record Origin(int flags, int origin) implements PathAttribute
{
    public static final int IGP = 0;
    public static final int EGP = 1;
    public static final int INCOMPLETE = 2;

    /** Well-known flags. */
    public Origin(final int origin)
    {
        this(AttributeFlags.WELL_KNOWN, origin);
    }

    /**
     * @throws MalformedException length other than 1 (Attribute Length Error) or value above 2 (Invalid ORIGIN)
     */
    public static Origin decode(final int flags, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length != 1)
        {
            throw new MalformedException(ErrorSubcode.ATTRIBUTE_LENGTH_ERROR.subcode(), "length " + length +
                ", expected 1");
        }
        final int value = buffer.getByte(offset) & 0xFF;
        if (value > INCOMPLETE)
        {
            throw new MalformedException(ErrorSubcode.INVALID_ORIGIN_ATTRIBUTE.subcode(), "undefined value " + value);
        }
        return new Origin(flags, value);
    }

    @Override
    public int typeCode()
    {
        return AttributeType.ORIGIN;
    }

    @Override
    public int encodeValue(final MutableDirectBuffer buffer, final int offset, final WireOptions options)
    {
        buffer.putByte(offset, (byte)origin);
        return 1;
    }

    @Override
    public String toString()
    {
        return "ORIGIN " + (origin == IGP ? "igp" : origin == EGP ? "egp" : origin == INCOMPLETE ? "incomplete" :
            String.valueOf(origin));
    }
}
