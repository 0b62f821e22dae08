package net.srv6epe.bgp.wire.attribute;

import net.srv6epe.bgp.wire.WireOptions;
import net.srv6epe.bgp.wire.error.ErrorSubcode;
import net.srv6epe.bgp.wire.error.MalformedException;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * LOCAL_PREF (type 5, RFC 4271 4.3 and 5.1.5): a 4-octet unsigned preference, iBGP only.
 *
 * @param flags attribute flags
 * @param preference the 4-octet value
 */
public record LocalPref(int flags, int preference) implements PathAttribute
{
    /** The attribute's usual flags. */
    public LocalPref(final int preference)
    {
        this(AttributeFlags.WELL_KNOWN, preference);
    }

    /**
     * @throws MalformedException (Attribute Length Error) when the length is not 4
     */
    public static LocalPref decode(final int flags, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length != 4)
        {
            throw new MalformedException(ErrorSubcode.ATTRIBUTE_LENGTH_ERROR.subcode(), "length " + length +
                ", expected 4");
        }
        return new LocalPref(flags, buffer.getInt(offset, BIG_ENDIAN));
    }

    @Override
    public int typeCode()
    {
        return AttributeType.LOCAL_PREF;
    }

    @Override
    public int encodeValue(final MutableDirectBuffer buffer, final int offset, final WireOptions options)
    {
        buffer.putInt(offset, preference, BIG_ENDIAN);
        return 4;
    }

    @Override
    public String toString()
    {
        return "LOCAL_PREF " + Integer.toUnsignedString(preference);
    }
}
