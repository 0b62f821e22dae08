package net.srv6epe.srv6.bond;

import java.util.Objects;

/**
 * The head end's model of one (bond, stream), fed by the tail's feedback reports; turns them into the
 * schedulers' {@link BondParams} (docs/BONDING.md, "Head end: scheduler and estimator"). Runs on the bond agent's
 * thread; not thread safe. Times are the head end's ({@code nowNs}, any monotonic origin) except the reports' tail
 * times, which are only ever subtracted from each other.
 *
 * <p>Per member, from each accepted report (compared with the member's previous report):
 * <ul>
 *   <li><b>delivery rate</b> = bytes received / tail time between the two reports, smoothed by an EWMA with
 *       weight {@link #RATE_ALPHA} on the new sample (the first sample is taken as is);</li>
 *   <li><b>base delay</b> = the smallest {@code owdMinNs} seen within {@code baseWindowNs}, a rolling minimum
 *       over {@link #BASE_BUCKETS} buckets of head time; <b>relative delay</b> = base - the smallest base of all
 *       members that have one (0 for a member without one);</li>
 *   <li><b>queueing</b> = the interval's {@code owdMeanNs} - base (0 when nothing arrived);</li>
 *   <li><b>loss</b> = member sequences covered (serial arithmetic on the 32-bit sequence) - packets received,
 *       counted only once the member had received before;</li>
 *   <li><b>capacity</b>: queueing &gt; {@code queueThresholdNs} or loss &gt; 0: full, capacity = the delivery rate
 *       (never below {@link #CAPACITY_FLOOR_BYTES_PER_SEC}); else a delivery rate &gt;=
 *       {@link #PROBE_UP_LOAD} x capacity: capacity = max(capacity x {@link #PROBE_UP_FACTOR}, delivery rate);
 *       else unchanged. A member that is down keeps its capacity.</li>
 * </ul>
 *
 * <p>Liveness: a member is <i>outstanding</i> when the head has sent on it beyond what the tail reports (the last
 * member sequence sent is after the highest reported, or nothing was ever reported for it); the time it became
 * outstanding is noted at the next {@link #evaluate}/{@link #onReport}, and again whenever the reported count
 * moves. Outstanding for {@code deadAfterNs} since then: {@link MemberState#DOWN}. A report showing its received
 * count grew brings it back as {@link MemberState#PROBING} at half its capacity of before (the report that shows
 * the recovery updates no capacity, and the delivery rate restarts), {@link MemberState#UP} again once it is found
 * full or has regained its capacity of before.
 *
 * <p>No report accepted for {@code feedbackTimeoutNs} (counted from the first call when none ever was): feedback
 * is stale, the published parameters mark every member up at its last capacity; liveness keeps being evaluated,
 * so when reports resume a member still silent is down at once.
 */
public final class BondEstimator
{
    /** Weight of a new delivery-rate sample in the EWMA. */
    public static final double RATE_ALPHA = 0.5;

    /** Factor by which a member that carries nearly its capacity without queueing or loss is probed upward. */
    public static final double PROBE_UP_FACTOR = 1.1;

    /** The share of its capacity a member must deliver to be probed upward. */
    public static final double PROBE_UP_LOAD = 0.9;

    /** The smallest capacity ever estimated: 12.5 kB/s (100 kbit/s). */
    public static final long CAPACITY_FLOOR_BYTES_PER_SEC = 12_500L;

    /** The number of buckets of the rolling minimum of the base delay. */
    public static final int BASE_BUCKETS = 10;

    private static final double NS_PER_SECOND = 1e9;

    /**
     * The estimator's settings (docs/BONDING.md, "Configuration").
     *
     * @param probeIntervalNs   how often a down member gets a probe copy (default 50 ms)
     * @param deadAfterNs       how long a member may leave sent packets unreported before it is down (120 ms)
     * @param feedbackTimeoutNs how long without an accepted report before feedback is stale (1 s)
     * @param queueThresholdNs  the queueing above which a member is full (5 ms)
     * @param baseWindowNs      the window of the base delay's rolling minimum (10 s)
     */
    public record Settings(
        long probeIntervalNs,
        long deadAfterNs,
        long feedbackTimeoutNs,
        long queueThresholdNs,
        long baseWindowNs)
    {
        /** Validates the settings. */
        public Settings
        {
            if (probeIntervalNs <= 0 || deadAfterNs <= 0 || feedbackTimeoutNs <= 0 || queueThresholdNs < 0
                || baseWindowNs < BASE_BUCKETS)
            {
                throw new IllegalArgumentException("bad bond estimator settings: probeIntervalNs=" + probeIntervalNs
                    + " deadAfterNs=" + deadAfterNs + " feedbackTimeoutNs=" + feedbackTimeoutNs
                    + " queueThresholdNs=" + queueThresholdNs + " baseWindowNs=" + baseWindowNs);
            }
        }

        /** The defaults: probe 50 ms, dead after 120 ms, feedback timeout 1 s, queue threshold 5 ms, base 10 s. */
        public static Settings defaults()
        {
            return new Settings(50_000_000L, 120_000_000L, 1_000_000_000L, 5_000_000L, 10_000_000_000L);
        }
    }

