package net.srv6epe.bgp.wire;

import net.srv6epe.bgp.wire.message.BgpMessage;
import net.srv6epe.bgp.wire.message.BgpMessageCodec;
import net.srv6epe.bgp.wire.message.MessageDecodeException;
import net.srv6epe.bgp.wire.message.MessageHeader;
import net.srv6epe.bgp.wire.message.UpdateMessage;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.HexFormat;

/** Hex strings to messages and back, for the byte-table tests. */
public final class WireHex
{
    private WireHex()
    {
    }

    public static byte[] bytes(final String hex)
    {
        return HexFormat.of().parseHex(hex.replace(" ", ""));
    }

    public static String hex(final byte[] bytes)
    {
        return HexFormat.of().formatHex(bytes);
    }

    /** Decodes a whole message from hex; the buffer is exactly the message, so any overread throws. */
    public static BgpMessage decode(final String hex, final WireOptions options) throws MessageDecodeException
    {
        final byte[] b = bytes(hex);
        return BgpMessageCodec.decode(new UnsafeBuffer(b), 0, b.length, options);
    }

    /** Decodes the body of an UPDATE message given in hex, without the codec's header checks. */
    public static UpdateMessage decodeUpdate(final String hex, final WireOptions options)
    {
        final byte[] b = bytes(hex);
        return UpdateMessage.decode(new UnsafeBuffer(b), MessageHeader.HEADER_LENGTH,
            b.length - MessageHeader.HEADER_LENGTH, options);
    }

    /** Encodes a whole message to hex. */
    public static String encode(final BgpMessage message, final WireOptions options)
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(128);
        final int length = BgpMessageCodec.encode(message, buffer, 0, options);
        final byte[] out = new byte[length];
        buffer.getBytes(0, out);
        return hex(out);
    }
}
