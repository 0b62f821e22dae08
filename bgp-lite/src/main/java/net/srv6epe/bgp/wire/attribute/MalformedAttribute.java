package net.srv6epe.bgp.wire.attribute;

import net.srv6epe.bgp.wire.WireOptions;
import net.srv6epe.bgp.wire.error.ErrorSubcode;
import org.agrona.MutableDirectBuffer;

import java.util.HexFormat;

/**
 * An attribute of a known type whose value did not parse: the decoder's record of the problem, left for
 * {@link net.srv6epe.bgp.wire.error.UpdateValidator} to map to an RFC 7606 action. Re-encodes its octets as
 * received.
 *
 * @param flags    attribute flags as received
 * @param typeCode attribute type code
 * @param value    the value octets as received
 * @param subcode  RFC 4271 6.3 UPDATE Message Error subcode naming the problem
 * @param problem  what is wrong, readable
 */
public record MalformedAttribute(int flags, int typeCode, byte[] value, int subcode, String problem)
    implements PathAttribute
{
    public MalformedAttribute
    {
        value = value.clone();
    }

    /** The value octets (a copy). */
    @Override
    public byte[] value()
    {
        return value.clone();
    }

    @Override
    public int encodeValue(final MutableDirectBuffer buffer, final int offset, final WireOptions options)
    {
        buffer.putBytes(offset, value);
        return value.length;
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof MalformedAttribute m && m.flags == flags && m.typeCode == typeCode &&
            m.subcode == subcode && java.util.Arrays.equals(m.value, value) && m.problem.equals(problem);
    }

    @Override
    public int hashCode()
    {
        return 31 * (31 * flags + typeCode) + java.util.Arrays.hashCode(value);
    }

    @Override
    public String toString()
    {
        return AttributeType.name(typeCode) + " malformed (" + problem + ", " +
            ErrorSubcode.describe(3, subcode) + ") value 0x" + HexFormat.of().formatHex(value);
    }
}
