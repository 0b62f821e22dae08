package net.srv6epe.perf.suite;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code perf search}: the RFC 2544 throughput ({@link RateSearch}) of one scenario and frame size for each DUT in
 * turn: a flat-out run first tells what the generator can offer and what the DUT forwards, then trials of
 * {@code --seconds} each at paced rates below the upper bound: what the generator offers, but no more than 1.25 times
 * what the DUT forwarded flat out (a generator that offers several times the DUT's rate, as the xdp one does, would
 * otherwise spend the trials far above anything the DUT can pass). Prints one line per DUT (or JSON with
 * {@code --json}).
 */
@Command(name = "search", mixinStandardHelpOptions = true,
    description = "RFC 2544 search for the highest rate with loss <= --max-loss, per DUT.")
final class SearchCommand implements Callable<Integer>
{
    @Mixin
    private LabOptions lab;

    @Option(names = "--scenario", required = true, description = "one scenario")
    private String scenario;

    @Option(names = "--frame-size", defaultValue = "64", description = "inner frame size (default: ${DEFAULT-VALUE})")
    private int frameSize;

    @Option(names = "--dut", split = ",", defaultValue = "java,kernel",
        description = "DUTs, comma separated (default: ${DEFAULT-VALUE})")
    private List<String> duts;

    @Option(names = "--max-loss", defaultValue = "0.001",
        description = "loss ratio that still passes (default: ${DEFAULT-VALUE} = 0.1 %%)")
    private double maxLoss;

    @Option(names = "--resolution", defaultValue = "0.02",
        description = "stop when the interval is below this fraction of the maximum (default: ${DEFAULT-VALUE})")
    private double resolution;

    @Option(names = "--max-trials", defaultValue = "8", description = "trials per DUT (default: ${DEFAULT-VALUE})")
    private int maxTrials;

    @Option(names = "--json", description = "one JSON object per DUT per line")
    private boolean json;

    private final PrintStream stdout;
    private final PrintStream stderr;

    SearchCommand(final PrintStream stdout, final PrintStream stderr)
    {
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** What the generator offered flat out, but no more than 1.25 times what the DUT forwarded. */
    static long upperBound(final RunResult flat)
    {
        return Math.max(1, Math.min(Math.round(flat.sentPps()), Math.round(1.25 * flat.receivedPps())));
    }

    @Override
    public Integer call() throws Exception
    {
        final Scenario s = Scenario.byName(scenario);
        final LabRunner runner = lab.runner();
        runner.check(s, frameSize);
        stderr.println("perf search: " + lab.placement() + "; runs in " + runner.settings().workDir());
        for (final String name : duts)
        {
            final Dut dut = Dut.valueOf(name.toUpperCase(Locale.ROOT));
            if (dut == Dut.KERNEL && s.kernelUnsupported != null)
            {
                stdout.println(json ? "{\"scenario\":\"" + s.cliName + "\",\"dut\":\"kernel\",\"kernel_na\":\"" +
                    s.kernelUnsupported + "\"}" : "kernel n/a for " + s.cliName + ": " + s.kernelUnsupported);
                continue;
            }
            final Progress progress = new Progress(stderr, maxTrials + 1);
            progress.starting(s.cliName + " " + dut.label + " flat out (upper bound)");
            final RunResult flat = runner.run(s, dut, frameSize, 0);
            final long max = upperBound(flat);
            progress.finished(String.format(Locale.ROOT, "generator offers %.0f kpps, %s forwards %.0f kpps, " +
                "search below %.0f kpps", flat.sentPps() / 1e3, dut.label, flat.receivedPps() / 1e3, max / 1e3));
            final RateSearch.Outcome o = RateSearch.search(rate ->
            {
                progress.starting(s.cliName + " " + dut.label + " at " + rate + " pps");
                final RunResult r = runner.run(s, dut, frameSize, rate);
                progress.finished(String.format(Locale.ROOT, "%d pps: loss %.4f%%", rate, 100 * r.lossRatio()));
                return r.lossRatio();
            }, max, maxLoss, resolution, maxTrials);
            progress.end();
            final int inner = FrameBuilder.innerFrameSize(s, frameSize);
            if (json)
            {
                stdout.println("{\"scenario\":\"" + s.cliName + "\",\"frame_size\":" + inner + ",\"dut\":\"" +
                    dut.label + "\",\"no_loss_pps\":" + o.bestPps() + ",\"max_loss\":" + maxLoss +
                    ",\"flat_out_pps\":" + Math.round(flat.receivedPps()) + ",\"trials\":[" +
                    o.steps().stream().map(t -> String.format(Locale.ROOT, "{\"pps\":%d,\"loss\":%.6f}",
                        t.ratePps(), t.loss())).collect(Collectors.joining(",")) + "]}");
            }
            else
            {
                stdout.printf(Locale.ROOT, "%s %d B %s: %d pps with loss <= %.3f %% (%d trials; flat out %.0f pps)%n",
                    s.cliName, inner, dut.label, o.bestPps(), 100 * maxLoss, o.steps().size(), flat.receivedPps());
            }
        }
        return 0;
    }
}
