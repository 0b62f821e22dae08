package net.srv6epe.perf;

import net.srv6epe.vrf.fib.Ipv6Fib;
import net.srv6epe.vrf.fib.Ipv6FibBuilder;
import net.srv6epe.vrf.fib.Ipv6LookupBatch;
import net.srv6epe.vrf.prefix.Ipv6Prefix;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Longest-prefix match in an {@link Ipv6Fib} of 10 thousand or a million routes ({@code routes}), and the cost of
 * producing snapshots.
 *
 * <p>The table is a realistic mix inside {@code 2000::/3}: 20,000 provider allocations ({@code /29../36},
 * mostly {@code /32}), then customer routes under random allocations until the table holds {@code routes}
 * prefixes: 85% {@code /48}, 8% {@code /33../64}, 7% {@code /128}. Each route points at one of 64 route
 * indexes (a VRF has few distinct actions). Lookups walk a 64 Ki address array so the branch predictor and the
 * caches see a realistic spread ({@code lookupHit}: uniformly random routes, the worst case for the caches;
 * {@code lookupHitBatch}: the same, 32 per batched call, reported per address; {@code lookupHitHot}: 4096 hot
 * destinations; {@code lookupMiss}: addresses in {@code 2000::/3} no route covers). {@code smallChange} and
 * {@code fullSnapshot} measure the writer side. Figures are recorded in the {@code Ipv6Fib} class comment.
 *
 * <pre>
 * mvn -q -o -pl perf package -DskipTests
 * java -Xmx3g -jar perf/target/benchmarks.jar LpmBenchmark -f 1 -wi 2 -i 3 -w 2s -r 2s -prof gc
 * </pre>
 */
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
@State(Scope.Benchmark)
public class LpmBenchmark
{
    private static final int PROBES = 1 << 16;
    private static final int HOT_DESTINATIONS = 4096;
    private static final int BATCH = 32;

    @Param({ "10000", "1000000" })
    public int routes;

    private Ipv6Fib fib;
    private Ipv6FibBuilder builder;
    private List<Ipv6Prefix> prefixes;
    private final long[] hits = new long[2 * PROBES];
    private final long[] misses = new long[2 * PROBES];
    private final long[] hot = new long[2 * PROBES];
    private final Ipv6LookupBatch batch = new Ipv6LookupBatch(BATCH);
    private int next;
    private int changeCounter;

    /** Builds the table and the probe addresses once per trial, printing size and build time. */
    @Setup(Level.Trial)
    public void setUp()
    {
        final SplittableRandom random = new SplittableRandom(42);
        prefixes = generate(random, routes);

        final long startNs = System.nanoTime();
        builder = Ipv6FibBuilder.empty();
        for (int i = 0; i < prefixes.size(); i++)
        {
            builder.add(prefixes.get(i), i & 63);
        }
        final long loadedNs = System.nanoTime();
        fib = builder.build();
        final long builtNs = System.nanoTime();
        System.out.printf(
            "%n[LpmBenchmark] %d routes: builder load %.0f ms, snapshot build %.0f ms; FIB %.1f MB " +
            "(lookup structure %.1f MB)%n",
            fib.size(), (loadedNs - startNs) / 1e6, (builtNs - loadedNs) / 1e6,
            fib.sizeInBytes() / 1e6, fib.lookupSizeInBytes() / 1e6);

        for (int i = 0; i < PROBES; i++)
        {
            final Ipv6Prefix p = prefixes.get(random.nextInt(prefixes.size()));
            hits[2 * i] = p.hi() | (random.nextLong() & ~Ipv6Prefix.maskHi(p.length()));
            hits[2 * i + 1] = p.lo() | (random.nextLong() & ~Ipv6Prefix.maskLo(p.length()));
        }
        for (int i = 0; i < PROBES; i++)
        {
            final int j = 2 * random.nextInt(HOT_DESTINATIONS);
            hot[2 * i] = hits[j];
            hot[2 * i + 1] = hits[j + 1];
        }
        for (int i = 0; i < PROBES; )
        {
            final long hi = (0x2000L << 48) | (random.nextLong() >>> 3);
            final long lo = random.nextLong();
            if (fib.lookup(hi, lo) == Ipv6Fib.NO_ROUTE)
            {
                misses[2 * i] = hi;
                misses[2 * i + 1] = lo;
                i++;
            }
        }
    }

