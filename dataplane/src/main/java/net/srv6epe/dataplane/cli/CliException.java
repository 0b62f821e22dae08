package net.srv6epe.dataplane.cli;

/** A user-facing failure: printed as one line {@code srv6: <message>} (no stack trace), then exit with its code. */
public final class CliException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /**
     * @param message  one line for the operator.
     * @param exitCode the process exit code, see {@link ExitCodes}.
     */
    public CliException(final String message, final int exitCode)
    {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    /** The process exit code. */
    public int exitCode()
    {
        return exitCode;
    }
}
