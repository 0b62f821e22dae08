package net.srv6epe.bgp.wire.error;

/** NOTIFICATION error codes (RFC 4271 4.5, RFC 7313 5 for ROUTE-REFRESH, RFC 9687 5 for Send Hold Timer). */
public enum ErrorCode
{
    MESSAGE_HEADER(1, "Message Header Error"),
    OPEN_MESSAGE(2, "OPEN Message Error"),
    UPDATE_MESSAGE(3, "UPDATE Message Error"),
    HOLD_TIMER_EXPIRED(4, "Hold Timer Expired"),
    FSM(5, "Finite State Machine Error"),
    CEASE(6, "Cease"),
    ROUTE_REFRESH_MESSAGE(7, "ROUTE-REFRESH Message Error"),
    SEND_HOLD_TIMER_EXPIRED(8, "Send Hold Timer Expired");

    private final int code;
    private final String description;

    ErrorCode(final int code, final String description)
    {
        this.code = code;
        this.description = description;
    }

    /** The wire value. */
    public int code()
    {
        return code;
    }

    /** The RFC's name. */
    public String description()
    {
        return description;
    }

    /** The code with this wire value, or null. */
    public static ErrorCode of(final int code)
    {
        for (final ErrorCode c : values())
        {
            if (c.code == code)
            {
                return c;
            }
        }
        return null;
    }

    @Override
    public String toString()
    {
        return description;
    }
}
