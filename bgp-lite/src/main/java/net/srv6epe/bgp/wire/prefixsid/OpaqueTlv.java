package net.srv6epe.bgp.wire.prefixsid;

import org.agrona.MutableDirectBuffer;

import java.util.Arrays;
import java.util.HexFormat;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * A TLV of a type this layer does not interpret, at any of the three Prefix-SID levels (RFC 8669 3 TLVs,
 * RFC 9252 3.1 Sub-TLVs, RFC 9252 3.2 Sub-Sub-TLVs): Type (1) | Length (2) | Value. Kept to be passed on.
 *
 * @param type  the type
 * @param value the value octets
 */
public record OpaqueTlv(int type, byte[] value) implements PrefixSidTlv, Srv6ServiceSubTlv, Srv6ServiceDataSubSubTlv
{
    public OpaqueTlv
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
        buffer.putByte(offset, (byte)type);
        buffer.putShort(offset + 1, (short)value.length, BIG_ENDIAN);
        buffer.putBytes(offset + 3, value);
        return 3 + value.length;
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof OpaqueTlv t && t.type == type && Arrays.equals(t.value, value);
    }

    @Override
    public int hashCode()
    {
        return 31 * type + Arrays.hashCode(value);
    }

    @Override
    public String toString()
    {
        return "tlv " + type + " 0x" + HexFormat.of().formatHex(value);
    }
}
