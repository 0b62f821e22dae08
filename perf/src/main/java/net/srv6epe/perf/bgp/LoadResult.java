package net.srv6epe.perf.bgp;

import java.util.Locale;

/**
 * The figures of one load run.
 *
 * @param target        {@code router} or {@code gobgpd}
 * @param routes        routes sent (and expected in the FIB / RIB)
 * @param messages      UPDATE messages they were packed into
 * @param maxMessage    the negotiated maximum message length (4096 or 65535)
 * @param writtenNs     from the first octet handed to TCP until TCP took the last one
 * @param loadedNs      from the first octet handed to TCP until every route was in the published FIB (router) or
 *                      accepted (gobgpd)
 * @param heapBytes     live heap after the load minus before it (router only, else -1)
 * @param rssBytes      resident set after the load (router: this JVM; gobgpd: its peak), or -1
 * @param cpuNs         CPU time this JVM used until every route was in the FIB (router only, else -1)
 * @param bgpCpuNs      CPU time the router's BGP thread used until then: the single-threaded critical path, about
 *                      what the load takes when that thread has a core to itself (router only, else -1)
 * @param removedNs     from the blaster's Cease until every route had left the FIB (router only, else -1)
 * @param snapshots     forwarding-state snapshots published during the load (router only, else -1)
 */
public record LoadResult(String target, int routes, int messages, int maxMessage, long writtenNs, long loadedNs,
    long heapBytes, long rssBytes, long cpuNs, long bgpCpuNs, long removedNs, long snapshots)
{
    /** Seconds until every route was in. */
    public double seconds()
    {
        return loadedNs / 1e9;
    }

    /** Routes per second over {@link #seconds()}. */
    public double routesPerSecond()
    {
        return routes / seconds();
    }

    /** Live heap per route in octets, or -1. */
    public double heapBytesPerRoute()
    {
        return heapBytes < 0 ? -1 : (double)heapBytes / routes;
    }

    /** One line for the report. */
    public String line()
    {
        return String.format(Locale.ROOT,
            "%-7s %,10d routes in %,6d UPDATEs (max %5d): TCP took all in %6.2f s, all in %s in %6.2f s " +
            "(%,9.0f routes/s)%s%s%s%s%s",
            target, routes, messages, maxMessage, writtenNs / 1e9, target.equals("router") ? "the FIB" : "the RIB",
            seconds(), routesPerSecond(),
            snapshots < 0 ? "" : String.format(Locale.ROOT, ", %d FIB snapshots", snapshots),
            heapBytes < 0 ? "" : String.format(Locale.ROOT, ", heap %.1f MB = %.0f B/route", heapBytes / 1e6,
                heapBytesPerRoute()),
            rssBytes < 0 ? "" : String.format(Locale.ROOT, ", %s %.0f MB", target.equals("router") ? "RSS" :
                "peak RSS", rssBytes / 1e6),
            cpuNs < 0 ? "" : String.format(Locale.ROOT, ", CPU %.2f s (BGP thread %.2f s)", cpuNs / 1e9,
                bgpCpuNs / 1e9),
            removedNs < 0 ? "" : String.format(Locale.ROOT, "; session down: FIB empty in %.2f s", removedNs / 1e9));
    }
}
