package net.srv6epe.perf.suite;

import org.HdrHistogram.Histogram;

/**
 * The sink's accounting of measured frames: how many arrived, how many came after a higher sequence number had
 * already been seen (reordered, duplicates included), and the one-way latency (receive minus send time, both
 * monotonic ns of this machine) in an HdrHistogram of 3 significant digits up to 10 s. Allocation free after
 * construction; one thread.
 */
final class SequenceTracker
{
    private static final long HIGHEST_NS = 10_000_000_000L;

    private final Histogram latencyNs = new Histogram(HIGHEST_NS, 3);
    private long received;
    private long reordered;
    private long highest = -1;
    private long clampedLatencies;

    /** Accounts one measured frame. */
    void record(final long sequence, final long sendNs, final long receiveNs)
    {
        received++;
        if (sequence <= highest)
        {
            reordered++;
        }
        else
        {
            highest = sequence;
        }
        final long latency = receiveNs - sendNs;
        if (latency < 0 || latency > HIGHEST_NS)
        {
            clampedLatencies++;
            latencyNs.recordValue(latency < 0 ? 0 : HIGHEST_NS);
        }
        else
        {
            latencyNs.recordValue(latency);
        }
    }

    long received()
    {
        return received;
    }

    long reordered()
    {
        return reordered;
    }

    /** Highest sequence number seen, -1 before the first frame. */
    long highest()
    {
        return highest;
    }

    /** Latencies outside 0..10 s (recorded at the bound): a broken clock or trailer, expected 0. */
    long clampedLatencies()
    {
        return clampedLatencies;
    }

    /** The latency at {@code percentile} (0..100) in ns, 0 when nothing arrived. */
    long latencyNsAt(final double percentile)
    {
        return received == 0 ? 0 : latencyNs.getValueAtPercentile(percentile);
    }

    /** The largest latency in ns, 0 when nothing arrived. */
    long maxLatencyNs()
    {
        return received == 0 ? 0 : latencyNs.getMaxValue();
    }
}
