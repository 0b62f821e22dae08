package net.srv6epe.perf.suite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The report of a comparison: a text table, {@code results.md} (method, placement, load, table), {@code results.csv},
 * {@code results.jsonl}, and {@code throughput.png} drawn by the plot script ({@code lab/perf/plot.py}, python3 and
 * matplotlib) from the CSV: throughput per scenario and frame size, ours beside the kernel's.
 */
final class Report
{
    private static final String HEADER = "| scenario | frame B | java kpps | kernel kpps | ratio | java loss % | " +
        "kernel loss % | latency at pps | java p50/p99 µs | kernel p50/p99 µs | reordered |\n" +
        "|---|---|---|---|---|---|---|---|---|---|---|\n";

    private Report()
    {
    }

    /** The markdown table of {@code results}. */
    static String table(final List<ScenarioResult> results)
    {
        final StringBuilder b = new StringBuilder(HEADER);
        for (final ScenarioResult r : results)
        {
            b.append(String.format(Locale.ROOT,
                "| %s | %d | %.0f | %s | %s | %.3f | %s | %s | %.1f / %.1f | %s | %d |%n",
                r.scenario(), r.frameSize(), r.javaPps() / 1e3,
                r.kernelNa() != null ? "n/a" : String.format(Locale.ROOT, "%.0f", r.kernelPps() / 1e3),
                r.kernelNa() != null ? "n/a" : String.format(Locale.ROOT, "%.2f", r.ratio()),
                100 * r.javaLoss(),
                r.kernelNa() != null ? "n/a" : String.format(Locale.ROOT, "%.3f", 100 * r.kernelLoss()),
                r.latencyRatePps() == 0 ? "(throughput runs)" : String.valueOf(r.latencyRatePps()),
                r.javaP50Us(), r.javaP99Us(),
                r.kernelNa() != null ? "n/a" :
                    String.format(Locale.ROOT, "%.1f / %.1f", r.kernelP50Us(), r.kernelP99Us()),
                r.reordered()));
        }
        b.append("\nWhere the throughput runs dropped frames (sums over the runs): in-backlog = the kernel's queue " +
            "to the DUT's CPU full (af-packet generator: refused to it, which sends again: a sign of saturation, not " +
            "loss; xdp generator: in0's receive ring full, lost), " +
            "dut-ring = our receive ring full, dut-pipeline = dropped by our pipeline, dut-tx = our transmit " +
            "refused, out-backlog = the kernel's queue towards the sink full.\n\n" +
            "| scenario | frame B | DUT | in-backlog | dut-ring | dut-pipeline | dut-tx | out-backlog |\n" +
            "|---|---|---|---|---|---|---|---|\n");
        for (final ScenarioResult r : results)
        {
            drops(b, r, "java", r.javaDrops());
            if (r.kernelNa() == null)
            {
                drops(b, r, "kernel", r.kernelDrops());
            }
        }
        for (final ScenarioResult r : results)
        {
            if (r.kernelNa() != null)
            {
                b.append("\nkernel n/a for ").append(r.scenario()).append(": ").append(r.kernelNa()).append('\n');
            }
        }
        return b.toString();
    }

    private static void drops(final StringBuilder b, final ScenarioResult r, final String dut, final DropCounters d)
    {
        b.append(String.format(Locale.ROOT, "| %s | %d | %s | %d | %d | %d | %d | %d |%n", r.scenario(), r.frameSize(),
            dut, d.inBacklog(), d.dutRing(), d.dutPipeline(), d.dutTx(), d.outBacklog()));
    }

    /** Writes the report into {@code dir}; returns what was written (and why the plot is missing, if it is). */
    static String write(final Path dir, final List<ScenarioResult> results, final String method, final Path plotScript)
        throws IOException, InterruptedException
    {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("results.md"), "# perf compare\n\n" + method + "\n\n" + table(results),
            StandardCharsets.UTF_8);
        final StringBuilder csv = new StringBuilder("scenario,frame_size,java_pps,kernel_pps,ratio,loss," +
            "kernel_loss,p50_us,p99_us,kernel_p50_us,kernel_p99_us,latency_rate_pps\n");
        final StringBuilder jsonl = new StringBuilder();
        for (final ScenarioResult r : results)
        {
            csv.append(String.join(",", r.scenario(), String.valueOf(r.frameSize()),
                csvNumber(r.javaPps(), 0), csvNumber(r.kernelPps(), 0), csvNumber(r.ratio(), 3),
                csvNumber(r.javaLoss(), 6), csvNumber(r.kernelLoss(), 6), csvNumber(r.javaP50Us(), 1),
                csvNumber(r.javaP99Us(), 1), csvNumber(r.kernelP50Us(), 1), csvNumber(r.kernelP99Us(), 1),
                String.valueOf(r.latencyRatePps()))).append('\n');
            jsonl.append(r.json()).append('\n');
        }
        final Path csvFile = dir.resolve("results.csv");
        Files.writeString(csvFile, csv, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("results.jsonl"), jsonl, StandardCharsets.UTF_8);
        final Path png = dir.resolve("throughput.png");
        if (!Files.isRegularFile(plotScript))
        {
            return "report in " + dir + " (no plot: " + plotScript + " not found; --plot-script)";
        }
        final Path log = Files.createTempFile("s6ps-plot-", ".log");
        try
        {
            final Process p = new ProcessBuilder(python(), plotScript.toString(), csvFile.toString(), png.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS))
            {
                p.destroyForcibly();
                return "report in " + dir + " (plot timed out)";
            }
            return p.exitValue() == 0 ? "report in " + dir + " (results.md, results.csv, results.jsonl, " +
                "throughput.png)" : "report in " + dir + " (no plot: " +
                Files.readString(log, StandardCharsets.UTF_8).trim() + ")";
        }
        finally
        {
            Files.deleteIfExists(log);
        }
    }

    /** The 1/5/15-minute load averages of this machine. */
    static String loadAverage()
    {
        try
        {
            final String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        }
        catch (final IOException ex)
        {
            return "unknown";
        }
    }

    /** Debian's python3 (which has python3-matplotlib) before whatever python3 is first on the PATH. */
    private static String python()
    {
        return Files.isExecutable(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
    }

    private static String csvNumber(final double v, final int decimals)
    {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
