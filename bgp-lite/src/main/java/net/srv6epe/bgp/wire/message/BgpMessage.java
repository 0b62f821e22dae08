package net.srv6epe.bgp.wire.message;

import net.srv6epe.bgp.wire.WireOptions;
import org.agrona.MutableDirectBuffer;

/** A BGP message; {@link BgpMessageCodec} writes the header around {@link #encodeBody}. */
public sealed interface BgpMessage permits OpenMessage, UpdateMessage, NotificationMessage, KeepaliveMessage,
    RouteRefreshMessage
{
    /** The message type. */
    MessageType type();

    /** Writes the body (everything after the 19-octet header) at {@code offset}; returns the octets written. */
    int encodeBody(MutableDirectBuffer buffer, int offset, WireOptions options);
}