    private final int memberCount;
    private final Settings settings;
    private final Member[] members;
    private final long bucketNs;
    private BondParams params;
    private FeedbackReport lastReport;
    private boolean haveReport;
    private int lastReportSequence;
    private boolean clockStarted;
    private long lastAcceptedNs;

    /**
     * An estimator before any feedback: every member up at its capacity hint.
     *
     * @param memberCount the number of members
     * @param capacityHintBytesPerSec per member the first capacity estimate, 0 (or a null array) for unknown
     *     ({@link BondParams#DEFAULT_RATE_BYTES_PER_SEC})
     * @param settings the settings
     */
    public BondEstimator(final int memberCount, final long[] capacityHintBytesPerSec, final Settings settings)
    {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.params = BondParams.initial(memberCount, capacityHintBytesPerSec, settings.probeIntervalNs());
        this.memberCount = memberCount;
        this.members = new Member[memberCount];
        for (int m = 0; m < memberCount; m++)
        {
            members[m] = new Member(Math.max(CAPACITY_FLOOR_BYTES_PER_SEC, params.rateBytesPerSec(m)));
        }
        this.bucketNs = settings.baseWindowNs() / BASE_BUCKETS;
    }

    /**
     * Takes a decoded report. A report whose sequence is not newer than the last accepted one (serial arithmetic
     * on 32 bits) is ignored, except while feedback is stale: then any report is taken and its sequence becomes
     * the reference (a restarted tail numbers from anew; without this its reports could be ignored for hours).
     * Entries for members the bond does not have are skipped; a member whose cumulative counts went backwards
     * (a new tail) takes them as its new baseline.
     *
     * @param report the report
     * @param nowNs the head's time of arrival
     * @return whether the report was accepted
     */
    public boolean onReport(final FeedbackReport report, final long nowNs)
    {
        Objects.requireNonNull(report, "report");
        startClock(nowNs);
        if (haveReport && report.reportSequence() - lastReportSequence <= 0 && !feedbackStale(nowNs))
        {
            return false;
        }
        haveReport = true;
        lastReportSequence = report.reportSequence();
        lastAcceptedNs = nowNs;
        lastReport = report;
        for (final MemberReport r : report.members())
        {
            if (r.member() >= 0 && r.member() < memberCount)
            {
                update(members[r.member()], r, report.tailTimeNs(), nowNs);
            }
        }
        relativeDelays();
        publish(nowNs);
        return true;
    }

    /**
     * What the head sent so far on a member (the workers count these; probe copies included).
     *
     * @param member the member
     * @param packets packets sent (cumulative)
     * @param bytes bytes sent (cumulative)
     * @param lastMemberSeq the last member sequence used
     */
    public void sent(final int member, final long packets, final long bytes, final int lastMemberSeq)
    {
        Objects.checkIndex(member, memberCount);
        final Member mm = members[member];
        mm.sentPackets = packets;
        mm.sentBytes = bytes;
        mm.sentSeq = lastMemberSeq;
    }

    /**
     * Re-evaluates liveness and the feedback timeout at {@code nowNs} (the agent calls this every few ms, reports
     * or not).
     *
     * @param nowNs the head's time
     * @return the current parameters: a new object (with a higher version) only when something changed
     */
    public BondParams evaluate(final long nowNs)
    {
        startClock(nowNs);
        publish(nowNs);
        return params;
    }

    /** The parameters last published. */
    public BondParams params()
    {
        return params;
    }

