package net.srv6epe.perf.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
