package net.srv6epe.bgp.wire.attribute;

import net.srv6epe.bgp.wire.WireOptions;
import org.agrona.MutableDirectBuffer;

/**
 * One path attribute. Implementations are immutable values; {@link PathAttributeCodec} writes the header
 * (flags, type, length) around {@link #encodeValue}.
 */
public interface PathAttribute
{
    /** The Attribute Flags octet as received, or the attribute's usual flags when built locally. */
    int flags();

    /** The Attribute Type Code. */
    int typeCode();

    /** Writes the attribute value (no header) at {@code offset}; returns the octets written. */
    int encodeValue(MutableDirectBuffer buffer, int offset, WireOptions options);
}
