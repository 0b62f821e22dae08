package net.srv6epe.dataplane.cli;

/** Process exit codes of the {@code srv6} command. */
public final class ExitCodes
{
    /** Success. */
    public static final int OK = 0;
    /** The request failed at run time: router not running, router answered with an error, I/O. */
    public static final int FAILURE = 1;
    /** The command line or the configuration file is invalid (picocli's usage code is the same). */
    public static final int INVALID = 2;

    private ExitCodes()
    {
    }
}
