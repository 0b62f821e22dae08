package net.srv6epe.perf.port;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Raw frame rates of the port backends: {@code af-packet} against {@code pcap}, receive and transmit, 64-byte frames,
 * on a veth pair between two namespaces of its own ({@link BenchNetns}).
 *
 * <ul>
 *   <li>receive: a generator process in the {@code gen} namespace (an af-packet port blasting with
 *       {@code sendmmsg}) pinned to {@code --gen-cpu}; the port under test in the {@code dut} namespace, in its own
 *       process pinned to {@code --dut-cpu}, reads as fast as it can. The kernel's veth delivery runs in the
 *       generator's system calls, on the generator's CPU.</li>
 *   <li>transmit: the port under test sends (64 frames, then flush) as fast as it can; the far end drops everything
 *       in tc ingress (a classic-BPF filter), so the delivery and the drop run on the sender's CPU too.</li>
 * </ul>
 * Runs are interleaved (af-packet, pcap, af-packet, ...) and medians printed at the end; each line also gives the
 * Java thread's CPU time per frame and its share of the CPU. Root and Linux only.
 *
 * <pre>
 * java $(srv6epe.jvm.args) -cp perf/target/benchmarks.jar net.srv6epe.perf.port.PortRateBenchmark \
 *     --seconds 10 --runs 3
 * </pre>
 */
@Command(name = "port-rate", mixinStandardHelpOptions = true,
    description = "Receive and transmit rates of the af-packet and pcap ports on a veth pair in namespaces.")
public final class PortRateBenchmark implements Callable<Integer>
{
    private static final Pattern KEY_VALUE = Pattern.compile("(\\w+)=(\\S+)");

    @Option(names = "--backends", split = ",", defaultValue = "af-packet,pcap",
        description = "backends to compare (default: ${DEFAULT-VALUE})")
    private List<String> backends;

    @Option(names = "--seconds", defaultValue = "10",
        description = "measured seconds per run (default: ${DEFAULT-VALUE})")
    private int seconds;

    @Option(names = "--runs", defaultValue = "3",
        description = "runs per backend and direction (default: ${DEFAULT-VALUE})")
    private int runs;

    @Option(names = "--dut-cpu", defaultValue = "0",
        description = "CPU of the port under test (default: ${DEFAULT-VALUE})")
    private int dutCpu;

    @Option(names = "--gen-cpu", defaultValue = "1", description = "CPU of the generator (default: ${DEFAULT-VALUE})")
    private int genCpu;

    private final PrintStream out;

    PortRateBenchmark(final PrintStream out)
    {
        this.out = out;
    }

    /**
     * Entry point: with {@code gen}, {@code rx} or {@code tx} as first argument runs that role (the benchmark starts
     * its own children that way); otherwise the benchmark.
     */
    public static void main(final String[] args) throws Exception
    {
        if (args.length > 0 && List.of("gen", "rx", "tx").contains(args[0]))
        {
            System.exit(PortRole.run(args));
        }
        System.exit(new CommandLine(new PortRateBenchmark(System.out)).execute(args));
    }

