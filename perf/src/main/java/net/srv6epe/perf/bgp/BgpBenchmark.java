package net.srv6epe.perf.bgp;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * {@code srv6 perf bgp}: the route-load benchmark. Our route blaster sends N VPNv6 routes with SRv6 SIDs over a
 * real TCP session on loopback, to the real router (in this JVM, started from YAML) and/or to {@code gobgpd};
 * for each it reports the seconds from the first UPDATE octet until every route is in the published FIB (router)
 * or accepted (gobgpd), routes per second, and for the router the live heap per route and the resident set.
 * Runs are interleaved (run 1 of every size and target, then run 2, ...). The router's run 1 meets a cold JVM
 * (nothing compiled yet, as a router that just started and receives its first full table); the summary gives it
 * apart from the median of the later, warm runs. Every gobgpd run is a fresh process.
 *
 * <pre>
 * java -Xmx4g $(JVM args of srv6epe.jvm.args) -cp perf/target/benchmarks.jar net.srv6epe.perf.bgp.BgpBenchmark \
 *     --routes 100000,1000000 --target both --runs 3
 * </pre>
 */
@Command(name = "bgp", mixinStandardHelpOptions = true,
    description = "Route-load benchmark: the blaster sends N VPNv6 routes with SRv6 SIDs to the router and/or gobgpd.")
public final class BgpBenchmark implements Callable<Integer>
{
    private static final long SEED = 42;

    @Option(names = "--routes", split = ",", defaultValue = "100000,1000000",
        description = "route counts, comma separated (default: ${DEFAULT-VALUE})")
    private List<Integer> routes;

    @Option(names = "--target", defaultValue = "router",
        description = "router, gobgp or both (default: ${DEFAULT-VALUE})")
    private String target;

    @Option(names = "--gobgp-max-routes", defaultValue = "100000",
        description = "largest count sent to gobgpd (it needs minutes and GBs for 1 M; default: ${DEFAULT-VALUE})")
    private int gobgpMaxRoutes;

    @Option(names = "--peer-vrfs", defaultValue = "4",
        description = "peer VRFs of the blaster's ASBR: one RD, RT and SID each (default: ${DEFAULT-VALUE})")
    private int peerVrfs;

    @Option(names = "--one-vrf", description = "import every route target into one VRF (one FIB of N routes)")
    private boolean oneVrf;

    @Option(names = "--transposed", description = "SID function bits in the NLRI label field (RFC 9252 4, FRR's form)")
    private boolean transposed;

    @Option(names = "--runs", defaultValue = "1", description = "runs per size and target (default: ${DEFAULT-VALUE})")
    private int runs;

    @Option(names = "--timeout", defaultValue = "300",
        description = "seconds to wait for one load (default: ${DEFAULT-VALUE})")
    private long timeoutS;

    @Option(names = "--histogram", description = "print the live heap by class after each router load")
    private boolean histogram;

    @Option(names = "--work-dir", description = "where run directories go (default: a temporary directory, removed)")
    private Path workDir;

    private final PrintStream out;

    BgpBenchmark(final PrintStream out)
    {
        this.out = out;
    }

    /** Runs the benchmark; exit code 0 when every run completed. */
    public static void main(final String[] args)
    {
        System.exit(new CommandLine(new BgpBenchmark(System.out)).execute(args));
    }

