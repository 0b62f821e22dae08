package net.srv6epe.bgp.wire.capability;

import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Support for 4-octet AS number capability (code 65, RFC 6793 3): the speaker's AS in 4 octets. The OPEN's
 * 2-octet My AS then holds the AS, or AS_TRANS (23456) when it does not fit.
 *
 * @param as the 4-octet AS, unsigned
 */
public record FourOctetAsCapability(long as) implements Capability
{
    public static final int CODE = 65;
    public static final int LENGTH = 4;

    @Override
    public int code()
    {
        return CODE;
    }

    @Override
    public int encode(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putByte(offset, (byte)CODE);
        buffer.putByte(offset + 1, (byte)LENGTH);
        buffer.putInt(offset + 2, (int)as, BIG_ENDIAN);
        return 2 + LENGTH;
    }

    @Override
    public String toString()
    {
        return "4-octet-as " + as;
    }
}