    /**
     * The operator's view of member {@code m}.
     *
     * @param m the member
     * @return its status as of the last report or evaluation
     */
    public MemberStatus status(final int m)
    {
        Objects.checkIndex(m, memberCount);
        final Member mm = members[m];
        double usable = 0;
        for (int i = 0; i < memberCount; i++)
        {
            if (params.up(i))
            {
                usable += params.rateBytesPerSec(i);
            }
        }
        final double weight = params.up(m) && usable > 0 ? params.rateBytesPerSec(m) / usable : 0;
        return new MemberStatus(mm.state, Math.round(mm.capacity), mm.rateValid ? Math.round(mm.rate) : 0,
            mm.relativeDelayNs, mm.queueingNs, mm.lossRatio, weight);
    }

    /**
     * Whether no report was accepted for the feedback timeout (counted from the first call when none ever was).
     *
     * @param nowNs the head's time
     * @return true when the schedulers run blind
     */
    public boolean feedbackStale(final long nowNs)
    {
        return clockStarted && nowNs - lastAcceptedNs >= settings.feedbackTimeoutNs();
    }

    /** The last accepted report, or null before the first. */
    public FeedbackReport lastReport()
    {
        return lastReport;
    }

    /** The settings. */
    public Settings settings()
    {
        return settings;
    }

    private void startClock(final long nowNs)
    {
        if (!clockStarted)
        {
            clockStarted = true;
            lastAcceptedNs = nowNs;
        }
    }

    private void update(final Member mm, final MemberReport r, final long tailTimeNs, final long nowNs)
    {
        if (r.hasDelay())
        {
            mm.baseNs = mm.addBase(r.owdMinNs(), nowNs, bucketNs);
            mm.baseValid = true;
            mm.queueingNs = Math.max(0, r.owdMeanNs() - mm.baseNs);
        }
        else
        {
            mm.queueingNs = 0;
        }
        if (!mm.reported || r.receivedPackets() < mm.reportedPackets || r.receivedBytes() < mm.reportedBytes)
        {
            // the first report of the member, or counts that went backwards (a new tail): a new baseline
            mm.reported = true;
            mm.lastTailTimeNs = tailTimeNs;
            mm.reportedPackets = r.receivedPackets();
            mm.reportedBytes = r.receivedBytes();
            mm.reportedHighest = r.highestMemberSeq();
            mm.lossRatio = 0;
            if (r.receivedPackets() > 0)
            {
                mm.waiting = false;
                if (mm.state == MemberState.DOWN)
                {
                    recover(mm);
                }
            }
            return;
        }

        final long elapsedNs = tailTimeNs - mm.lastTailTimeNs;
        final long deltaPackets = r.receivedPackets() - mm.reportedPackets;
        final long deltaBytes = r.receivedBytes() - mm.reportedBytes;
        long lost = 0;
        mm.lossRatio = 0;
        if (mm.reportedPackets > 0)
        {
            final int covered = r.highestMemberSeq() - mm.reportedHighest;
            if (covered > 0)
            {
                lost = Math.max(0, covered - Math.max(0, deltaPackets));
                mm.lossRatio = Math.min(1.0, (double)lost / covered);
            }
        }
        if (elapsedNs > 0)
        {
            final double sample = Math.max(0, deltaBytes) * NS_PER_SECOND / elapsedNs;
            mm.rate = mm.rateValid ? RATE_ALPHA * sample + (1 - RATE_ALPHA) * mm.rate : sample;
            mm.rateValid = true;
        }
        mm.lastTailTimeNs = tailTimeNs;
        mm.reportedPackets = r.receivedPackets();
        mm.reportedBytes = r.receivedBytes();
        mm.reportedHighest = r.highestMemberSeq();

        final boolean moved = deltaPackets > 0;
        if (moved)
        {
            mm.waiting = false;
        }
        if (mm.state == MemberState.DOWN)
        {
            if (moved)
            {
                recover(mm);
            }
            return;
        }

        final boolean full = mm.queueingNs > settings.queueThresholdNs() || lost > 0;
        if (full)
        {
            mm.capacity = Math.max(CAPACITY_FLOOR_BYTES_PER_SEC, mm.rateValid ? mm.rate : mm.capacity);
            if (mm.state == MemberState.PROBING)
            {
                mm.state = MemberState.UP;
            }
        }
        else if (mm.rateValid && mm.rate >= PROBE_UP_LOAD * mm.capacity)
        {
            mm.capacity = Math.max(mm.capacity * PROBE_UP_FACTOR, mm.rate);
            if (mm.state == MemberState.PROBING && mm.capacity >= mm.capacityBeforeDown)
            {
                mm.state = MemberState.UP;
            }
        }
    }

