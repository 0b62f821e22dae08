package net.srv6epe.bgp.wire.capability;

import org.agrona.MutableDirectBuffer;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * One OPEN optional parameter (RFC 4271 4.2): Parm. Type (1) | Parm. Length (1) | Parm. Value. Type 2 holds
 * capabilities (RFC 5492 4), one or several per parameter; the grouping is kept so that an OPEN re-encodes
 * exactly. Other types keep their value opaque.
 *
 * @param type         parameter type
 * @param capabilities the capabilities of a type 2 parameter, else empty
 * @param opaqueValue  the value of any other parameter type, else empty
 */
public record OptionalParameter(int type, List<Capability> capabilities, byte[] opaqueValue)
{
    /** RFC 5492 4: the Capabilities optional parameter. */
    public static final int TYPE_CAPABILITIES = 2;

    public OptionalParameter
    {
        capabilities = List.copyOf(capabilities);
        opaqueValue = opaqueValue.clone();
    }

    /** A Capabilities parameter. */
    public static OptionalParameter capabilities(final List<Capability> capabilities)
    {
        return new OptionalParameter(TYPE_CAPABILITIES, capabilities, new byte[0]);
    }

    /** The opaque value octets (a copy). */
    @Override
    public byte[] opaqueValue()
    {
        return opaqueValue.clone();
    }

    /** Writes the parameter; returns the octets written. */
    public int encode(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putByte(offset, (byte)type);
        int cursor = offset + 2;
        for (final Capability c : capabilities)
        {
            cursor += c.encode(buffer, cursor);
        }
        buffer.putBytes(cursor, opaqueValue);
        cursor += opaqueValue.length;
        final int length = cursor - offset - 2;
        if (length > 0xFF)
        {
            throw new IllegalArgumentException("optional parameter of " + length + " octets (RFC 9072 not supported)");
        }
        buffer.putByte(offset + 1, (byte)length);
        return cursor - offset;
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof OptionalParameter p && p.type == type && p.capabilities.equals(capabilities) &&
            Arrays.equals(p.opaqueValue, opaqueValue);
    }

    @Override
    public int hashCode()
    {
        return 31 * type + capabilities.hashCode();
    }

    @Override
    public String toString()
    {
        return type == TYPE_CAPABILITIES ? capabilities.toString() :
            "param " + type + " 0x" + HexFormat.of().formatHex(opaqueValue);
    }
}
