package net.srv6epe.dataplane.port;

/** A port could not be opened or configured; the message says what to check. */
public final class PortException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public PortException(final String message)
    {
        super(message);
    }

    public PortException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
