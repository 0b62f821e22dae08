package net.srv6epe.bgp.wire.message;

/** BGP message types (RFC 4271 4.1, RFC 2918 3). */
public enum MessageType
{
    OPEN(1),
    UPDATE(2),
    NOTIFICATION(3),
    KEEPALIVE(4),
    ROUTE_REFRESH(5);

    private final int code;

    MessageType(final int code)
    {
        this.code = code;
    }

    /** The wire value. */
    public int code()
    {
        return code;
    }

    /** The type with this wire value, or null. */
    public static MessageType of(final int code)
    {
        for (final MessageType t : values())
        {
            if (t.code == code)
            {
                return t;
            }
        }
        return null;
    }
}
