package net.srv6epe.dataplane.worker;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One worker's {@link WorkerCounter}s. The worker is the only writer (a plain read and a release store: no locked
 * instruction, no allocation); any thread reads. The counters of one worker share no cache line with another
 * worker's, so N workers counting never contend.
 */
public final class WorkerCounters
{
    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
    /** Longs of padding in front of and behind the counters: a worker's line is its own. */
    private static final int PAD = 8;

    private final long[] values = new long[PAD + WorkerCounter.count() + PAD];

    /** Adds {@code delta} to a counter. The owning worker's thread only. */
    public void add(final WorkerCounter counter, final long delta)
    {
        final int index = PAD + counter.ordinal();
        LONGS.setRelease(values, index, (long)LONGS.getOpaque(values, index) + delta);
    }

    /** Reads a counter from any thread. */
    public long get(final WorkerCounter counter)
    {
        return (long)LONGS.getAcquire(values, PAD + counter.ordinal());
    }
}
