package net.srv6epe.perf.suite;

import org.HdrHistogram.Histogram;

/**
 * The sink's accounting of measured frames: how many arrived, how many came after a higher sequence number of the
 * same flow had already been seen (reordered, duplicates included), and the one-way latency (receive minus send
 * time, both monotonic ns of this machine) in an HdrHistogram of 3 significant digits up to 10 s. The generator
 * sends its flows round robin (frame {@code n} belongs to flow {@code n % flows}), so a frame's flow is known from
 * its sequence number: order is judged per flow, as a router owes it (several workers keep each flow in order, not
 * the interleaving of flows). Allocation free after construction; one thread.
 */
final class SequenceTracker
{
    private static final long HIGHEST_NS = 10_000_000_000L;

    private final Histogram latencyNs = new Histogram(HIGHEST_NS, 3);
    private final long[] highestOfFlow;
    private long received;
    private long reordered;
    private long highest = -1;
    private long clampedLatencies;

    /** A tracker judging order over all frames as one flow. */
    SequenceTracker()
    {
        this(1);
    }

    /** A tracker of {@code flows} round-robin flows (1..1,048,576). */
    SequenceTracker(final int flows)
    {
        if (flows < 1 || flows > 1 << 20)
        {
            throw new IllegalArgumentException("flows " + flows + ": 1..1048576");
        }
        highestOfFlow = new long[flows];
        java.util.Arrays.fill(highestOfFlow, -1);
    }

    /** Accounts one measured frame. */
    void record(final long sequence, final long sendNs, final long receiveNs)
    {
        received++;
        final int flow = (int)(sequence % highestOfFlow.length);
        if (sequence <= highestOfFlow[flow])
        {
            reordered++;
        }
        else
        {
            highestOfFlow[flow] = sequence;
        }
        highest = Math.max(highest, sequence);
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

    /** Highest sequence number seen (of any flow), -1 before the first frame. */
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