    @Override
    public Integer call() throws Exception
    {
        final boolean toRouter = target.equals("router") || target.equals("both");
        final boolean toGobgp = target.equals("gobgp") || target.equals("both");
        if (!toRouter && !toGobgp)
        {
            throw new CommandLine.ParameterException(new CommandLine(this), "--target: router, gobgp or both");
        }
        final List<BlastVrf> vrfs = new ArrayList<>();
        for (int i = 0; i < peerVrfs; i++)
        {
            vrfs.add(BlastVrf.of(i, transposed));
        }
        out.printf(Locale.ROOT, "bgp load: %s, %d peer VRF(s) (one SID, RT and RD each)%s%s, JVM max heap %.1f GB, " +
            "%d CPUs, load average %s%n", routes, peerVrfs, oneVrf ? ", imported into one VRF" : "",
            transposed ? ", SIDs transposed" : "", Runtime.getRuntime().maxMemory() / 1e9,
            Runtime.getRuntime().availableProcessors(), loadAverage());
        final Path base = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("bgp-bench");
        final Map<String, List<LoadResult>> results = new LinkedHashMap<>();
        int failures = 0;
        try
        {
            for (int r = 1; r <= runs; r++)
            {
                final int run = r;
                for (final int n : routes)
                {
                    final PrefixMix prefixes = PrefixMix.generate(n, SEED);
                    if (toRouter)
                    {
                        failures += once(results, "router", n, run, () ->
                            RouterLoadRun.run(runDir(base, "router", n, run), prefixes, vrfs, oneVrf, timeoutS,
                                histogram ? out : null));
                    }
                    if (toGobgp && n <= gobgpMaxRoutes)
                    {
                        failures += once(results, "gobgpd", n, run, () ->
                            GobgpLoadRun.run(runDir(base, "gobgpd", n, run), prefixes, vrfs, timeoutS));
                    }
                    else if (toGobgp)
                    {
                        out.printf(Locale.ROOT, "run %d: gobgpd %,d routes skipped (--gobgp-max-routes %,d)%n", run,
                            n, gobgpMaxRoutes);
                    }
                }
            }
        }
        finally
        {
            if (workDir == null)
            {
                delete(base);
            }
        }
        if (runs > 1)
        {
            out.println("summary (router: run 1 in a cold JVM, then the median of the warm runs; gobgpd: a fresh " +
                "process every run, median of all):");
            for (final Map.Entry<String, List<LoadResult>> e : results.entrySet())
            {
                final List<LoadResult> all = e.getValue();
                if (!all.get(0).target().equals("router"))
                {
                    out.printf(Locale.ROOT, "  %-18s      %s (%d runs)%n", e.getKey(), summary(all), all.size());
                    continue;
                }
                out.printf(Locale.ROOT, "  %-18s cold %s%n", e.getKey(), summary(all.subList(0, 1)));
                if (all.size() > 1)
                {
                    out.printf(Locale.ROOT, "  %-18s warm %s (%d runs)%n", e.getKey(),
                        summary(all.subList(1, all.size())), all.size() - 1);
                }
            }
        }
        return failures == 0 ? 0 : 1;
    }

    private int once(final Map<String, List<LoadResult>> results, final String what, final int n, final int run,
        final Load load) throws InterruptedException
    {
        try
        {
            final LoadResult r = load.run();
            out.printf(Locale.ROOT, "run %d: %s%n", run, r.line());
            results.computeIfAbsent(String.format(Locale.ROOT, "%s %,d", what, n), k -> new ArrayList<>()).add(r);
            return 0;
        }
        catch (final IOException ex)
        {
            out.printf(Locale.ROOT, "run %d: %s %,d routes FAILED: %s%n", run, what, n, ex.getMessage());
            return 1;
        }
    }

    private static String summary(final List<LoadResult> r)
    {
        return String.format(Locale.ROOT, "%6.2f s to FIB/RIB, %,9.0f routes/s%s", median(r, LoadResult::seconds),
            median(r, LoadResult::routesPerSecond), r.get(0).heapBytes() < 0 ? "" :
            String.format(Locale.ROOT, ", %.0f B/route heap", median(r, LoadResult::heapBytesPerRoute)));
    }

    private static Path runDir(final Path base, final String what, final int n, final int run) throws IOException
    {
        return Files.createDirectories(base.resolve(what + "-" + n + "-" + run));
    }

    private static double median(final List<LoadResult> results, final ToDoubleFunction<LoadResult> f)
    {
        final double[] v = results.stream().mapToDouble(f).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static String loadAverage()
    {
        try
        {
            final String[] f = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        }
        catch (final IOException ex)
        {
            return "unknown";
        }
    }

    private static void delete(final Path dir) throws IOException
    {
        try (Stream<Path> walk = Files.walk(dir))
        {
            for (final Path p : walk.sorted(Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(p);
            }
        }
    }

    @FunctionalInterface
    private interface Load
    {
        LoadResult run() throws IOException, InterruptedException;
    }
}
