package net.srv6epe.perf.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SuiteSequenceTrackerTest
{
    @Test
    void inOrderFramesAreNotReordered()
    {
        final SequenceTracker t = new SequenceTracker();
        for (long s = 0; s < 1000; s++)
        {
            t.record(s, 1_000, 1_000 + 10_000);
        }
        assertEquals(1000, t.received());
        assertEquals(0, t.reordered());
        assertEquals(999, t.highest());
    }

    @Test
    void gapsAreNotReorderingButLateFramesAre()
    {
        final SequenceTracker t = new SequenceTracker();
        for (final long s : new long[] {0, 1, 5, 6, 2, 7, 3})
        {
            t.record(s, 0, 1);
        }
        assertEquals(7, t.received());
        assertEquals(2, t.reordered()); // 2 and 3 came after 6
        assertEquals(7, t.highest());
    }

    @Test
    void orderIsJudgedPerFlowSoInterleavingFlowsDifferentlyIsNotReordering()
    {
        // 4 flows round robin (frame n is flow n % 4): two workers each keep their flows in order but interleave
        // them differently from the generator
        final SequenceTracker t = new SequenceTracker(4);
        for (final long s : new long[] {1, 3, 5, 7, 0, 2, 4, 6, 9, 8})
        {
            t.record(s, 0, 1);
        }
        assertEquals(0, t.reordered());
        assertEquals(9, t.highest());

        t.record(5, 0, 1); // flow 1 already saw 9: late in its own flow
        t.record(12, 0, 1);
        t.record(10, 0, 1);
        assertEquals(1, t.reordered());
        final SequenceTracker one = new SequenceTracker(1);
        for (final long s : new long[] {1, 3, 5, 7, 0, 2, 4})
        {
            one.record(s, 0, 1);
        }
        assertEquals(3, one.reordered(), "one flow: every frame after a higher one counts");
    }

    @Test
    void aFlowCountOutOfRangeIsRefused()
    {
        assertThrows(IllegalArgumentException.class, () -> new SequenceTracker(0));
    }

    @Test
    void duplicatesCountAsReordered()
    {
        final SequenceTracker t = new SequenceTracker();
        t.record(4, 0, 1);
        t.record(4, 0, 1);
        assertEquals(1, t.reordered());
    }

    @Test
    void latencyPercentilesComeFromReceiveMinusSend()
    {
        final SequenceTracker t = new SequenceTracker();
        // 98 frames at 10 µs, 2 at 500 µs: p50 10 µs, p99 500 µs (within HdrHistogram's 3 digits)
        for (int i = 0; i < 100; i++)
        {
            final long send = 1_000_000L * i;
            t.record(i, send, send + (i < 98 ? 10_000 : 500_000));
        }
        assertEquals(10_000, t.latencyNsAt(50), 10);
        assertEquals(500_000, t.latencyNsAt(99), 500);
        assertEquals(500_000, t.maxLatencyNs(), 500);
        assertEquals(0, t.clampedLatencies());
    }

    @Test
    void impossibleLatenciesAreClampedAndCounted()
    {
        final SequenceTracker t = new SequenceTracker();
        t.record(0, 100, 50);
        t.record(1, 0, 20_000_000_000L);
        assertEquals(2, t.clampedLatencies());
        assertEquals(2, t.received());
    }

    @Test
    void nothingReceivedReportsZeros()
    {
        final SequenceTracker t = new SequenceTracker();
        assertEquals(0, t.latencyNsAt(99));
        assertEquals(0, t.maxLatencyNs());
        assertEquals(-1, t.highest());
    }
}
