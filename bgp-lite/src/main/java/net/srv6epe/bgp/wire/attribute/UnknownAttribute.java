package net.srv6epe.bgp.wire.attribute;

import net.srv6epe.bgp.wire.WireOptions;
import org.agrona.MutableDirectBuffer;

import java.util.HexFormat;

/**
 * An attribute whose type this layer does not decode, kept as opaque octets (RFC 4271 5: unrecognized optional
 * transitive attributes are passed on with the Partial bit set; unrecognized optional non-transitive ones are
 * quietly ignored; an unrecognized well-known one is an error, see the validator).
 *
 * @param flags    attribute flags as received
 * @param typeCode attribute type code
 * @param value    the value octets
 */
public record UnknownAttribute(int flags, int typeCode, byte[] value) implements PathAttribute
{
    public UnknownAttribute
    {
        value = value.clone();
    }

    /** The value octets (a copy). */
    @Override
    public byte[] value()
    {
        return value.clone();
    }

    /** RFC 4271 5: only optional transitive unknown attributes are passed on to other peers. */
    public boolean isPropagated()
    {
        return AttributeFlags.isOptional(flags) && AttributeFlags.isTransitive(flags);
    }

    /** RFC 4271 5 / 9.1.2: the attribute as re-advertised: the same with the Partial bit set. */
    public UnknownAttribute withPartial()
    {
        return new UnknownAttribute(flags | AttributeFlags.PARTIAL, typeCode, value);
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
        return o instanceof UnknownAttribute u && u.flags == flags && u.typeCode == typeCode &&
            java.util.Arrays.equals(u.value, value);
    }

    @Override
    public int hashCode()
    {
        return 31 * (31 * flags + typeCode) + java.util.Arrays.hashCode(value);
    }

    @Override
    public String toString()
    {
        return AttributeType.name(typeCode) + " flags " + AttributeFlags.format(flags) + " value 0x" +
            HexFormat.of().formatHex(value);
    }
}
