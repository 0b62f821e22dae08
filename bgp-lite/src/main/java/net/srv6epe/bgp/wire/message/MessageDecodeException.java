package net.srv6epe.bgp.wire.message;

/**
 * A message that breaks RFC 4271 6.1 (header) or 6.2 (OPEN) rules; carries the NOTIFICATION to send before
 * closing the session.
 */
public final class MessageDecodeException extends Exception
{
    private static final long serialVersionUID = 1L;

    private final transient NotificationMessage notification;
    private final String reason;

    /**
     * @param notification what to send
     * @param reason       what is wrong, readable
     */
    public MessageDecodeException(final NotificationMessage notification, final String reason)
    {
        super(reason + " -> " + notification, null, false, false);
        this.notification = notification;
        this.reason = reason;
    }

    /** What is wrong, without the NOTIFICATION. */
    public String reason()
    {
        return reason;
    }

    /** The NOTIFICATION to send. */
    public NotificationMessage notification()
    {
        return notification;
    }
}
