package net.srv6epe.bgp.wire.message;

import net.srv6epe.bgp.wire.WireOptions;
import net.srv6epe.bgp.wire.error.ErrorCode;
import net.srv6epe.bgp.wire.error.ErrorSubcode;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * NOTIFICATION (RFC 4271 4.5): Error code (1) | Error subcode (1) | Data (variable).
 *
 * @param code    error code, see {@link ErrorCode}
 * @param subcode error subcode, see {@link ErrorSubcode}
 * @param data    diagnostic data
 */
public record NotificationMessage(int code, int subcode, byte[] data) implements BgpMessage
{
    public NotificationMessage
    {
        data = data.clone();
    }

    /** A NOTIFICATION for a named subcode. */
    public static NotificationMessage of(final ErrorSubcode subcode, final byte[] data)
    {
        return new NotificationMessage(subcode.code().code(), subcode.subcode(), data);
    }

    /** A NOTIFICATION with subcode 0 (Unspecific). */
    public static NotificationMessage unspecific(final ErrorCode code, final byte[] data)
    {
        return new NotificationMessage(code.code(), 0, data);
    }

    /** Decodes a body of at least 2 octets (length checked by the codec). */
    public static NotificationMessage decode(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] data = new byte[length - 2];
        buffer.getBytes(offset + 2, data);
        return new NotificationMessage(buffer.getByte(offset) & 0xFF, buffer.getByte(offset + 1) & 0xFF, data);
    }

    /** The diagnostic data (a copy). */
    @Override
    public byte[] data()
    {
        return data.clone();
    }

    @Override
    public MessageType type()
    {
        return MessageType.NOTIFICATION;
    }

    @Override
    public int encodeBody(final MutableDirectBuffer buffer, final int offset, final WireOptions options)
    {
        buffer.putByte(offset, (byte)code);
        buffer.putByte(offset + 1, (byte)subcode);
        buffer.putBytes(offset + 2, data);
        return 2 + data.length;
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof NotificationMessage n && n.code == code && n.subcode == subcode &&
            Arrays.equals(n.data, data);
    }

    @Override
    public int hashCode()
    {
        return 31 * (31 * code + subcode) + Arrays.hashCode(data);
    }

    @Override
    public String toString()
    {
        return "NOTIFICATION " + code + "/" + subcode + " " + ErrorSubcode.describe(code, subcode) +
            (data.length > 0 ? " data 0x" + HexFormat.of().formatHex(data) : "");
    }
}
