package net.srv6epe.bgp.wire.message;

import net.srv6epe.bgp.wire.WireOptions;
import net.srv6epe.bgp.wire.error.ErrorSubcode;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Frames, decodes and encodes whole BGP messages (RFC 4271 4.1, 6.1, 6.2; RFC 8654 for the length limit).
 * Stateless; the negotiated limits come in {@link WireOptions}.
 */
public final class BgpMessageCodec
{
    private BgpMessageCodec()
    {
    }

    /**
     * How long the message starting at {@code offset} is, once its header has arrived.
     *
     * @param available octets received from {@code offset}
     * @return the message length from the header, or -1 when fewer than 19 octets are available
     * @throws MessageDecodeException on a bad marker or length (RFC 4271 6.1)
     */
    public static int frameLength(final DirectBuffer buffer, final int offset, final int available,
        final WireOptions options) throws MessageDecodeException
    {
        if (available < MessageHeader.HEADER_LENGTH)
        {
            return -1;
        }
        for (int i = 0; i < MessageHeader.MARKER_LENGTH; i++)
        {
            if (buffer.getByte(offset + MessageHeader.MARKER_OFFSET + i) != (byte)0xFF)
            {
                // RFC 4271 6.1: Marker not all ones -> Connection Not Synchronized
                throw new MessageDecodeException(NotificationMessage.of(ErrorSubcode.CONNECTION_NOT_SYNCHRONIZED,
                    new byte[0]), "marker octet " + i + " is not 0xff");
            }
        }
        final int length = buffer.getShort(offset + MessageHeader.LENGTH_OFFSET, BIG_ENDIAN) & 0xFFFF;
        if (length < MessageHeader.HEADER_LENGTH || length > options.maxMessageLength())
        {
            throw badLength(buffer, offset, length, "length " + length + " not in 19.." + options.maxMessageLength());
        }
        return length;
    }

    /**
     * Decodes the message starting at {@code offset}.
     *
     * @param available octets available from {@code offset}; must hold the whole message
     * @throws MessageDecodeException      on header errors (RFC 4271 6.1), OPEN errors (6.2), and body lengths
     *                                     wrong for the type; UPDATE content errors are left to the validator
     * @throws IllegalArgumentException    when the message has not fully arrived
     */
    public static BgpMessage decode(final DirectBuffer buffer, final int offset, final int available,
        final WireOptions options) throws MessageDecodeException
    {
        final int length = frameLength(buffer, offset, available, options);
        if (length < 0 || length > available)
        {
            throw new IllegalArgumentException("incomplete message: " + available + " octets of " +
                (length < 0 ? "a header" : String.valueOf(length)));
        }
        final int typeCode = buffer.getByte(offset + MessageHeader.TYPE_OFFSET) & 0xFF;
        final MessageType type = MessageType.of(typeCode);
        final int body = offset + MessageHeader.HEADER_LENGTH;
        final int bodyLength = length - MessageHeader.HEADER_LENGTH;
        if (type == null)
        {
            throw new MessageDecodeException(NotificationMessage.of(ErrorSubcode.BAD_MESSAGE_TYPE,
                new byte[]{ (byte)typeCode }), "message type " + typeCode);
        }
        switch (type)
        {
            case OPEN:
                // RFC 8654 4: OPEN stays within 4096 octets even with Extended Message
                if (length < MessageHeader.MIN_OPEN_LENGTH || length > WireOptions.STANDARD_MAX_MESSAGE_LENGTH)
                {
                    throw badLength(buffer, offset, length, "OPEN of " + length + " octets");
                }
                return OpenMessage.decode(buffer, body, bodyLength);
            case UPDATE:
                if (length < MessageHeader.MIN_UPDATE_LENGTH)
                {
                    throw badLength(buffer, offset, length, "UPDATE of " + length + " octets");
                }
                return UpdateMessage.decode(buffer, body, bodyLength, options);
            case NOTIFICATION:
                if (length < MessageHeader.MIN_NOTIFICATION_LENGTH)
                {
                    throw badLength(buffer, offset, length, "NOTIFICATION of " + length + " octets");
                }
                return NotificationMessage.decode(buffer, body, bodyLength);
            case KEEPALIVE:
                if (length != MessageHeader.KEEPALIVE_LENGTH)
                {
                    throw badLength(buffer, offset, length, "KEEPALIVE of " + length + " octets");
                }
                return KeepaliveMessage.INSTANCE;
            case ROUTE_REFRESH:
            default:
                return decodeRouteRefresh(buffer, offset, length);
        }
    }

    private static RouteRefreshMessage decodeRouteRefresh(final DirectBuffer buffer, final int offset,
        final int length) throws MessageDecodeException
    {
        if (length != MessageHeader.ROUTE_REFRESH_LENGTH)
        {
            final int subtype = length > MessageHeader.HEADER_LENGTH + 2 ?
                buffer.getByte(offset + MessageHeader.HEADER_LENGTH + 2) & 0xFF : 0;
            if (subtype == RouteRefreshMessage.SUBTYPE_BEGIN || subtype == RouteRefreshMessage.SUBTYPE_END)
            {
                // RFC 7313 5: the data is the complete ROUTE-REFRESH message
                final byte[] data = new byte[length];
                buffer.getBytes(offset, data);
                throw new MessageDecodeException(NotificationMessage.of(ErrorSubcode.INVALID_ROUTE_REFRESH_LENGTH,
                    data), "ROUTE-REFRESH of " + length + " octets");
            }
            throw badLength(buffer, offset, length, "ROUTE-REFRESH of " + length + " octets");
        }
        return RouteRefreshMessage.decode(buffer, offset + MessageHeader.HEADER_LENGTH);
    }

    private static MessageDecodeException badLength(final DirectBuffer buffer, final int offset, final int length,
        final String reason)
    {
        // RFC 4271 6.1: Bad Message Length, data = the erroneous Length field
        return new MessageDecodeException(NotificationMessage.of(ErrorSubcode.BAD_MESSAGE_LENGTH,
            new byte[]{ (byte)(length >>> 8), (byte)length }), reason);
    }

    /**
     * Writes a whole message (header and body) at {@code offset}.
     *
     * @return the message length
     * @throws IllegalArgumentException when the message exceeds {@link WireOptions#maxMessageLength()} (4096 for
     *                                  OPEN and KEEPALIVE regardless, RFC 8654 4)
     */
    public static int encode(final BgpMessage message, final MutableDirectBuffer buffer, final int offset,
        final WireOptions options)
    {
        for (int i = 0; i < MessageHeader.MARKER_LENGTH; i++)
        {
            buffer.putByte(offset + MessageHeader.MARKER_OFFSET + i, (byte)0xFF);
        }
        buffer.putByte(offset + MessageHeader.TYPE_OFFSET, (byte)message.type().code());
        final int length = MessageHeader.HEADER_LENGTH +
            message.encodeBody(buffer, offset + MessageHeader.HEADER_LENGTH, options);
        final int limit = message.type() == MessageType.OPEN || message.type() == MessageType.KEEPALIVE ?
            WireOptions.STANDARD_MAX_MESSAGE_LENGTH : options.maxMessageLength();
        if (length > limit)
        {
            throw new IllegalArgumentException(message.type() + " of " + length + " octets exceeds " + limit);
        }
        buffer.putShort(offset + MessageHeader.LENGTH_OFFSET, (short)length, BIG_ENDIAN);
        return length;
    }
}
