package net.srv6epe.dataplane.neighbor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import net.srv6epe.dataplane.port.FrameHandler;
import net.srv6epe.srv6.Ipv6Address;

/** The worker side of the neighbor code allocates nothing: lookups, punts, unresolved hand-offs, output drains. */
class NeighborAllocationTest
{
    private static final com.sun.management.ThreadMXBean THREADS =
        (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();

    private static long allocatedBytes()
    {
        return THREADS.getCurrentThreadAllocatedBytes();
    }

    @Test
    void workerSideAllocatesNothingPerFrame()
    {
        final long[] now = {0};
        final NeighborTable table = new NeighborTable();
        final NeighborAgent agent = new NeighborAgent(() -> now[0], table, NeighborSettings.defaults(), 1);
        final long hi = Ipv6Address.parseHi("fd00:1::1");
        final long lo = Ipv6Address.parseLo("fd00:1::1");
        agent.configurePort(0, 0x0200_0000_00AAL);
        agent.addStatic(0, hi, lo, 0x0200_0000_00BBL);
        final NeighborProxy proxy = agent.proxy();
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[128]);
        final long[] sink = {0};
        final FrameHandler handler = (buffer, offset, length) -> sink[0] += length;

        final Runnable oneRound = () ->
        {
            for (int i = 0; i < 100; i++)
            {
                sink[0] += table.lookup(0, hi, lo);
                sink[0] += table.lookup(0, hi, lo + 1);
                proxy.unresolved(0, hi, lo, frame, 0, 128);
            }
        };
        for (int warm = 0; warm < 2_000; warm++)
        {
            oneRound.run();
            agent.doWork();
            proxy.drainOutput(0, handler, 1_000);
        }

        long workerBytes = 0;
        for (int round = 0; round < 200; round++)
        {
            final long before = allocatedBytes();
            oneRound.run();
            workerBytes += allocatedBytes() - before;
            agent.doWork();
            final long beforeDrain = allocatedBytes();
            proxy.drainOutput(0, handler, 1_000);
            workerBytes += allocatedBytes() - beforeDrain;
        }
        assertEquals(0, agent.counters().get(NeighborCounter.POOL_EMPTY));
        assertTrue(sink[0] != 0);
        // 60 000 lookups, 20 000 hand-offs and drains: nothing allocated (a little slack for JIT bookkeeping).
        assertTrue(workerBytes < 4_096, "worker side allocated " + workerBytes + " bytes");
    }
}
