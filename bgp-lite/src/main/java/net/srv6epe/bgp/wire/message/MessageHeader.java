package net.srv6epe.bgp.wire.message;

/**
 * The message header (RFC 4271 4.1):
 * <pre>
 *  Marker (16, all ones) | Length (2, whole message) | Type (1)
 * </pre>
 */
public final class MessageHeader
{
    public static final int MARKER_OFFSET = 0;
    public static final int MARKER_LENGTH = 16;
    public static final int LENGTH_OFFSET = 16;
    public static final int TYPE_OFFSET = 18;
    public static final int HEADER_LENGTH = 19;

    /** RFC 4271 4.2: header + 10 octets of OPEN. */
    public static final int MIN_OPEN_LENGTH = 29;
    /** RFC 4271 4.3: header + two 2-octet lengths. */
    public static final int MIN_UPDATE_LENGTH = 23;
    /** RFC 4271 4.5: header + code + subcode. */
    public static final int MIN_NOTIFICATION_LENGTH = 21;
    /** RFC 4271 4.4. */
    public static final int KEEPALIVE_LENGTH = 19;
    /** RFC 2918 3. */
    public static final int ROUTE_REFRESH_LENGTH = 23;

    private MessageHeader()
    {
    }
}
