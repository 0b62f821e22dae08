package net.srv6epe.perf.suite;

import java.io.PrintStream;

/** The one progress line on stderr, rewritten in place ({@code \r}) while a command runs. */
final class Progress
{
    private final PrintStream err;
    private final int total;
    private final long startNs = System.nanoTime();
    private int done;
    private int lastLength;

    Progress(final PrintStream err, final int total)
    {
        this.err = err;
        this.total = total;
    }

    /** Shows what starts now. */
    void starting(final String what)
    {
        show(String.format("[%d/%d %4ds] %s", done + 1, total, (System.nanoTime() - startNs) / 1_000_000_000L, what));
    }

    /** Marks a step finished, with a short outcome. */
    void finished(final String outcome)
    {
        done++;
        show(String.format("[%d/%d %4ds] %s", done, total, (System.nanoTime() - startNs) / 1_000_000_000L, outcome));
    }

    /** Ends the line. */
    void end()
    {
        err.println();
    }

    private void show(final String line)
    {
        final String padded = line.length() < lastLength ? line + " ".repeat(lastLength - line.length()) : line;
        lastLength = line.length();
        err.print("\r" + padded);
        err.flush();
    }
}
