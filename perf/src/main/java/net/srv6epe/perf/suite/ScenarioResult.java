package net.srv6epe.perf.suite;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The comparison of one scenario at one frame size: medians over the interleaved runs of each DUT, the ratio, and
 * the latency of the latency runs (at a common paced rate) when there were any, else of the throughput runs.
 *
 * @param scenario      name.
 * @param frameSize     inner frame size.
 * @param java          our router's throughput runs.
 * @param kernel        the kernel's throughput runs; empty when the kernel cannot do the scenario.
 * @param kernelNa      why there is no kernel figure, or null.
 * @param latencyRatePps rate of the latency runs, 0 when there were none.
 * @param javaLatency   our latency runs (maybe empty).
 * @param kernelLatency the kernel's latency runs (maybe empty).
 */
record ScenarioResult(String scenario, int frameSize, List<RunResult> java, List<RunResult> kernel, String kernelNa,
    long latencyRatePps, List<RunResult> javaLatency, List<RunResult> kernelLatency)
{
    /** Median forwarding rate of our router. */
    double javaPps()
    {
        return median(java, RunResult::receivedPps);
    }

    /** Median forwarding rate of the kernel, NaN when n/a. */
    double kernelPps()
    {
        return kernel.isEmpty() ? Double.NaN : median(kernel, RunResult::receivedPps);
    }

    /** java / kernel, NaN when n/a. */
    double ratio()
    {
        return kernel.isEmpty() ? Double.NaN : javaPps() / kernelPps();
    }

    /** Median loss ratio of our router's throughput runs. */
    double javaLoss()
    {
        return median(java, RunResult::lossRatio);
    }

    /** Median loss ratio of the kernel's throughput runs. */
    double kernelLoss()
    {
        return kernel.isEmpty() ? Double.NaN : median(kernel, RunResult::lossRatio);
    }

    private List<RunResult> javaLatencyRuns()
    {
        return javaLatency.isEmpty() ? java : javaLatency;
    }

    private List<RunResult> kernelLatencyRuns()
    {
        return kernelLatency.isEmpty() ? kernel : kernelLatency;
    }

    /** Median of the runs' p50 latency, µs (ours). */
    double javaP50Us()
    {
        return median(javaLatencyRuns(), r -> r.p50Ns() / 1e3);
    }

    /** Median of the runs' p99 latency, µs (ours). */
    double javaP99Us()
    {
        return median(javaLatencyRuns(), r -> r.p99Ns() / 1e3);
    }

    /** Median of the runs' p50 latency, µs (kernel). */
    double kernelP50Us()
    {
        return kernel.isEmpty() ? Double.NaN : median(kernelLatencyRuns(), r -> r.p50Ns() / 1e3);
    }

    /** Median of the runs' p99 latency, µs (kernel). */
    double kernelP99Us()
    {
        return kernel.isEmpty() ? Double.NaN : median(kernelLatencyRuns(), r -> r.p99Ns() / 1e3);
    }

    /** Frames received after a higher sequence number, over all runs of both DUTs. */
    long reordered()
    {
        long sum = 0;
        for (final List<RunResult> runs : List.of(java, kernel, javaLatency, kernelLatency))
        {
            sum += runs.stream().mapToLong(RunResult::reordered).sum();
        }
        return sum;
    }

    /** The one-line JSON object of {@code compare --json}. */
    String json()
    {
        return "{\"scenario\":\"" + scenario + "\",\"frame_size\":" + frameSize +
            ",\"java_pps\":" + number(javaPps(), 0) + ",\"kernel_pps\":" + number(kernelPps(), 0) +
            ",\"ratio\":" + number(ratio(), 3) + ",\"loss\":" + number(javaLoss(), 6) +
            ",\"kernel_loss\":" + number(kernelLoss(), 6) +
            ",\"p50_us\":" + number(javaP50Us(), 1) + ",\"p99_us\":" + number(javaP99Us(), 1) +
            ",\"kernel_p50_us\":" + number(kernelP50Us(), 1) + ",\"kernel_p99_us\":" + number(kernelP99Us(), 1) +
            ",\"latency_rate_pps\":" + latencyRatePps + ",\"reordered\":" + reordered() +
            ",\"runs\":" + java.size() + ",\"java_drops\":" + javaDrops().json() +
            (kernel.isEmpty() ? "" : ",\"kernel_drops\":" + kernelDrops().json()) +
            (kernelNa == null ? "" : ",\"kernel_na\":\"" + kernelNa.replace("\"", "'") + "\"") + "}";
    }

    /** Where our router's throughput runs lost frames, summed over the runs. */
    DropCounters javaDrops()
    {
        return sum(java);
    }

    /** Where the kernel's throughput runs lost frames, summed over the runs (zeros when n/a). */
    DropCounters kernelDrops()
    {
        return sum(kernel);
    }

    private static DropCounters sum(final List<RunResult> runs)
    {
        DropCounters total = DropCounters.NONE;
        for (final RunResult r : runs)
        {
            total = total.plus(r.drops());
        }
        return total;
    }

    /** A JSON number, or null for NaN. */
    static String number(final double value, final int decimals)
    {
        return Double.isNaN(value) ? "null" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** Median of {@code f} over {@code runs}; NaN for none. */
    static double median(final List<RunResult> runs, final ToDoubleFunction<RunResult> f)
    {
        final double[] v = runs.stream().mapToDouble(f).sorted().toArray();
        return median(v);
    }

    /** Median of sorted {@code v}; NaN for none. */
    static double median(final double[] v)
    {
        final double[] s = v.clone();
        Arrays.sort(s);
        final int n = s.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