    static List<Ipv6Prefix> generate(final SplittableRandom random, final int count)
    {
        final java.util.Set<Ipv6Prefix> seen = new java.util.HashSet<>(2 * count);
        final List<Ipv6Prefix> result = new ArrayList<>(count);
        final int allocationCount = Math.min(20_000, count);
        final Ipv6Prefix[] allocations = new Ipv6Prefix[allocationCount];
        int a = 0;
        while (a < allocationCount)
        {
            final int length = random.nextInt(10) < 7 ? 32 : 29 + random.nextInt(8);
            final long hi = (0x2000L << 48) | (random.nextLong() >>> 3);
            final Ipv6Prefix p = Ipv6Prefix.covering(hi, 0, length);
            if (seen.add(p))
            {
                allocations[a++] = p;
                result.add(p);
            }
        }
        while (result.size() < count)
        {
            final Ipv6Prefix parent = allocations[random.nextInt(allocationCount)];
            final int r = random.nextInt(100);
            final int length = r < 85 ? 48 : r < 93 ? 33 + random.nextInt(32) : 128;
            if (length <= parent.length())
            {
                continue;
            }
            final long hi = parent.hi() | (random.nextLong() & ~Ipv6Prefix.maskHi(parent.length()));
            final long lo = random.nextLong();
            final Ipv6Prefix p = Ipv6Prefix.covering(hi, lo, length);
            if (seen.add(p))
            {
                result.add(p);
            }
        }
        return result;
    }

    /** Lookup of an address covered by a route. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public int lookupHit()
    {
        final int i = (next = (next + 2) & (2 * PROBES - 1));
        return fib.lookup(hits[i], hits[i + 1]);
    }

    /** Batched lookups of covered addresses, 32 per batch (a packet burst); reported per lookup. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @OperationsPerInvocation(BATCH)
    public int lookupHitBatch()
    {
        final Ipv6LookupBatch b = batch;
        int base = next;
        for (int i = 0; i < BATCH; i++)
        {
            base = (base + 2) & (2 * PROBES - 1);
            b.address(i, hits[base], hits[base + 1]);
        }
        next = base;
        fib.lookup(b, BATCH);
        return b.result(0) + b.result(BATCH - 1);
    }

    /** Lookup of a covered address drawn from 4096 hot destinations (a realistic flow working set). */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public int lookupHitHot()
    {
        final int i = (next = (next + 2) & (2 * PROBES - 1));
        return fib.lookup(hot[i], hot[i + 1]);
    }

    /** Lookup of an address in 2000::/3 that no route covers. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public int lookupMiss()
    {
        final int i = (next = (next + 2) & (2 * PROBES - 1));
        return fib.lookup(misses[i], misses[i + 1]);
    }

    /** One /48 added to (or removed from) the 1 M-route builder, then a fresh snapshot. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Ipv6Fib smallChange()
    {
        final Ipv6Prefix p = prefixes.get((changeCounter++ * 7919) % prefixes.size());
        if (builder.remove(p) == Ipv6Fib.NO_ROUTE)
        {
            builder.add(p, 1);
        }
        return builder.build();
    }

    /** A snapshot of all routes built from scratch (builder loaded beforehand). */
    @Benchmark
    @BenchmarkMode(Mode.SingleShotTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Ipv6Fib fullSnapshot()
    {
        final Ipv6FibBuilder fresh = Ipv6FibBuilder.empty();
        for (int i = 0; i < prefixes.size(); i++)
        {
            fresh.add(prefixes.get(i), i & 63);
        }
        return fresh.build();
    }
}
