package net.srv6epe.srv6.bond;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BondSchedulerTest
{
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final long MBIT = 125_000L; // bytes per second of 1 Mbit/s
    private static final long PROBE_NS = 50 * MS;
    private static final long T0 = 7 * SECOND;

    private static BondParams params(final boolean[] up, final long[] rates, final long[] delays)
    {
        return BondParams.of(1, up, rates, delays, PROBE_NS);
    }

    @Test
    void splitsASaturatedLoadInProportionToTheRates()
    {
        final BondScheduler scheduler = new BondScheduler(
            params(new boolean[] {true, true}, new long[] {20 * MBIT, 10 * MBIT}, new long[] {0, 5 * MS}));
        final long[] bytes = new long[2];
        // 40 Mbit/s offered for 2 s, sizes 1500 and 1000 alternating (1250 on average, one every 250 us)
        for (int i = 0; i < 8000; i++)
        {
            final int size = (i & 1) == 0 ? 1500 : 1000;
            final int m = scheduler.pick(T0 + i * 250_000L, size);
            bytes[m] += size;
        }
        final double ratio = (double)bytes[0] / bytes[1];
        assertEquals(2.0, ratio, 0.04, "split " + Arrays.toString(bytes));
    }

    @Test
    void keepsALightLoadOnTheLowestDelayMember()
    {
        final BondParams p =
            params(new boolean[] {true, true}, new long[] {10 * MBIT, 10 * MBIT}, new long[] {10 * MS, 0});
        final BondScheduler light = new BondScheduler(p);
        final int[] count = new int[2];
        // 1 Mbit/s: a 1250-byte packet every 10 ms, for 1 s
        for (int i = 0; i < 100; i++)
        {
            count[light.pick(T0 + i * 10 * MS, 1250)]++;
        }
        assertEquals(0, count[0]);
        assertEquals(100, count[1]);

        // 15 Mbit/s is more than member 1 carries: the longer path takes the rest, but no more than it must
        final BondScheduler heavy = new BondScheduler(p);
        final long[] bytes = new long[2];
        for (int i = 0; i < 1500; i++)
        {
            final int m = heavy.pick(T0 + i * 666_667L, 1250);
            bytes[m] += 1250;
        }
        assertTrue(bytes[0] > 0, "the longer member unused at 15 Mbit/s");
        assertTrue(bytes[1] > bytes[0], Arrays.toString(bytes));
    }

    /**
     * Sends 20,000 packets of random sizes at 25 Mbit/s through {@code scheduler} over FIFO paths with the given true
     * rates and propagation delays; returns the largest reordering distance (how many packets sent after one
     * arrived before it) and, in {@code earliestNs[0]}, the most a packet arrived before one sent earlier.
     */
    private static int maxReorderDistance(
        final BondScheduler scheduler, final long[] trueRate, final long[] propagationNs, final int[] membersUsed,
        final double[] earliestNs)
    {
        final Random random = new Random(42);
        final double loadBytesPerNs = 25 * MBIT / 1e9;
        final double[] busyUntil = new double[trueRate.length];
        final int packets = 20_000;
        final double[][] arrivals = new double[packets][];
        double now = T0;
        for (int i = 0; i < packets; i++)
        {
            final int size = 64 + random.nextInt(1500 - 64 + 1);
            final int m = scheduler.pick((long)now, size);
            membersUsed[m]++;
            final double start = Math.max((long)now, busyUntil[m]);
            busyUntil[m] = start + size * 1e9 / trueRate[m];
            arrivals[i] = new double[] {busyUntil[m] + propagationNs[m], i};
            now += size / loadBytesPerNs;
        }
        Arrays.sort(arrivals, (a, b) -> Double.compare(a[0], b[0]));
        int maxDistance = 0;
        int highestSent = -1;
        double highestSentArrival = 0;
        for (final double[] a : arrivals)
        {
            final int sent = (int)a[1];
            if (sent < highestSent)
            {
                maxDistance = Math.max(maxDistance, highestSent - sent);
                earliestNs[0] = Math.max(earliestNs[0], a[0] - highestSentArrival);
            }
            else
            {
                highestSent = sent;
                highestSentArrival = a[0];
            }
        }
        return maxDistance;
    }

    @Test
    void packetsArriveNearlyInSendOrderOverUnequalDelays()
    {
        final long[] trueRate = {20 * MBIT, 10 * MBIT};
        final long[] propagation = {30 * MS, 10 * MS};
        final boolean[] up = {true, true};

        final int[] used = new int[2];
        final double[] early = new double[1];
        final int edpf = maxReorderDistance(
            new BondScheduler(params(up, trueRate, new long[] {20 * MS, 0})), trueRate, propagation, used, early);
        assertTrue(used[0] > 1000 && used[1] > 1000, "both members used: " + Arrays.toString(used));
        // only packet sizes reorder: a small packet may overtake a large one still being serialised (1500 bytes
        // take 1.2 ms at 10 Mbit/s, in which some 6 packets of 782 bytes on average are sent at 25 Mbit/s)
        assertTrue(edpf <= 8, "EDPF reorders by " + edpf + " packets");
        assertTrue(early[0] <= 1.2 * MS + 1, "EDPF reorders by " + early[0] + " ns");

        // the same scheduler blind to the delays reorders a lot: the checks above measure something
        final double[] blindEarly = new double[1];
        final int blind = maxReorderDistance(
            new BondScheduler(params(up, trueRate, new long[] {0, 0})), trueRate, propagation, new int[2], blindEarly);
        assertTrue(blind > 40, "delay-blind scheduler reorders by only " + blind + " packets");
        assertTrue(blindEarly[0] > 10 * MS, "delay-blind scheduler reorders by only " + blindEarly[0] + " ns");
    }

    @Test
    void aDownMemberGetsNoPacketsButOneProbePerInterval()
    {
        final BondScheduler scheduler = new BondScheduler(
            params(new boolean[] {true, false}, new long[] {10 * MBIT, 10 * MBIT}, new long[] {0, 0}));
        final List<Long> probes = new ArrayList<>();
        for (long t = T0; t < T0 + SECOND; t += 100_000L)
        {
            assertEquals(0, scheduler.pick(t, 1500));
            final int p = scheduler.probe(t);
            if (p >= 0)
            {
                assertEquals(1, p);
                probes.add(t);
            }
        }
        assertEquals(20, probes.size(), "probes at " + probes);
        assertEquals(T0, probes.get(0));
        for (int i = 1; i < probes.size(); i++)
        {
            assertEquals(PROBE_NS, probes.get(i) - probes.get(i - 1));
        }
        assertEquals(0, scheduler.backlogBytes(1));
    }

    @Test
    void noMemberUpPicksNoneAndProbesEachDownMemberInTurn()
    {
        final BondScheduler scheduler = new BondScheduler(
            params(new boolean[] {false, false, true}, new long[] {MBIT, MBIT, MBIT}, new long[] {0, 0, 0}));
        assertEquals(2, scheduler.pick(T0, 100));
        assertEquals(0, scheduler.probe(T0));
        assertEquals(1, scheduler.probe(T0));
        assertEquals(-1, scheduler.probe(T0));
        assertEquals(-1, scheduler.probe(T0 + PROBE_NS - 1));
        assertEquals(0, scheduler.probe(T0 + PROBE_NS));
        assertEquals(1, scheduler.probe(T0 + PROBE_NS));

        scheduler.params(
            BondParams.of(2, new boolean[] {false, false, false}, new long[] {MBIT, MBIT, MBIT}, new long[3],
                PROBE_NS));
        assertEquals(-1, scheduler.pick(T0 + 2 * PROBE_NS, 100));
        assertEquals(2, scheduler.probe(T0 + 2 * PROBE_NS));
        assertEquals(0, scheduler.probe(T0 + 2 * PROBE_NS));
    }

    @Test
    void newParamsKeepTheBacklogsAndDrainAtTheNewRates()
    {
        final BondScheduler scheduler = new BondScheduler(
            params(new boolean[] {true, true}, new long[] {10 * MBIT, 10 * MBIT}, new long[] {0, 0}));
        for (int i = 0; i < 20; i++)
        {
            scheduler.pick(T0, 1000);
        }
        assertEquals(10_000, scheduler.backlogBytes(0));
        assertEquals(10_000, scheduler.backlogBytes(1));

        final BondParams next =
            BondParams.of(2, new boolean[] {true, true}, new long[] {20 * MBIT, 5 * MBIT}, new long[] {0, 0}, PROBE_NS);
        scheduler.params(next);
        assertSame(next, scheduler.params());
        assertEquals(10_000, scheduler.backlogBytes(0));
        assertEquals(10_000, scheduler.backlogBytes(1));

        // 2 ms later: member 0 drained 5000 bytes (2.5 MB/s), member 1 1250 (625 kB/s); the packet goes to 0
        assertEquals(0, scheduler.pick(T0 + 2 * MS, 100));
        assertEquals(5_100, scheduler.backlogBytes(0));
        assertEquals(8_750, scheduler.backlogBytes(1));
    }

    @Test
    void backlogsStayBoundedUnderOverloadWithoutChangingTheSplit()
    {
        final BondScheduler scheduler = new BondScheduler(
            params(new boolean[] {true, true}, new long[] {2 * MBIT, MBIT}, new long[] {0, 0}));
        final long[] bytes = new long[2];
        for (int i = 0; i < 40_000; i++)
        {
            // 10 Mbit/s offered to 3 Mbit/s for 40 s
            final int m = scheduler.pick(T0 + i * MS, 1250);
            bytes[m] += 1250;
        }
        assertEquals(2.0, (double)bytes[0] / bytes[1], 0.02);
        final double behind0 = scheduler.backlogBytes(0) * 1e9 / (2 * MBIT);
        assertTrue(behind0 <= BondScheduler.MAX_BACKLOG_NS + 10 * MS, "member 0 behind by " + behind0 + " ns");
        assertNotEquals(0, scheduler.backlogBytes(1));
    }

    /** Runs {@code count} picks and probes every 100 us from {@code now}; returns a value that depends on them. */
    private static long run(final BondScheduler scheduler, final long now, final int count)
    {
        long sink = 0;
        for (int i = 0; i < count; i++)
        {
            final long t = now + i * 100_000L;
            sink += scheduler.pick(t, 64 + (i & 1023)) + scheduler.probe(t);
        }
        return sink;
    }

    @Test
    void pickAllocatesNothingInSteadyState()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();
        final BondScheduler scheduler = new BondScheduler(params(new boolean[] {true, true, false, true},
            new long[] {20 * MBIT, 10 * MBIT, 10 * MBIT, 5 * MBIT}, new long[] {0, 3 * MS, 0, 8 * MS}));
        long sink = 0;
        long now = T0;
        for (int i = 0; i < 3; i++)
        {
            sink += run(scheduler, now, 1_000_000);
            now += 1_000_000 * 100_000L;
        }
        final long idle0 = threads.getThreadAllocatedBytes(thread);
        final long idle1 = threads.getThreadAllocatedBytes(thread);
        assertEquals(0, idle1 - idle0, "the measurement itself allocates");
        // the JIT may still finish a compilation during a run (a few hundred bytes once); an allocation per pick
        // would show in every attempt (16 bytes x 1,000,000 at least)
        final long[] allocated = new long[3];
        for (int attempt = 0; attempt < allocated.length; attempt++)
        {
            final long before = threads.getThreadAllocatedBytes(thread);
            sink += run(scheduler, now, 1_000_000);
            allocated[attempt] = threads.getThreadAllocatedBytes(thread) - before;
            now += 1_000_000 * 100_000L;
            if (allocated[attempt] == 0)
            {
                break;
            }
        }
        assertTrue(sink != 0);
        assertTrue(Arrays.stream(allocated).anyMatch(a -> a == 0),
            "bytes allocated by 1,000,000 picks and probes, per attempt: " + Arrays.toString(allocated));
    }
}
