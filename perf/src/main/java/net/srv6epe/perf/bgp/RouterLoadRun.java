package net.srv6epe.perf.bgp;

import net.srv6epe.srv6.Ipv4Address;
import net.srv6epe.srv6.Ipv6Address;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * One measured load of the real router: start it from YAML, bring the blaster's session up, encode the UPDATEs
 * for the negotiated message size, take the live heap, then send everything and poll the published forwarding
 * state (every 0.5 ms, one volatile read and a few field reads) until every route is in its FIB; then, once the
 * BGP thread is idle (the last batch journaled), take the live heap again, close the session and time until every
 * route has left the FIB.
 */
public final class RouterLoadRun
{
    /** The blaster's source address and the router's configured neighbor. */
    public static final String BLASTER_ADDRESS = "127.0.0.2";
    /** The next hop the blaster announces (the ASBR's data-plane address). */
    public static final String NEXT_HOP = "fd00:20::1";
    private static final int HANDSHAKE_TIMEOUT_MS = 10_000;
    private static final long POLL_NS = TimeUnit.MICROSECONDS.toNanos(500);
    private static final int HISTOGRAM_LINES = 40;
    /** The router's BGP agent thread ({@code BgpAgent#roleName()}). */
    private static final String BGP_THREAD = "bgp";
    private static final long IDLE_WINDOW_MS = 200;
    private static final long IDLE_CPU_MS = 10;

    private RouterLoadRun()
    {
    }

    /**
     * Runs once.
     *
     * @param dir       a fresh directory for the configuration and the journal
     * @param oneVrf    import every peer VRF's routes into one VRF
     * @param timeoutS  how long to wait for the FIB
     * @param histogram where to print the live objects by class before and after the load, or null
     * @throws IOException when the router or the session fails, or the FIB is not complete in time
     */
    public static LoadResult run(final Path dir, final PrefixMix prefixes, final List<BlastVrf> vrfs,
        final boolean oneVrf, final long timeoutS, final PrintStream histogram) throws IOException, InterruptedException
    {
        final int n = prefixes.size();
        try (RouterUnderTest router = RouterUnderTest.start(dir, vrfs, oneVrf, BLASTER_ADDRESS);
            RouteBlaster blaster = RouteBlaster.connect(router.bgpAddress(), InetAddress.getByName(BLASTER_ADDRESS),
                BlastVrf.AS, Ipv4Address.parse("198.18.0.9"), 90, HANDSHAKE_TIMEOUT_MS))
        {
            final UpdateStream updates = UpdateStream.announce(prefixes, vrfs, i -> true,
                Ipv6Address.parseHi(NEXT_HOP), Ipv6Address.parseLo(NEXT_HOP), blaster.options());
            final UpdateStream endOfRib = UpdateStream.endOfRib();
            final long heapBefore = ProcessMemory.usedHeapAfterGc();
            if (histogram != null)
            {
                histogram.println("live heap before the load:");
                histogram.println(ProcessMemory.classHistogram(HISTOGRAM_LINES));
            }
            final long cpuBefore = processCpuNs();
            final long bgpThread = threadId(BGP_THREAD);
            final long bgpCpuBefore = threadCpuNs(bgpThread);
            final long generationBefore = router.state().generation();

            final long startNs = blaster.send(updates);
            final long writtenNs = System.nanoTime();
            blaster.send(endOfRib);
            final long deadline = startNs + TimeUnit.SECONDS.toNanos(timeoutS);
            long now;
            while ((now = System.nanoTime()) < deadline && router.routeCount() < n)
            {
                if (blaster.failure() != null)
                {
                    throw new IOException("the session failed during the load: " + blaster.failure());
                }
                LockSupport.parkNanos(POLL_NS);
            }
            final int loaded = router.routeCount();
            if (loaded < n)
            {
                throw new IOException("only " + loaded + " of " + n + " routes in the FIB after " + timeoutS + " s");
            }
            final long loadedNs = now - startNs;
            final long cpuNs = processCpuNs() - cpuBefore;
            final long bgpCpuNs = threadCpuNs(bgpThread) - bgpCpuBefore;
            final long snapshots = router.state().generation() - generationBefore;
            // the last snapshot is visible before its changes are journaled: measure once the BGP thread is idle
            awaitIdle(bgpThread, timeoutS);
            final long heapAfter = ProcessMemory.usedHeapAfterGc();
            final long rss = ProcessMemory.rssBytes();
            if (histogram != null)
            {
                histogram.println("live heap after the load:");
                histogram.println(ProcessMemory.classHistogram(HISTOGRAM_LINES));
            }
            // the session goes (Cease): every route must leave the FIB again (RFC 4271 8)
            final long downNs = System.nanoTime();
            blaster.close();
            final long downDeadline = downNs + TimeUnit.SECONDS.toNanos(timeoutS);
            while ((now = System.nanoTime()) < downDeadline && router.routeCount() > 0)
            {
                LockSupport.parkNanos(POLL_NS);
            }
            final long removedNs = router.routeCount() == 0 ? now - downNs : -1;
            return new LoadResult("router", n, updates.messages(), blaster.options().maxMessageLength(),
                writtenNs - startNs, loadedNs, heapAfter - heapBefore, rss, cpuNs, bgpCpuNs, removedNs, snapshots);
        }
    }

    /**
     * Waits until the thread used less than {@value #IDLE_CPU_MS} ms of CPU in {@value #IDLE_WINDOW_MS} ms (an
     * agent between rounds sleeps), or the timeout passed.
     */
    private static void awaitIdle(final long threadId, final long timeoutS) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutS);
        long cpu = threadCpuNs(threadId);
        while (cpu >= 0 && System.nanoTime() < deadline)
        {
            Thread.sleep(IDLE_WINDOW_MS);
            final long next = threadCpuNs(threadId);
            if (next < 0 || next - cpu < TimeUnit.MILLISECONDS.toNanos(IDLE_CPU_MS))
            {
                return;
            }
            cpu = next;
        }
    }

    /** The id of the live thread with this name, or -1. */
    private static long threadId(final String name)
    {
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (final ThreadInfo t : threads.getThreadInfo(threads.getAllThreadIds()))
        {
            if (t != null && name.equals(t.getThreadName()))
            {
                return t.getThreadId();
            }
        }
        return -1;
    }

    /** CPU time a thread used so far, or -1 (unknown thread, or no thread CPU time in this JVM). */
    private static long threadCpuNs(final long threadId)
    {
        return threadId < 0 ? -1 : ManagementFactory.getThreadMXBean().getThreadCpuTime(threadId);
    }

    private static long processCpuNs()
    {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os ?
            os.getProcessCpuTime() : -1;
    }
}
