package net.srv6epe.bgp.wire.capability;

import org.agrona.MutableDirectBuffer;

/** BGP Extended Message capability (code 6, RFC 8654 3), no value: messages up to 65535 octets. */
public record ExtendedMessageCapability() implements Capability
{
    public static final int CODE = 6;

    @Override
    public int code()
    {
        return CODE;
    }

    @Override
    public int encode(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putByte(offset, (byte)CODE);
        buffer.putByte(offset + 1, (byte)0);
        return 2;
    }

    @Override
    public String toString()
    {
        return "extended-message";
    }
}
