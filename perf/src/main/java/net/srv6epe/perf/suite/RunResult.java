package net.srv6epe.perf.suite;

import java.util.Locale;
import java.util.Map;

/**
 * One run's outcome: what the generator sent in the measured window (what the kernel took from it), what the sink
 * accounted, and the latency percentiles of the frames that arrived.
 *
 * @param dut          which DUT forwarded.
 * @param scenario     the scenario's name.
 * @param frameSize    inner frame size in octets (after raising to the scenario's minimum).
 * @param offeredPps   the generator's configured rate, 0 for flat out.
 * @param sent         measured frames sent.
 * @param seconds      length of the measured window.
 * @param received     measured frames received by the sink.
 * @param reordered    measured frames that arrived after a higher sequence number.
 * @param p50Ns        median one-way latency.
 * @param p99Ns        99th percentile latency.
 * @param maxNs        largest latency.
 * @param backpressureDrops frames the generator could not send (not the DUT's loss).
 * @param drops        where frames died during the measured window ({@link DropCounters}).
 */
record RunResult(Dut dut, String scenario, int frameSize, long offeredPps, long sent, double seconds, long received,
    long reordered, long p50Ns, long p99Ns, long maxNs, long backpressureDrops, DropCounters drops)
{
    /** Combines the generator's and the sink's {@code RESULT} lines and the drop counters of the window. */
    static RunResult of(final Dut dut, final Scenario scenario, final int frameSize, final long offeredPps,
        final Map<String, String> gen, final Map<String, String> sink, final DropCounters drops)
    {
        return new RunResult(dut, scenario.cliName, frameSize, offeredPps, Long.parseLong(gen.get("sent")),
            Double.parseDouble(gen.get("seconds")), Long.parseLong(sink.get("received")),
            Long.parseLong(sink.get("reordered")), Long.parseLong(sink.get("p50_ns")),
            Long.parseLong(sink.get("p99_ns")), Long.parseLong(sink.get("max_ns")),
            Long.parseLong(gen.get("backpressure_drops")), drops);
    }

    /** Frames sent and not received (duplicates cannot make it negative: clamped at 0). */
    long lost()
    {
        return Math.max(0, sent - received);
    }

    /** {@link #lost()} / {@link #sent()}, 1 when nothing was sent. */
    double lossRatio()
    {
        return sent == 0 ? 1.0 : lost() / (double)sent;
    }

    /** Received frames per second of the measured window: the forwarding rate. */
    double receivedPps()
    {
        return seconds <= 0 ? 0 : received / seconds;
    }

    /** Sent frames per second of the measured window: the offered rate as it really was. */
    double sentPps()
    {
        return seconds <= 0 ? 0 : sent / seconds;
    }

    /** One line for logs and progress. */
    String summary()
    {
        return String.format(Locale.ROOT,
            "%s %s %dB: sent %d (%.0f pps) received %d (%.0f pps) lost %.3f%% reordered %d p50 %.1f us p99 %.1f us; " +
            "dropped: %s",
            dut.label, scenario, frameSize, sent, sentPps(), received, receivedPps(), 100 * lossRatio(), reordered,
            p50Ns / 1e3, p99Ns / 1e3, drops.describe());
    }
}