    @Override
    public Integer call() throws Exception
    {
        final Map<String, List<Map<String, String>>> results = new LinkedHashMap<>();
        final Path logs = Files.createTempDirectory("s6p-port-rate-");
        try (BenchNetns lab = new BenchNetns())
        {
            lab.sinkOnGeneratorEnd();
            out.printf(Locale.ROOT, "veth %s (ns %s, CPU %d: port under test) <-> %s (ns %s, CPU %d: generator)%n",
                BenchNetns.DUT_IF, lab.dut, dutCpu, BenchNetns.GEN_IF, lab.gen, genCpu);
            for (int run = 1; run <= runs; run++)
            {
                for (final String backend : backends)
                {
                    final Map<String, String> rx = receiveRun(lab, logs, backend);
                    results.computeIfAbsent(backend + " rx", k -> new ArrayList<>()).add(rx);
                    out.println("run " + run + " " + backend + " rx: " + rx);
                    final Map<String, String> tx = transmitRun(lab, logs, backend);
                    results.computeIfAbsent(backend + " tx", k -> new ArrayList<>()).add(tx);
                    out.println("run " + run + " " + backend + " tx: " + tx);
                }
            }
        }
        finally
        {
            try (var files = Files.list(logs))
            {
                for (final Path f : (Iterable<Path>)files::iterator)
                {
                    Files.deleteIfExists(f);
                }
            }
            Files.deleteIfExists(logs);
        }
        out.println();
        out.printf(Locale.ROOT, "%-14s %8s %15s %15s %15s %10s%n", "medians", "Mpps", "offered/deliv.",
            "CPU ns/frame", "busy ns/frame", "CPU share");
        for (final Map.Entry<String, List<Map<String, String>>> e : results.entrySet())
        {
            final boolean rx = e.getKey().endsWith("rx");
            out.printf(Locale.ROOT, "%-14s %8.3f %15.3f %15.0f %15s %10.2f%n", e.getKey(),
                median(e.getValue(), "pps") / 1e6, median(e.getValue(), rx ? "offered_pps" : "delivered_pps") / 1e6,
                median(e.getValue(), "cpu_ns_per_frame"),
                rx ? String.format(Locale.ROOT, "%.0f", median(e.getValue(), "busy_ns_per_frame")) : "-",
                median(e.getValue(), "cpu_share"));
        }
        return 0;
    }

    private Map<String, String> receiveRun(final BenchNetns lab, final Path logs, final String backend)
        throws Exception
    {
        final Path rxLog = logs.resolve("rx-" + backend + "-" + System.nanoTime() + ".log");
        final Path genLog = logs.resolve("gen-" + System.nanoTime() + ".log");
        final Process rx =
            lab.start(lab.dut, dutCpu, rxLog, role("rx", backend, BenchNetns.DUT_IF, String.valueOf(seconds)));
        Thread.sleep(500);
        final Process gen =
            lab.start(lab.gen, genCpu, genLog, role("gen", BenchNetns.GEN_IF, String.valueOf(seconds + 3)));
        try
        {
            return result(rx, rxLog, seconds + 30);
        }
        finally
        {
            BenchNetns.stop(gen);
        }
    }

    private Map<String, String> transmitRun(final BenchNetns lab, final Path logs, final String backend)
        throws Exception
    {
        final Path txLog = logs.resolve("tx-" + backend + "-" + System.nanoTime() + ".log");
        final Process tx =
            lab.start(lab.dut, dutCpu, txLog, role("tx", backend, BenchNetns.DUT_IF, String.valueOf(seconds)));
        return result(tx, txLog, seconds + 30);
    }

    private static List<String> role(final String... args)
    {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        // the JVM options this benchmark runs with (agrona's --add-exports) go to the children too
        command.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(PortRateBenchmark.class.getName());
        command.addAll(List.of(args));
        return command;
    }

    private static Map<String, String> result(final Process p, final Path log, final int timeoutS) throws Exception
    {
        if (!p.waitFor(timeoutS, TimeUnit.SECONDS))
        {
            BenchNetns.stop(p);
            throw new IllegalStateException("timed out: " + read(log));
        }
        final String output = read(log);
        for (final String line : output.split("\n"))
        {
            if (line.startsWith("RESULT "))
            {
                final Map<String, String> values = new LinkedHashMap<>();
                final Matcher m = KEY_VALUE.matcher(line);
                while (m.find())
                {
                    values.put(m.group(1), m.group(2));
                }
                return values;
            }
        }
        throw new IllegalStateException("no result (exit " + p.exitValue() + "): " + output);
    }

    private static String read(final Path log) throws IOException
    {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    private static double median(final List<Map<String, String>> runs, final String key)
    {
        final double[] values = runs.stream().mapToDouble(r -> Double.parseDouble(r.getOrDefault(key, "0")))
            .sorted().toArray();
        final int n = values.length;
        return n == 0 ? 0 : n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
