package net.srv6epe.bgp.wire.message;

import net.srv6epe.bgp.wire.WireOptions;
import org.agrona.MutableDirectBuffer;

/** KEEPALIVE (RFC 4271 4.4): the header alone. */
public record KeepaliveMessage() implements BgpMessage
{
    /** The one KEEPALIVE. */
    public static final KeepaliveMessage INSTANCE = new KeepaliveMessage();

    @Override
    public MessageType type()
    {
        return MessageType.KEEPALIVE;
    }

    @Override
    public int encodeBody(final MutableDirectBuffer buffer, final int offset, final WireOptions options)
    {
        return 0;
    }

    @Override
    public String toString()
    {
        return "KEEPALIVE";
    }
}
