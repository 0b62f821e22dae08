package net.srv6epe.bgp.wire.error;

/**
 * NOTIFICATION error subcodes with their names: every subcode of RFC 4271 6.1-6.3, the OPEN subcode of RFC 5492
 * (Unsupported Capability), the Cease subcodes of RFC 4486 (and Hard Reset, RFC 8538) and the ROUTE-REFRESH
 * subcode of RFC 7313 and the FSM subcodes of RFC 6608. Subcode 0 is "Unspecific" for every code.
 */
public enum ErrorSubcode
{
    // RFC 4271 6.1
    CONNECTION_NOT_SYNCHRONIZED(ErrorCode.MESSAGE_HEADER, 1, "Connection Not Synchronized"),
    BAD_MESSAGE_LENGTH(ErrorCode.MESSAGE_HEADER, 2, "Bad Message Length"),
    BAD_MESSAGE_TYPE(ErrorCode.MESSAGE_HEADER, 3, "Bad Message Type"),
    // RFC 4271 6.2
    UNSUPPORTED_VERSION_NUMBER(ErrorCode.OPEN_MESSAGE, 1, "Unsupported Version Number"),
    BAD_PEER_AS(ErrorCode.OPEN_MESSAGE, 2, "Bad Peer AS"),
    BAD_BGP_IDENTIFIER(ErrorCode.OPEN_MESSAGE, 3, "Bad BGP Identifier"),
    UNSUPPORTED_OPTIONAL_PARAMETER(ErrorCode.OPEN_MESSAGE, 4, "Unsupported Optional Parameter"),
    AUTHENTICATION_FAILURE(ErrorCode.OPEN_MESSAGE, 5, "[Deprecated] Authentication Failure"),
    UNACCEPTABLE_HOLD_TIME(ErrorCode.OPEN_MESSAGE, 6, "Unacceptable Hold Time"),
    UNSUPPORTED_CAPABILITY(ErrorCode.OPEN_MESSAGE, 7, "Unsupported Capability"),
    // RFC 4271 6.3
    MALFORMED_ATTRIBUTE_LIST(ErrorCode.UPDATE_MESSAGE, 1, "Malformed Attribute List"),
    UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE(ErrorCode.UPDATE_MESSAGE, 2, "Unrecognized Well-known Attribute"),
    MISSING_WELL_KNOWN_ATTRIBUTE(ErrorCode.UPDATE_MESSAGE, 3, "Missing Well-known Attribute"),
    ATTRIBUTE_FLAGS_ERROR(ErrorCode.UPDATE_MESSAGE, 4, "Attribute Flags Error"),
    ATTRIBUTE_LENGTH_ERROR(ErrorCode.UPDATE_MESSAGE, 5, "Attribute Length Error"),
    INVALID_ORIGIN_ATTRIBUTE(ErrorCode.UPDATE_MESSAGE, 6, "Invalid ORIGIN Attribute"),
    AS_ROUTING_LOOP(ErrorCode.UPDATE_MESSAGE, 7, "[Deprecated] AS Routing Loop"),
    INVALID_NEXT_HOP_ATTRIBUTE(ErrorCode.UPDATE_MESSAGE, 8, "Invalid NEXT_HOP Attribute"),
    OPTIONAL_ATTRIBUTE_ERROR(ErrorCode.UPDATE_MESSAGE, 9, "Optional Attribute Error"),
    INVALID_NETWORK_FIELD(ErrorCode.UPDATE_MESSAGE, 10, "Invalid Network Field"),
    MALFORMED_AS_PATH(ErrorCode.UPDATE_MESSAGE, 11, "Malformed AS_PATH"),
    // RFC 6608 3
    UNEXPECTED_MESSAGE_IN_OPEN_SENT(ErrorCode.FSM, 1, "Receive Unexpected Message in OpenSent State"),
    UNEXPECTED_MESSAGE_IN_OPEN_CONFIRM(ErrorCode.FSM, 2, "Receive Unexpected Message in OpenConfirm State"),
    UNEXPECTED_MESSAGE_IN_ESTABLISHED(ErrorCode.FSM, 3, "Receive Unexpected Message in Established State"),
    // RFC 4486 4 (9: RFC 8538)
    MAXIMUM_PREFIXES_REACHED(ErrorCode.CEASE, 1, "Maximum Number of Prefixes Reached"),
    ADMINISTRATIVE_SHUTDOWN(ErrorCode.CEASE, 2, "Administrative Shutdown"),
    PEER_DECONFIGURED(ErrorCode.CEASE, 3, "Peer De-configured"),
    ADMINISTRATIVE_RESET(ErrorCode.CEASE, 4, "Administrative Reset"),
    CONNECTION_REJECTED(ErrorCode.CEASE, 5, "Connection Rejected"),
    OTHER_CONFIGURATION_CHANGE(ErrorCode.CEASE, 6, "Other Configuration Change"),
    CONNECTION_COLLISION_RESOLUTION(ErrorCode.CEASE, 7, "Connection Collision Resolution"),
    OUT_OF_RESOURCES(ErrorCode.CEASE, 8, "Out of Resources"),
    HARD_RESET(ErrorCode.CEASE, 9, "Hard Reset"),
    // RFC 7313 5
    INVALID_ROUTE_REFRESH_LENGTH(ErrorCode.ROUTE_REFRESH_MESSAGE, 1, "Invalid Message Length");

    private final ErrorCode code;
    private final int subcode;
    private final String description;

    ErrorSubcode(final ErrorCode code, final int subcode, final String description)
    {
        this.code = code;
        this.subcode = subcode;
        this.description = description;
    }

    /** The error code this subcode belongs to. */
    public ErrorCode code()
    {
        return code;
    }

    /** The wire value. */
    public int subcode()
    {
        return subcode;
    }

    /** The RFC's name. */
    public String description()
    {
        return description;
    }

    /** The subcode with these wire values, or null (subcode 0, unknown pairs). */
    public static ErrorSubcode of(final int code, final int subcode)
    {
        for (final ErrorSubcode s : values())
        {
            if (s.code.code() == code && s.subcode == subcode)
            {
                return s;
            }
        }
        return null;
    }

    /** A readable name for any pair, e.g. {@code UPDATE Message Error / Malformed AS_PATH}. */
    public static String describe(final int code, final int subcode)
    {
        final ErrorCode c = ErrorCode.of(code);
        final String codeName = c == null ? "code " + code : c.description();
        if (subcode == 0)
        {
            return codeName + " / Unspecific";
        }
        final ErrorSubcode s = of(code, subcode);
        return codeName + " / " + (s == null ? "subcode " + subcode : s.description());
    }

    @Override
    public String toString()
    {
        return description;
    }
}
