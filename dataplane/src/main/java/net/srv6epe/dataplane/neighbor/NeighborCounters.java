package net.srv6epe.dataplane.neighbor;

import java.util.concurrent.atomic.AtomicLongArray;

import net.srv6epe.srv6.DropReason;

/**
 * The neighbor agent's counters and the frames it dropped by {@link DropReason}. Written by the agent and, on
 * their failure paths only, by workers; readable by any thread.
 */
public final class NeighborCounters
{
    private final AtomicLongArray counters = new AtomicLongArray(NeighborCounter.count());
    private final AtomicLongArray drops = new AtomicLongArray(DropReason.values().length);

    void increment(final NeighborCounter counter)
    {
        counters.getAndIncrement(counter.ordinal());
    }

    void drop(final DropReason reason)
    {
        drops.getAndIncrement(reason.ordinal());
        counters.getAndIncrement(NeighborCounter.DROPPED.ordinal());
    }

    /** Current value of a counter. */
    public long get(final NeighborCounter counter)
    {
        return counters.get(counter.ordinal());
    }

    /** Frames dropped for {@code reason} ({@code NEIGHBOR_FAILED}, {@code NEIGHBOR_UNRESOLVED}, ...). */
    public long drops(final DropReason reason)
    {
        return drops.get(reason.ordinal());
    }

    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder("NeighborCounters{");
        for (final NeighborCounter c : NeighborCounter.values())
        {
            final long v = get(c);
            if (v != 0)
            {
                sb.append(c.label()).append('=').append(v).append(' ');
            }
        }
        for (final DropReason r : DropReason.values())
        {
            final long v = drops(r);
            if (v != 0)
            {
                sb.append(r.label()).append('=').append(v).append(' ');
            }
        }
        return sb.append('}').toString();
    }
}
