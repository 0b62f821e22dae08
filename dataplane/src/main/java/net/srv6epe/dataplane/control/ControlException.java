package net.srv6epe.dataplane.control;

/**
 * A control request that cannot be answered: unknown topic, unknown VRF, router not running. The message is
 * one line meant for the operator and travels as the {@code error} of a response.
 */
public final class ControlException extends Exception
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message one line for the operator.
     */
    public ControlException(final String message)
    {
        super(message);
    }

    /**
     * @param message one line for the operator.
     * @param cause   the underlying failure.
     */
    public ControlException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
