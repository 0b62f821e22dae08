package net.srv6epe.vrf.fib;

import net.srv6epe.vrf.prefix.Ipv6Prefix;

import java.util.function.IntPredicate;

/**
 * An immutable IPv6 longest-prefix-match table from prefixes to route indexes (an index into the owning VRF's
 * action array). Build one with {@link Ipv6FibBuilder}; a builder started {@link Ipv6FibBuilder#from from} a FIB
 * produces a new FIB and leaves this one untouched, so readers may keep using it.
 *
 * <h2>Structure</h2>
 * A 16-bit direct-indexed first level (65,536 slots) over per-slot poptries (Asai and Ohara, "Poptrie: A
 * Compressed Trie with Population Count for Fast and Scalable Software IP Routing Table Lookup", SIGCOMM 2015):
 * stride-6 nodes of three longs (child bitmap, leaf-run bitmap, bases), children and run-compressed leaves
 * located with {@link Long#bitCount}, leaf pushing inside a slot. A {@code /48} is found after the slot load
 * and at most six node visits (offsets 16, 22, 28, 34, 40, 46), each a few loads from one or two cache lines,
 * against up to 48 dependent loads in a binary trie. Routes up to {@code /16} are kept apart in a per-slot
 * "best short route" array so a default-route change does not rebuild every slot.
 *
 * <h2>Why this structure</h2>
 * <ul>
 *   <li>Versus a plain binary trie: up to 128 dependent loads (48 for a /48); here a /48 costs the slot load,
 *   at most six node visits and one compressed-entry check, and the upper levels of all slots together
 *   (233,000 nodes, 5.6 MB for the table below) stay in the last-level cache.</li>
 *   <li>Versus a 16-bit first level with stride-8 leaf-pushed levels: every diverging /40 costs a 256-entry
 *   node (1 KiB of ints), so 1 M scattered /48s come to about 1 GB (our estimate) without path compression; poptrie nodes are
 *   24 bytes plus their distinct leaves.</li>
 *   <li>Versus hash tables per prefix length (Waldvogel): a hit costs about five probes, each a cache miss in a
 *   1 M-entry table, and markers make incremental updates subtle.</li>
 *   <li>Single-route path compression: a chunk below which exactly one route lives points at a 16-byte entry
 *   (24 for prefixes longer than /64) holding that prefix, instead of a chain of one-child nodes. It cut the
 *   lookup structure for the table below from 87 MB to 30 MB and, in runs under similar load, the random-hit
 *   lookup from about 460 ns to 170..290 ns.</li>
 *   <li>Slots make updates cheap: a change rebuilds only its slot's poptrie (about 130 routes each in the table
 *   below) and copies the 65,536-entry slot arrays; a change of a route of length 16 or less only recomputes
 *   the per-slot short-route array.</li>
 * </ul>
 *
 * <h2>Measured</h2>
 * {@code LpmBenchmark} (perf module), OpenJDK 17.0.15, a 2-vCPU AMD EPYC VM (2 MiB L2, 32 MiB L3) shared with
 * other builds (load average 2 to 8 during the runs, so figures are noisy and on the high side), a table of
 * 1,000,000 routes in {@code 2000::/3}: 20,000 allocations /29../36, then 85% /48, 8% /33../64, 7% /128 below
 * them, 64 distinct route indexes:
 * <pre>
 *   heap: lookup structure 30.1 MB (+ 21.8 MB of sorted route lists kept for listing and updates) = 51.9 MB
 *         (87 MB lookup structure before single-route path compression)
 *   building a snapshot from a loaded builder                              218..300 ms
 *   loading 1 M routes into an empty builder and building (fullSnapshot)   ~1.0 s
 *   one /48 added or removed in the 1 M table, then a new snapshot         ~99 us, 545 KB garbage (smallChange)
 *   lookup, random hits over all 1 M routes (each level a cache miss)      134..212 ns (lookupHit)
 *   lookup, same addresses, batched 32 at a time                           104..166 ns per address (lookupHitBatch)
 *   lookup, random hits among 4,096 hot destinations                       47..53 ns (lookupHitHot)
 *   lookup, misses in 2000::/3                                             ~15 ns (lookupMiss)
 *   allocation per lookup                                                  0 (JMH -prof gc: &lt; 0.001 B/op)
 * </pre>
 * Random hits over a million routes are bound by cache and TLB misses, not by the walk: a realistic flow
 * working set (thousands of destinations) stays in cache and costs tens of nanoseconds. Command:
 * {@code java -jar perf/target/benchmarks.jar LpmBenchmark -f 1 -wi 2 -i 3 -w 2s -r 2s -prof gc}.
 */
public final class Ipv6Fib
{
    /** Returned by {@link #lookup} when no route covers the address. */
    public static final int NO_ROUTE = LpmTable.NO_ROUTE;

    private static final Ipv6Fib EMPTY = new Ipv6Fib(LpmTable.empty());

    final LpmTable table;

    Ipv6Fib(final LpmTable table)
    {
        this.table = table;
    }

    /** The empty FIB. */
    public static Ipv6Fib empty()
    {
        return EMPTY;
    }

    /**
     * Longest-prefix match. Allocation free; safe from any number of threads.
     *
     * @return the route index of the longest matching prefix, or {@link #NO_ROUTE}
     */
    public int lookup(final long addressHi, final long addressLo)
    {
        return table.lookup(addressHi, addressLo);
    }

    /**
     * Longest-prefix match of the first {@code count} addresses of a batch, results in the batch. Same results as
     * {@link #lookup(long, long)}, faster per address on tables larger than the caches. Allocation free.
     */
    public void lookup(final Ipv6LookupBatch batch, final int count)
    {
        if (count > batch.capacity())
        {
            throw new IllegalArgumentException("batch of " + count + " exceeds capacity " + batch.capacity());
        }
        table.lookupBatch(batch.hi, batch.lo, count, batch.result, batch.node, batch.trie);
    }

    /** The route index stored for exactly this prefix, or {@link #NO_ROUTE}. */
    public int get(final Ipv6Prefix prefix)
    {
        return table.get(prefix.hi(), prefix.lo(), prefix.length());
    }

    /** Number of routes. */
    public int size()
    {
        return table.size;
    }

    /** Visits every route in prefix order (address, then length), for {@code show route}. */
    public void forEach(final Ipv6RouteVisitor visitor)
    {
        table.forEach(visitor::visit);
    }

    /**
     * Visits, in prefix order, every route that differs between two FIBs (a route index of {@link #NO_ROUTE}
     * before: added; after: removed; both set: replaced), and every route kept with the same index for which
     * {@code recheck} is true (null: none; the VRF uses it for an index whose action changed). Slots the FIBs share
     * are skipped unless {@code recheck} is given: two snapshots of one builder are compared in time proportional
     * to the routes of the slots that changed, not to the table.
     */
    public static void diff(final Ipv6Fib before, final Ipv6Fib after, final IntPredicate recheck,
        final Ipv6DiffVisitor visitor)
    {
        LpmTable.diff(before.table, after.table, recheck, visitor::visit);
    }

    /** Approximate heap retained by this FIB: lookup structure plus the route lists kept for listing. */
    public long sizeInBytes()
    {
        return table.sizeInBytes();
    }

    /** Approximate heap retained by the lookup structure alone. */
    public long lookupSizeInBytes()
    {
        return table.lookupSizeInBytes();
    }
}
