package net.srv6epe.perf.suite;

import java.time.Instant;

/**
 * The offset between {@code CLOCK_REALTIME} (the kernel's packet timestamps) and {@code CLOCK_MONOTONIC}
 * ({@link System#nanoTime()}, the generator's send times), so a kernel receive stamp can be compared with a send
 * time. Read as the realtime clock bracketed by two monotonic reads, the tightest bracket of a few; good to about a
 * microsecond. It drifts while NTP slews the realtime clock (at most 500 ppm): read it again every few tens of
 * milliseconds.
 */
final class ClockOffset
{
    private static final int TRIES = 5;

    private ClockOffset()
    {
    }

    /** {@code CLOCK_REALTIME - CLOCK_MONOTONIC} now, in nanoseconds. */
    static long realtimeMinusMonotonicNs()
    {
        long best = 0;
        long bestBracket = Long.MAX_VALUE;
        for (int i = 0; i < TRIES; i++)
        {
            final long before = System.nanoTime();
            final Instant now = Instant.now();
            final long after = System.nanoTime();
            if (after - before < bestBracket)
            {
                bestBracket = after - before;
                best = now.getEpochSecond() * 1_000_000_000L + now.getNano() - (before + (after - before) / 2);
            }
        }
        return best;
    }
}
