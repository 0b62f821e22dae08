package net.srv6epe.perf.suite;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code perf compare}: for each scenario and frame size, runs our router and the kernel interleaved (A B A B ...),
 * flat out or at {@code --rate}, then (unless {@code --latency-fraction 0}) a latency pair A B at that fraction of
 * the lower of the two median rates, and prints the medians, the ratio java / kernel, loss and latency: a table, or
 * with {@code --json} one object per scenario and frame size per line. {@code --out DIR} writes the report
 * ({@link Report}). A progress line goes to stderr.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = "Our router against the kernel (seg6/seg6local), interleaved, in namespaces gen - dut - sink.")
final class CompareCommand implements Callable<Integer>
{
    @Mixin
    private LabOptions lab;

    @Option(names = "--scenario", split = ",", defaultValue = "h-encaps,end-dt6",
        description = "scenarios, comma separated (default: ${DEFAULT-VALUE}); known: ipv6-forward, h-encaps, " +
            "h-encaps-v4, h-encaps-red, end, end-x, end-dt6, end-dt46")
    private List<String> scenarios;

    @Option(names = "--frame-size", split = ",", defaultValue = "64",
        description = "inner frame sizes in octets, 64..9000, comma separated (default: ${DEFAULT-VALUE})")
    private List<Integer> frameSizes;

    @Option(names = "--runs", defaultValue = "2",
        description = "throughput runs per DUT, interleaved (default: ${DEFAULT-VALUE})")
    private int runs;

    @Option(names = "--rate", defaultValue = "0",
        description = "offered packets per second, 0 for flat out (default: ${DEFAULT-VALUE})")
    private long ratePps;

    @Option(names = "--latency-fraction", defaultValue = "0.5",
        description = "latency runs at this fraction of the lower median rate; 0: none (default: ${DEFAULT-VALUE})")
    private double latencyFraction;

    @Option(names = "--json", description = "one JSON object per scenario and frame size per line")
    private boolean json;

    @Option(names = "--out", description = "write the report (table, CSV, plot) into this directory")
    private Path out;

    @Option(names = "--plot-script", description = "the plot script (default: $SRV6_EPE_ROOT/lab/perf/plot.py)")
    private Path plotScript;

    private final PrintStream stdout;
    private final PrintStream stderr;

    CompareCommand(final PrintStream stdout, final PrintStream stderr)
    {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    @Override
    public Integer call() throws Exception
    {
        final List<Scenario> chosen = scenarios.stream().map(Scenario::byName).toList();
        for (final int size : frameSizes)
        {
            if (size < 64 || size > 9000)
            {
                throw new IllegalArgumentException("frame size " + size + ": 64..9000");
            }
        }
        final LabRunner runner = lab.runner();
        for (final Scenario s : chosen)
        {
            for (final int size : frameSizes)
            {
                runner.check(s, size);
            }
        }
        final List<ScenarioResult> results = new ArrayList<>();
        int steps = 0;
        for (final Scenario s : chosen)
        {
            final int duts = s.kernelUnsupported == null ? 2 : 1;
            steps += frameSizes.size() * duts * (runs + (latencyFraction > 0 ? 1 : 0));
        }
        final Progress progress = new Progress(stderr, steps);
        stderr.println("perf compare: " + lab.placement() + "; runs in " + runner.settings().workDir());
        for (final Scenario s : chosen)
        {
            for (final int size : frameSizes)
            {
                final List<RunResult> java = new ArrayList<>();
                final List<RunResult> kernel = new ArrayList<>();
                for (int i = 0; i < runs; i++)
                {
                    java.add(step(runner, progress, s, Dut.JAVA, size, ratePps));
                    if (s.kernelUnsupported == null)
                    {
                        kernel.add(step(runner, progress, s, Dut.KERNEL, size, ratePps));
                    }
                }
                long latencyRate = 0;
                final List<RunResult> javaLatency = new ArrayList<>();
                final List<RunResult> kernelLatency = new ArrayList<>();
                if (latencyFraction > 0)
                {
                    final ScenarioResult partial = new ScenarioResult(s.cliName, size, java, kernel,
                        s.kernelUnsupported, 0, List.of(), List.of());
                    final double floor = kernel.isEmpty() ? partial.javaPps() :
                        Math.min(partial.javaPps(), partial.kernelPps());
                    latencyRate = Math.max(1, Math.round(floor * latencyFraction));
                    javaLatency.add(step(runner, progress, s, Dut.JAVA, size, latencyRate));
                    if (s.kernelUnsupported == null)
                    {
                        kernelLatency.add(step(runner, progress, s, Dut.KERNEL, size, latencyRate));
                    }
                }
                final ScenarioResult r = new ScenarioResult(s.cliName, FrameBuilder.innerFrameSize(s, size), java,
                    kernel, s.kernelUnsupported, latencyRate, javaLatency, kernelLatency);
                results.add(r);
                if (json)
                {
                    progress.end();
                    stdout.println(r.json());
                    stdout.flush();
                }
            }
        }
        progress.end();
        if (!json)
        {
            stdout.print(Report.table(results));
        }
        if (out != null)
        {
            stderr.println(Report.write(out, results, method(), plotScript()));
        }
        return 0;
    }

    private RunResult step(final LabRunner runner, final Progress progress, final Scenario s, final Dut dut,
        final int size, final long rate) throws Exception
    {
        progress.starting(s.cliName + " " + size + " B " + dut.label + (rate == 0 ? " flat out" : " at " + rate +
            " pps"));
        final RunResult r = runner.run(s, dut, size, rate);
        progress.finished(String.format(Locale.ROOT, "%s %d B %s: %.0f kpps, loss %.3f%%%s", s.cliName, size,
            dut.label, r.receivedPps() / 1e3, 100 * r.lossRatio(),
            r.lost() == 0 ? "" : " (dropped: " + r.drops().describe() + ")"));
        return r;
    }

    private String method()
    {
        return String.format(Locale.ROOT, "perf compare: %d interleaved runs per DUT (java, kernel, java, ...), " +
            "%.1f s measured after %.1f s warm-up each, %s, %d UDP flows; latency runs at %.2f of the lower median " +
            "rate; %s; sink backend %s; load average at the end: %s", runs, lab.seconds, lab.warmUpSeconds,
            ratePps == 0 ? "flat out" : ratePps + " pps offered", lab.flows, latencyFraction, lab.placement(),
            lab.sinkBackend, Report.loadAverage());
    }

    private Path plotScript()
    {
        if (plotScript != null)
        {
            return plotScript;
        }
        final String root = System.getenv("SRV6_EPE_ROOT");
        return Path.of(root == null ? "." : root, "lab", "perf", "plot.py");
    }
}
