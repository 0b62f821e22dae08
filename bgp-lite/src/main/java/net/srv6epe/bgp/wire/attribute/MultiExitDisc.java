package net.srv6epe.bgp.wire.attribute;

import net.srv6epe.bgp.wire.WireOptions;
import net.srv6epe.bgp.wire.error.ErrorSubcode;
import net.srv6epe.bgp.wire.error.MalformedException;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * MULTI_EXIT_DISC (type 4, RFC 4271 4.3 and 5.1.4): a 4-octet unsigned metric.
 *
 * @param flags attribute flags
 * @param med the 4-octet value
 */
public record MultiExitDisc(int flags, int med) implements PathAttribute
{
    /** The attribute's usual flags. */
    public MultiExitDisc(final int med)
    {
        this(AttributeFlags.OPTIONAL_NON_TRANSITIVE, med);
    }

    /**
     * @throws MalformedException (Attribute Length Error) when the length is not 4
     */
    public static MultiExitDisc decode(final int flags, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length != 4)
        {
            throw new MalformedException(ErrorSubcode.ATTRIBUTE_LENGTH_ERROR.subcode(), "length " + length +
                ", expected 4");
        }
        return new MultiExitDisc(flags, buffer.getInt(offset, BIG_ENDIAN));
    }

    @Override
    public int typeCode()
    {
        return AttributeType.MULTI_EXIT_DISC;
    }

    @Override
    public int encodeValue(final MutableDirectBuffer buffer, final int offset, final WireOptions options)
    {
        buffer.putInt(offset, med, BIG_ENDIAN);
        return 4;
    }

    @Override
    public String toString()
    {
        return "MED " + Integer.toUnsignedString(med);
    }
}
