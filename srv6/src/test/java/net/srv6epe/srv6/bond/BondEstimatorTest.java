package net.srv6epe.srv6.bond;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BondEstimatorTest
{
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;
    private static final long MBIT = 125_000L; // bytes per second of 1 Mbit/s
    private static final long T0 = 5 * SECOND;
    private static final long TAIL_OFFSET = -987_654_321_000L; // the tail's clock minus the head's
    private static final BondEstimator.Settings SETTINGS = BondEstimator.Settings.defaults();

    private static FeedbackReport report(final int sequence, final long tailTimeNs, final MemberReport... members)
    {
        return new FeedbackReport(1, 0, sequence, tailTimeNs, 0, 2 * MS, 0, 0, 0, 0, List.of(members));
    }

    private static MemberReport member(
        final int m, final long packets, final long bytes, final long owdMinNs, final long owdMeanNs)
    {
        return new MemberReport(m, (int)(packets - 1), packets, bytes, owdMinNs, owdMeanNs, owdMeanNs + MS);
    }

    private static MemberReport silent(final int m, final long packets, final long bytes)
    {
        return new MemberReport(m, (int)(packets - 1), packets, bytes, Long.MAX_VALUE, 0, Long.MIN_VALUE);
    }

    @Test
    void capacityConvergesToTheDeliveryRateOfAMemberThatQueues()
    {
        final BondEstimator estimator = new BondEstimator(2, new long[] {5_000_000L, 0}, SETTINGS);
        assertEquals(5_000_000L, estimator.params().rateBytesPerSec(0));
        assertEquals(BondParams.DEFAULT_RATE_BYTES_PER_SEC, estimator.params().rateBytesPerSec(1));
        long packets = 1000;
        long bytes = 1_000_000;
        final long base = 10 * MS;
        int seq = 1;
        // first report: the baseline, no queue yet
        estimator.onReport(report(seq++, TAIL_OFFSET, member(0, packets, bytes, base, base + MS),
            member(1, 10, 10_000, base + 7 * MS, base + 7 * MS)), T0);
        assertEquals(5_000_000L, estimator.params().rateBytesPerSec(0));
        // then 1 MB/s delivered with 30 ms of queueing: full
        for (int i = 1; i <= 6; i++)
        {
            packets += 20;
            bytes += 20_000;
            estimator.onReport(report(seq++, TAIL_OFFSET + i * 20 * MS, member(0, packets, bytes, base + 25 * MS,
                base + 30 * MS), member(1, 10, 10_000, base + 7 * MS, base + 7 * MS)), T0 + i * 20 * MS);
        }
        final MemberStatus status = estimator.status(0);
        assertEquals(1_000_000.0, status.capacityBytesPerSec(), 10_000.0);
        assertEquals(1_000_000.0, estimator.params().rateBytesPerSec(0), 10_000.0);
        assertEquals(1_000_000L, status.deliveryRateBytesPerSec());
        assertEquals(30 * MS, status.queueingNs());
        assertEquals(0, status.relativeDelayNs());
        assertEquals(7 * MS, estimator.status(1).relativeDelayNs());
        assertEquals(7 * MS, estimator.params().delayNs(1));
        assertEquals(0, estimator.params().delayNs(0));
        assertEquals(MemberState.UP, status.state());
        final double share = 1_000_000.0 / (1_000_000.0 + BondParams.DEFAULT_RATE_BYTES_PER_SEC);
        assertEquals(share, status.weight(), 0.01);
        // member 1 received nothing new and is not full: unchanged
        assertEquals(BondParams.DEFAULT_RATE_BYTES_PER_SEC, estimator.params().rateBytesPerSec(1));
    }

    @Test
    void aMemberWithHeadroomIsProbedUpward()
    {
        final BondEstimator estimator = new BondEstimator(2, new long[] {10 * MBIT, 10 * MBIT}, SETTINGS);
        long bytes0 = 0;
        long bytes1 = 0;
        int seq = 7;
        estimator.onReport(report(seq++, TAIL_OFFSET, member(0, 1, bytes0 += 1000, 10 * MS, 10 * MS),
            member(1, 1, bytes1 += 1000, 10 * MS, 10 * MS)), T0);
        for (int i = 1; i <= 5; i++)
        {
            // member 0 carries what it is given, no queueing; member 1 half of it
            final long given0 = estimator.params().rateBytesPerSec(0) / 50;
            final long given1 = estimator.params().rateBytesPerSec(1) / 50;
            bytes0 += given0;
            bytes1 += given1 / 2;
            estimator.onReport(report(seq++, TAIL_OFFSET + i * 20 * MS,
                member(0, 1 + i * 10, bytes0, 10 * MS, 10 * MS + 500_000),
                member(1, 1 + i * 10, bytes1, 10 * MS, 10 * MS + 500_000)), T0 + i * 20 * MS);
        }
        assertEquals(10 * MBIT * Math.pow(1.1, 5), estimator.params().rateBytesPerSec(0), 10 * MBIT * 0.01);
        assertEquals(10 * MBIT, estimator.params().rateBytesPerSec(1));
        assertEquals(MemberState.UP, estimator.status(0).state());
    }

    @Test
    void aMemberDeliveringMoreThanItsCapacityIsRaisedToItsDeliveryRate()
    {
        final BondEstimator estimator = new BondEstimator(1, new long[] {10 * MBIT}, SETTINGS);
        estimator.onReport(report(1, TAIL_OFFSET, member(0, 100, 100_000, 10 * MS, 10 * MS)), T0);
        // 2.5 MB/s delivered without queueing: at least that much, more than x1.1
        estimator.onReport(report(2, TAIL_OFFSET + 20 * MS, member(0, 140, 150_000, 10 * MS, 11 * MS)), T0 + 20 * MS);
        assertEquals(20 * MBIT, estimator.params().rateBytesPerSec(0));
    }

    @Test
    void lossInReportsMarksAMemberFull()
    {
        final BondEstimator estimator = new BondEstimator(1, new long[] {20 * MBIT}, SETTINGS);
        estimator.onReport(report(1, TAIL_OFFSET, new MemberReport(0, 99, 100, 100_000, 10 * MS, 10 * MS, 11 * MS)),
            T0);
        // 1 MB/s delivered (40 %), 20 sequences covered, 20 received: unchanged
        estimator.onReport(report(2, TAIL_OFFSET + 20 * MS,
            new MemberReport(0, 119, 120, 120_000, 10 * MS, 10 * MS, 11 * MS)), T0 + 20 * MS);
        assertEquals(20 * MBIT, estimator.params().rateBytesPerSec(0));
        assertEquals(0.0, estimator.status(0).lossRatio());
        // 20 sequences covered, 18 received (2 lost): full at its delivery rate
        estimator.onReport(report(3, TAIL_OFFSET + 40 * MS,
            new MemberReport(0, 139, 138, 138_000, 10 * MS, 10 * MS, 11 * MS)), T0 + 40 * MS);
        assertEquals(0.1, estimator.status(0).lossRatio(), 1e-9);
        final double rate = 0.5 * 900_000 + 0.5 * 1_000_000;
        assertEquals(rate, estimator.params().rateBytesPerSec(0), 1.0);
        assertEquals(Math.round(rate), estimator.status(0).deliveryRateBytesPerSec());
    }

    @Test
    void lossIsCountedAcrossTheWrapOfTheMemberSequence()
    {
        final BondEstimator estimator = new BondEstimator(1, new long[] {20 * MBIT}, SETTINGS);
        estimator.onReport(report(1, TAIL_OFFSET,
            new MemberReport(0, Integer.MAX_VALUE - 4, 100, 100_000, 10 * MS, 10 * MS, 11 * MS)), T0);
        estimator.onReport(report(2, TAIL_OFFSET + 20 * MS,
            new MemberReport(0, Integer.MIN_VALUE + 5, 108, 108_000, 10 * MS, 10 * MS, 11 * MS)), T0 + 20 * MS);
        assertEquals(0.2, estimator.status(0).lossRatio(), 1e-9);
        assertEquals(400_000L, estimator.params().rateBytesPerSec(0));
    }

    /** Head and tail of one member that the head keeps sending on while the tail stops receiving. */
    @Test
    void aSilentMemberGoesDownAfterDeadAfterAndComesBackWhenItsCountMoves()
    {
        final BondEstimator estimator = new BondEstimator(2, new long[] {20 * MBIT, 10 * MBIT}, SETTINGS);
        int seq = 100;
        estimator.sent(0, 100, 100_000, 99);
        estimator.sent(1, 100, 100_000, 99);
        estimator.onReport(report(seq++, TAIL_OFFSET, member(0, 100, 100_000, 10 * MS, 10 * MS),
            member(1, 100, 100_000, 12 * MS, 12 * MS)), T0);
        final BondParams start = estimator.evaluate(T0);
        assertTrue(start.up(0) && start.up(1));
        assertSame(start, estimator.evaluate(T0 + MS));

        // from now on the head sends 10 packets per ms on each; the tail reports member 0's, not member 1's
        final long t1 = T0 + 2 * MS;
        long sent = 100;
        long t = t1;
        long lastReport = T0;
        while (t < t1 + SETTINGS.deadAfterNs())
        {
            sent += 10;
            estimator.sent(0, sent, sent * 1000, (int)sent - 1);
            estimator.sent(1, sent, sent * 1000, (int)sent - 1);
            if (t - lastReport >= 20 * MS)
            {
                lastReport = t;
                final long received = sent - 20; // 2 ms in flight
                estimator.onReport(report(seq++, TAIL_OFFSET + t, member(0, received, received * 1000, 10 * MS,
                    10 * MS), silent(1, 100, 100_000)), t);
            }
            final BondParams p = estimator.evaluate(t);
            assertTrue(p.up(0) && p.up(1), "down at " + (t - t1) / MS + " ms");
            t += MS;
        }
        assertEquals(t1 + SETTINGS.deadAfterNs() - MS, t - MS);
        final BondParams down = estimator.evaluate(t1 + SETTINGS.deadAfterNs());
        assertTrue(down.up(0));
        assertFalse(down.up(1));
        assertTrue(down.version() > start.version());
        assertEquals(MemberState.DOWN, estimator.status(1).state());
        assertEquals(0.0, estimator.status(1).weight());
        assertEquals(1.0, estimator.status(0).weight());
        assertEquals(10 * MBIT, estimator.status(1).capacityBytesPerSec());

        // still silent 200 ms later: still down
        t = t1 + SETTINGS.deadAfterNs() + 200 * MS;
        estimator.onReport(report(seq++, TAIL_OFFSET + t, member(0, sent, sent * 1000, 10 * MS, 10 * MS),
            silent(1, 100, 100_000)), t);
        assertFalse(estimator.evaluate(t).up(1));

        // a probe got through: up again at half its capacity, then probed upward
        t += 20 * MS;
        estimator.sent(1, sent + 1, sent * 1000 + 1000, (int)sent);
        estimator.onReport(report(seq++, TAIL_OFFSET + t, member(0, sent, sent * 1000, 10 * MS, 10 * MS),
            new MemberReport(1, (int)sent, 101, 101_000, 12 * MS, 12 * MS, 12 * MS)), t);
        assertTrue(estimator.params().up(1));
        assertEquals(MemberState.PROBING, estimator.status(1).state());
        assertEquals(5 * MBIT, estimator.params().rateBytesPerSec(1));
        assertTrue(estimator.evaluate(t + 100 * MS).up(1), "the tail caught up: nothing outstanding");
        // it carries what it is given (no loss, its member sequences continue after the probe's)
        long received = 101;
        long rbytes = 101_000;
        for (int i = 1; i <= 10; i++)
        {
            final long given = estimator.params().rateBytesPerSec(1) / 50;
            received += given / 1000;
            rbytes += given;
            estimator.onReport(report(seq++, TAIL_OFFSET + t + i * 20 * MS, member(0, sent, sent * 1000, 10 * MS,
                10 * MS), new MemberReport(1, (int)(sent + received - 101), received, rbytes, 12 * MS, 12 * MS,
                12 * MS)), t + i * 20 * MS);
        }
        assertEquals(MemberState.UP, estimator.status(1).state());
        assertTrue(estimator.params().rateBytesPerSec(1) >= 10 * MBIT, estimator.params().toString());
    }

    @Test
    void aMemberWhoseCountKeepsMovingStaysUpThoughPacketsAreAlwaysInFlight()
    {
        final BondEstimator estimator = new BondEstimator(1, null, SETTINGS);
        long sent = 0;
        int seq = 0;
        for (long t = T0; t < T0 + 2 * SECOND; t += MS)
        {
            sent += 5;
            estimator.sent(0, sent, sent * 100, (int)sent - 1);
            if ((t - T0) % (20 * MS) == 0)
            {
                final long received = Math.max(1, sent - 50); // 10 ms behind
                estimator.onReport(report(seq++, TAIL_OFFSET + t, member(0, received, received * 100, MS, MS)), t);
            }
            assertTrue(estimator.evaluate(t).up(0));
        }
        assertEquals(MemberState.UP, estimator.status(0).state());
    }

    @Test
    void staleFeedbackUsesEveryMemberAtItsLastCapacity()
    {
        final BondEstimator estimator = new BondEstimator(2, new long[] {20 * MBIT, 10 * MBIT}, SETTINGS);
        assertFalse(estimator.feedbackStale(T0));
        estimator.sent(0, 10, 10_000, 9);
        estimator.sent(1, 10, 10_000, 9);
        estimator.onReport(report(1, TAIL_OFFSET, member(0, 10, 10_000, MS, MS), silent(1, 0, 0)), T0);
        estimator.evaluate(T0 + MS);
        assertTrue(estimator.params().up(1));
        assertFalse(estimator.evaluate(T0 + MS + SETTINGS.deadAfterNs()).up(1));

        final long timeout = SETTINGS.feedbackTimeoutNs();
        BondParams p = estimator.evaluate(T0 + timeout - 1);
        assertFalse(estimator.feedbackStale(T0 + timeout - 1));
        assertFalse(p.up(1));
        p = estimator.evaluate(T0 + timeout);
        assertTrue(estimator.feedbackStale(T0 + timeout));
        assertTrue(p.up(0) && p.up(1));
        assertEquals(20 * MBIT, p.rateBytesPerSec(0));
        assertEquals(10 * MBIT, p.rateBytesPerSec(1));
        assertSame(p, estimator.evaluate(T0 + 3 * timeout));
        assertEquals(MemberState.DOWN, estimator.status(1).state());

        // reports resume: member 1, still silent, is down again at once
        final long t = T0 + 3 * timeout;
        assertTrue(estimator.onReport(report(2, TAIL_OFFSET + t, member(0, 10, 10_000, MS, MS),
            silent(1, 0, 0)), t));
        assertFalse(estimator.feedbackStale(t));
        assertFalse(estimator.params().up(1));
        assertTrue(estimator.params().up(0));
    }

    @Test
    void staleFeedbackCountsFromTheFirstCallWhenNoReportEverCame()
    {
        final BondEstimator estimator = new BondEstimator(1, null, SETTINGS);
        assertNull(estimator.lastReport());
        estimator.evaluate(T0);
        assertFalse(estimator.feedbackStale(T0 + SETTINGS.feedbackTimeoutNs() - 1));
        assertTrue(estimator.feedbackStale(T0 + SETTINGS.feedbackTimeoutNs()));
    }

    @Test
    void oldAndDuplicateReportSequencesAreIgnoredAcrossTheWrap()
    {
        final BondEstimator estimator = new BondEstimator(1, null, SETTINGS);
        final FeedbackReport first = report(Integer.MAX_VALUE - 1, TAIL_OFFSET, member(0, 10, 10_000, MS, MS));
        assertTrue(estimator.onReport(first, T0));
        assertFalse(estimator.onReport(report(Integer.MAX_VALUE - 1, TAIL_OFFSET + MS,
            member(0, 20, 20_000, MS, MS)), T0 + MS));
        assertFalse(estimator.onReport(report(Integer.MAX_VALUE - 5, TAIL_OFFSET + MS,
            member(0, 20, 20_000, MS, MS)), T0 + MS));
        assertSame(first, estimator.lastReport());
        assertTrue(estimator.onReport(report(Integer.MAX_VALUE, TAIL_OFFSET + 20 * MS,
            member(0, 30, 30_000, MS, MS)), T0 + 20 * MS));
        final FeedbackReport wrapped = report(Integer.MIN_VALUE, TAIL_OFFSET + 40 * MS, member(0, 50, 50_000, MS, MS));
        assertTrue(estimator.onReport(wrapped, T0 + 40 * MS));
        assertFalse(estimator.onReport(report(Integer.MAX_VALUE, TAIL_OFFSET + 60 * MS,
            member(0, 90, 90_000, MS, MS)), T0 + 60 * MS));
        assertSame(wrapped, estimator.lastReport());
        // the ignored reports changed nothing: 20,000 bytes in 20 ms twice -> 1 MB/s
        assertEquals(1_000_000L, estimator.status(0).deliveryRateBytesPerSec());

        final BondEstimator other = new BondEstimator(1, null, SETTINGS);
        assertTrue(other.onReport(report(-1, TAIL_OFFSET, member(0, 10, 10_000, MS, MS)), T0));
        assertTrue(other.onReport(report(0, TAIL_OFFSET + MS, member(0, 11, 11_000, MS, MS)), T0 + MS));
        assertFalse(other.onReport(report(-1, TAIL_OFFSET + 2 * MS, member(0, 12, 12_000, MS, MS)), T0 + 2 * MS));
        assertFalse(other.onReport(report(0, TAIL_OFFSET + 2 * MS, member(0, 12, 12_000, MS, MS)), T0 + 2 * MS));
        assertTrue(other.onReport(report(1, TAIL_OFFSET + 2 * MS, member(0, 12, 12_000, MS, MS)), T0 + 2 * MS));
    }

    @Test
    void staleFeedbackResynchronisesTheReportSequence()
    {
        final BondEstimator estimator = new BondEstimator(1, null, SETTINGS);
        estimator.sent(0, 1_000_000, 1_000_000_000L, 999_999);
        assertTrue(estimator.onReport(report(5_000_000, TAIL_OFFSET, member(0, 1_000_000, 1_000_000_000L, MS, MS)),
            T0));
        assertFalse(estimator.onReport(report(0, 7, member(0, 1, 1000, MS, MS)),
            T0 + SETTINGS.feedbackTimeoutNs() - 1));
        // the tail restarted and numbers from 0; once feedback is stale its reports are taken again
        final long t = T0 + SETTINGS.feedbackTimeoutNs();
        assertTrue(estimator.feedbackStale(t));
        assertTrue(estimator.onReport(report(1, 7, member(0, 1, 1000, MS, MS)), t));
        assertFalse(estimator.feedbackStale(t));
        assertFalse(estimator.onReport(report(1, 8, member(0, 2, 2000, MS, MS)), t + MS));
        assertTrue(estimator.onReport(report(2, 7 + 20 * MS, member(0, 21, 21_000, MS, MS)), t + 20 * MS));
        assertEquals(1_000_000L, estimator.status(0).deliveryRateBytesPerSec());
    }

    @Test
    void evaluateReturnsANewObjectOnlyOnChange()
    {
        final BondEstimator estimator = new BondEstimator(1, null, SETTINGS);
        final BondParams p0 = estimator.evaluate(T0);
        assertSame(p0, estimator.evaluate(T0 + MS));
        estimator.onReport(report(1, TAIL_OFFSET, member(0, 10, 10_000, MS, MS)), T0 + 2 * MS);
        estimator.onReport(report(2, TAIL_OFFSET + 20 * MS, member(0, 20, 20_000, MS, 40 * MS)), T0 + 22 * MS);
        final BondParams p1 = estimator.evaluate(T0 + 23 * MS);
        assertNotSame(p0, p1);
        assertEquals(p0.version() + 1, p1.version());
        assertSame(p1, estimator.evaluate(T0 + 24 * MS));
    }

    // ---------------------------------------------------------------------------------------------------------
    // closed loop: scheduler + estimator + a simulated tail over two FIFO paths

    /** A FIFO path: a queue draining at the true rate (tail drop beyond {@code maxQueueNs}), then a fixed delay. */
    private static final class Path
    {
        final long propagationNs;
        long rate;
        final long maxQueueNs = 50 * MS;
        final ArrayDeque<long[]> inFlight = new ArrayDeque<>(); // arrival, bytes, member seq, send time, probe
        double busyUntil;
        boolean dead;

        Path(final long rate, final long propagationNs)
        {
            this.rate = rate;
            this.propagationNs = propagationNs;
        }

        void send(final long now, final int bytes, final int memberSeq, final boolean probe)
        {
            if (dead)
            {
                return;
            }
            final double start = Math.max(now, busyUntil);
            if (start - now > maxQueueNs)
            {
                return;
            }
            busyUntil = start + bytes * 1e9 / rate;
            inFlight.add(new long[] {(long)busyUntil + propagationNs, bytes, memberSeq, now, probe ? 1 : 0});
        }
    }

    /** The simulated tail: per member counts, interval delays, goodput by 10 ms bins of arrival time. */
    private static final class Tail
    {
        final Path[] paths;
        final long[] packets;
        final long[] bytes;
        final int[] highest;
        final long[][] goodput; // [member][10 ms bin]
        int sequence = 12345;

        Tail(final Path[] paths, final int bins)
        {
            this.paths = paths;
            packets = new long[paths.length];
            bytes = new long[paths.length];
            highest = new int[paths.length];
            goodput = new long[paths.length][bins];
        }

        FeedbackReport report(final long now)
        {
            final List<MemberReport> members = new ArrayList<>();
            for (int m = 0; m < paths.length; m++)
            {
                long min = Long.MAX_VALUE;
                long max = Long.MIN_VALUE;
                long sum = 0;
                int n = 0;
                while (!paths[m].inFlight.isEmpty() && paths[m].inFlight.peek()[0] <= now)
                {
                    final long[] p = paths[m].inFlight.poll();
                    packets[m]++;
                    bytes[m] += p[1];
                    highest[m] = (int)p[2];
                    final long owd = p[0] + TAIL_OFFSET - p[3];
                    min = Math.min(min, owd);
                    max = Math.max(max, owd);
                    sum += owd;
                    n++;
                    if (p[4] == 0)
                    {
                        final int bin = (int)((p[0] - T0) / (10 * MS));
                        if (bin < goodput[m].length)
                        {
                            goodput[m][bin] += p[1];
                        }
                    }
                }
                members.add(new MemberReport(m, highest[m], packets[m], bytes[m], min, n == 0 ? 0 : sum / n, max));
            }
            return new FeedbackReport(1, 0, sequence++, now + TAIL_OFFSET, 0, 2 * MS, 0, 0, 0, 0, members);
        }

        /** Goodput (bytes per second) of the member, or of all when m < 0, over [fromNs, toNs) after T0. */
        double goodput(final int m, final long fromNs, final long toNs)
        {
            long sum = 0;
            for (int i = 0; i < paths.length; i++)
            {
                if (m < 0 || m == i)
                {
                    for (long bin = fromNs / (10 * MS); bin < toNs / (10 * MS); bin++)
                    {
                        sum += goodput[i][(int)bin];
                    }
                }
            }
            return sum * 1e9 / (toNs - fromNs);
        }
    }

    /**
     * The head (scheduler, estimator, a sender offering {@code step}-spaced 1250-byte packets, evaluation every
     * 5 ms), two FIFO paths and the tail (a report every 20 ms, arriving 15 ms later).
     */
    private static final class ClosedLoop
    {
        static final int SIZE = 1250;
        final long stepNs;
        final Path[] paths;
        final Tail tail;
        final BondEstimator estimator;
        final BondScheduler scheduler;
        final ArrayDeque<Object[]> feedback = new ArrayDeque<>();
        final int[] nextSeq;
        final long[] sentPackets;
        final long[] sentBytes;
        final int[][] picks; // [member][10 ms bin]
        final List<Long> probesOn0 = new ArrayList<>();
        long rel;

        ClosedLoop(final long stepNs, final long endNs, final Path... paths)
        {
            this.stepNs = stepNs;
            this.paths = paths;
            final int bins = (int)(endNs / (10 * MS)) + 10;
            tail = new Tail(paths, bins);
            final long[] hints = new long[paths.length];
            Arrays.fill(hints, 10 * MBIT);
            estimator = new BondEstimator(paths.length, hints, SETTINGS);
            scheduler = new BondScheduler(estimator.params());
            nextSeq = new int[paths.length];
            sentPackets = new long[paths.length];
            sentBytes = new long[paths.length];
            picks = new int[paths.length][bins];
        }

        void runUntil(final long endRel)
        {
            for (; rel < endRel; rel += stepNs)
            {
                final long now = T0 + rel;
                while (!feedback.isEmpty() && (long)feedback.peek()[0] <= now)
                {
                    estimator.onReport((FeedbackReport)feedback.poll()[1], now);
                    scheduler.params(estimator.params());
                }
                if (rel % (5 * MS) == 0)
                {
                    for (int m = 0; m < paths.length; m++)
                    {
                        estimator.sent(m, sentPackets[m], sentBytes[m], nextSeq[m] - 1);
                    }
                    scheduler.params(estimator.evaluate(now));
                }
                if (rel % (20 * MS) == 0)
                {
                    feedback.add(new Object[] {now + 15 * MS, tail.report(now)});
                }
                final int m = scheduler.pick(now, SIZE);
                if (m >= 0)
                {
                    send(m, now, false);
                    picks[m][(int)(rel / (10 * MS))]++;
                }
                final int p = scheduler.probe(now);
                if (p >= 0)
                {
                    send(p, now, true);
                    if (p == 0)
                    {
                        probesOn0.add(rel);
                    }
                }
            }
        }

        private void send(final int m, final long now, final boolean probe)
        {
            paths[m].send(now, SIZE, nextSeq[m]++, probe);
            sentPackets[m]++;
            sentBytes[m] += SIZE;
        }

        /** Packets picked for member m (probes aside) in [fromNs, toNs) after T0. */
        long picks(final int m, final long fromNs, final long toNs)
        {
            long sum = 0;
            for (long bin = fromNs / (10 * MS); bin < toNs / (10 * MS); bin++)
            {
                sum += picks[m][(int)bin];
            }
            return sum;
        }

        /** The first 10 ms bin at or after fromNs in which member m got a packet, as a time after T0, or -1. */
        long firstPick(final int m, final long fromNs)
        {
            for (long bin = fromNs / (10 * MS); bin < picks[m].length; bin++)
            {
                if (picks[m][(int)bin] > 0)
                {
                    return bin * 10 * MS;
                }
            }
            return -1;
        }

        /** The last 10 ms bin before toNs in which member m got a packet, as a time after T0, or -1. */
        long lastPick(final int m, final long toNs)
        {
            for (long bin = toNs / (10 * MS) - 1; bin >= 0; bin--)
            {
                if (picks[m][(int)bin] > 0)
                {
                    return bin * 10 * MS;
                }
            }
            return -1;
        }
    }

    @Test
    void closedLoopFindsTheCapacitiesFollowsADeathAndARecovery()
    {
        final long death = 2 * SECOND;
        final long recovery = 4 * SECOND;
        final long end = 6 * SECOND;
        // true capacities 20 and 10 Mbit/s, both estimated at 10 first; 40 Mbit/s offered
        final ClosedLoop loop =
            new ClosedLoop(250_000L, end, new Path(20 * MBIT, 10 * MS), new Path(10 * MBIT, 30 * MS));
        final Tail tail = loop.tail;
        final double sum = 30 * MBIT;

        loop.runUntil(SECOND);
        final MemberStatus s0 = loop.estimator.status(0);
        final MemberStatus s1 = loop.estimator.status(1);
        final double first = tail.goodput(-1, 750 * MS, 950 * MS);
        System.out.printf("closed loop: goodput %.1f Mbit/s at 0.75-0.95 s; status %s / %s%n", first / MBIT, s0, s1);
        assertTrue(first >= 0.9 * sum, "goodput " + first / MBIT + " Mbit/s in 0.75-0.95 s");
        assertEquals(20 * MBIT, s0.capacityBytesPerSec(), 0.1 * 20 * MBIT);
        assertEquals(10 * MBIT, s1.capacityBytesPerSec(), 0.1 * 10 * MBIT);
        assertEquals(20 * MS, s1.relativeDelayNs(), MS);
        assertEquals(2.0, (double)loop.picks(0, 500 * MS, SECOND) / loop.picks(1, 500 * MS, SECOND), 0.2);

        // the death: member 0 out of use within 1 s, probed every 50 ms until it recovers
        loop.runUntil(death);
        loop.paths[0].dead = true;
        loop.runUntil(recovery);
        final long lastPick = loop.lastPick(0, recovery);
        System.out.printf("closed loop: last pick on the dead member %d ms after its death%n", (lastPick - death) / MS);
        assertTrue(lastPick >= death && lastPick < death + SECOND,
            "last pick on the dead member " + (lastPick - death) / MS + " ms after its death");
        assertEquals(MemberState.DOWN, loop.estimator.status(0).state());
        final long probesWhileDown = loop.probesOn0.stream().filter(t -> t >= death && t < recovery).count();
        assertTrue(probesWhileDown >= 30 && probesWhileDown <= 40, probesWhileDown + " probes while down");
        assertEquals(0.0, tail.goodput(0, death + 500 * MS, recovery));
        assertTrue(tail.goodput(1, death + 500 * MS, recovery) >= 0.95 * 10 * MBIT);

        // the recovery: back in use within 1 s, the sum reached again
        loop.paths[0].dead = false;
        loop.runUntil(end);
        final long back = loop.firstPick(0, recovery);
        final double after = tail.goodput(-1, recovery + 750 * MS, recovery + 950 * MS);
        System.out.printf("closed loop: first pick on the recovered member %d ms after recovery; goodput %.1f Mbit/s"
            + " at +0.75-0.95 s%n", (back - recovery) / MS, after / MBIT);
        assertTrue(back >= recovery && back < recovery + SECOND, "back after " + (back - recovery) / MS + " ms");
        assertTrue(tail.goodput(0, recovery + 750 * MS, recovery + 950 * MS) >= 0.5 * 20 * MBIT);
        assertTrue(after >= 0.9 * sum, "goodput " + after / MBIT + " Mbit/s after the recovery");
        assertFalse(loop.estimator.feedbackStale(T0 + end));
    }

    @Test
    void closedLoopFollowsAMemberThatSlowsAndSpeedsUp()
    {
        // 20 Mbit/s offered over 20 + 10 Mbit/s: room to spare
        final ClosedLoop loop = new ClosedLoop(500_000L, 4 * SECOND, new Path(20 * MBIT, 10 * MS),
            new Path(10 * MBIT, 20 * MS));
        final Tail tail = loop.tail;
        loop.runUntil(SECOND);
        assertTrue(tail.goodput(-1, 750 * MS, 950 * MS) >= 0.95 * 20 * MBIT);

        // member 0 drops to 5 Mbit/s: within 1 s the estimate follows and the bond carries 15 of the 20 offered
        loop.paths[0].rate = 5 * MBIT;
        loop.runUntil(2 * SECOND);
        final MemberStatus slowed = loop.estimator.status(0);
        final double slow = tail.goodput(-1, 1750 * MS, 1950 * MS);
        System.out.printf("closed loop: slowed to 5 Mbit/s: %s, goodput %.1f Mbit/s%n", slowed, slow / MBIT);
        assertEquals(5 * MBIT, slowed.capacityBytesPerSec(), 0.15 * 5 * MBIT);
        assertTrue(slow >= 0.9 * 15 * MBIT, "goodput " + slow / MBIT + " Mbit/s");

        // back to 20 Mbit/s: probed upward, within 1 s the bond carries the 20 offered again
        loop.paths[0].rate = 20 * MBIT;
        loop.runUntil(3 * SECOND);
        final double fast = tail.goodput(-1, 2750 * MS, 2950 * MS);
        System.out.printf("closed loop: back to 20 Mbit/s: %s, goodput %.1f Mbit/s%n", loop.estimator.status(0),
            fast / MBIT);
        assertTrue(fast >= 0.95 * 20 * MBIT, "goodput " + fast / MBIT + " Mbit/s");
    }
}
