package net.srv6epe.bgp.wire.capability;

import org.agrona.MutableDirectBuffer;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A capability this layer does not interpret (graceful restart, add-path, ...), kept as received.
 *
 * @param code  capability code
 * @param value the value octets
 */
public record UnknownCapability(int code, byte[] value) implements Capability
{
    public UnknownCapability
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
    public int encode(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putByte(offset, (byte)code);
        buffer.putByte(offset + 1, (byte)value.length);
        buffer.putBytes(offset + 2, value);
        return 2 + value.length;
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof UnknownCapability u && u.code == code && Arrays.equals(u.value, value);
    }

    @Override
    public int hashCode()
    {
        return 31 * code + Arrays.hashCode(value);
    }

    @Override
    public String toString()
    {
        return "capability " + code + (value.length > 0 ? " 0x" + HexFormat.of().formatHex(value) : "");
    }
}