    private static void recover(final Member mm)
    {
        mm.state = MemberState.PROBING;
        mm.capacity = Math.max(CAPACITY_FLOOR_BYTES_PER_SEC, mm.capacityBeforeDown / 2);
        mm.rateValid = false;
        mm.rate = 0;
    }

    private void relativeDelays()
    {
        long smallest = Long.MAX_VALUE;
        for (final Member mm : members)
        {
            if (mm.baseValid && mm.baseNs < smallest)
            {
                smallest = mm.baseNs;
            }
        }
        for (final Member mm : members)
        {
            mm.relativeDelayNs = mm.baseValid ? mm.baseNs - smallest : 0;
        }
    }

    private void liveness(final long nowNs)
    {
        for (final Member mm : members)
        {
            final boolean outstanding = mm.sentPackets > 0
                && (mm.reportedPackets == 0 || mm.sentSeq - mm.reportedHighest > 0);
            if (!outstanding)
            {
                mm.waiting = false;
            }
            else if (!mm.waiting)
            {
                mm.waiting = true;
                mm.waitingSinceNs = nowNs;
            }
            else if (mm.state != MemberState.DOWN && nowNs - mm.waitingSinceNs >= settings.deadAfterNs())
            {
                mm.state = MemberState.DOWN;
                mm.capacityBeforeDown = mm.capacity;
            }
        }
    }

    private void publish(final long nowNs)
    {
        liveness(nowNs);
        final boolean blind = feedbackStale(nowNs);
        boolean changed = false;
        for (int m = 0; m < memberCount && !changed; m++)
        {
            final Member mm = members[m];
            changed = params.up(m) != (blind || mm.state.usable())
                || params.rateBytesPerSec(m) != publishedRate(mm)
                || params.delayNs(m) != mm.relativeDelayNs;
        }
        if (!changed)
        {
            return;
        }
        final boolean[] up = new boolean[memberCount];
        final long[] rate = new long[memberCount];
        final long[] delay = new long[memberCount];
        for (int m = 0; m < memberCount; m++)
        {
            final Member mm = members[m];
            up[m] = blind || mm.state.usable();
            rate[m] = publishedRate(mm);
            delay[m] = mm.relativeDelayNs;
        }
        params = BondParams.of(params.version() + 1, up, rate, delay, settings.probeIntervalNs());
    }

    private static long publishedRate(final Member mm)
    {
        return Math.max(1, Math.round(mm.capacity));
    }

    /** Per member state. */
    private static final class Member
    {
        MemberState state = MemberState.UP;
        double capacity;
        double capacityBeforeDown;
        double rate;
        boolean rateValid;

        boolean reported;
        long lastTailTimeNs;
        long reportedPackets;
        long reportedBytes;
        int reportedHighest;

        final long[] bucketMin = new long[BASE_BUCKETS];
        final long[] bucketEpoch = new long[BASE_BUCKETS];
        final boolean[] bucketUsed = new boolean[BASE_BUCKETS];
        long baseNs;
        boolean baseValid;
        long relativeDelayNs;
        long queueingNs;
        double lossRatio;

        long sentPackets;
        long sentBytes;
        int sentSeq;
        boolean waiting;
        long waitingSinceNs;

        Member(final double capacity)
        {
            this.capacity = capacity;
        }

        /** Adds a delay sample to the rolling minimum; returns the minimum over the window ending now. */
        long addBase(final long owdMinNs, final long nowNs, final long bucketNs)
        {
            final long epoch = Math.floorDiv(nowNs, bucketNs);
            final int slot = (int)Math.floorMod(epoch, (long)BASE_BUCKETS);
            if (!bucketUsed[slot] || bucketEpoch[slot] != epoch)
            {
                bucketUsed[slot] = true;
                bucketEpoch[slot] = epoch;
                bucketMin[slot] = owdMinNs;
            }
            else if (owdMinNs < bucketMin[slot])
            {
                bucketMin[slot] = owdMinNs;
            }
            long min = Long.MAX_VALUE;
            for (int i = 0; i < BASE_BUCKETS; i++)
            {
                if (bucketUsed[i] && epoch - bucketEpoch[i] < BASE_BUCKETS && bucketMin[i] < min)
                {
                    min = bucketMin[i];
                }
            }
            return min;
        }
    }
}
