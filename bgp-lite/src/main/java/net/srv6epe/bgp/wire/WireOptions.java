package net.srv6epe.bgp.wire;

/**
 * What was negotiated on a session and changes how bytes are read and written.
 *
 * @param maxMessageLength largest accepted and produced message: {@link #STANDARD_MAX_MESSAGE_LENGTH}, or
 *                         {@link #EXTENDED_MAX_MESSAGE_LENGTH} once both sides advertised the RFC 8654 Extended
 *                         Message capability
 * @param fourOctetAs      true when both sides advertised the RFC 6793 4-octet AS capability: AS_PATH and
 *                         AGGREGATOR then carry 4-octet AS numbers
 */
public record WireOptions(int maxMessageLength, boolean fourOctetAs)
{
    /** RFC 4271 4.1: the largest message without RFC 8654. */
    public static final int STANDARD_MAX_MESSAGE_LENGTH = 4096;
    /** RFC 8654 4: the largest message once Extended Message is negotiated. */
    public static final int EXTENDED_MAX_MESSAGE_LENGTH = 65535;
    /** 4096-octet messages, 4-octet AS numbers: what every modern speaker negotiates. */
    public static final WireOptions DEFAULT = new WireOptions(STANDARD_MAX_MESSAGE_LENGTH, true);

    /**
     * @throws IllegalArgumentException when the limit is outside 4096..65535
     */
    public WireOptions
    {
        if (maxMessageLength < STANDARD_MAX_MESSAGE_LENGTH || maxMessageLength > EXTENDED_MAX_MESSAGE_LENGTH)
        {
            throw new IllegalArgumentException("max message length " + maxMessageLength + " not in 4096..65535");
        }
    }

    /** The same options with another message length limit. */
    public WireOptions withMaxMessageLength(final int length)
    {
        return new WireOptions(length, fourOctetAs);
    }

    /** The same options with 4-octet AS numbers on or off. */
    public WireOptions withFourOctetAs(final boolean fourOctet)
    {
        return new WireOptions(maxMessageLength, fourOctet);
    }
}
