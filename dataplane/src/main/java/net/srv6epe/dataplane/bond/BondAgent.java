package net.srv6epe.dataplane.bond;

import net.srv6epe.srv6.Ipv6Address;
import net.srv6epe.srv6.bond.BondEstimator;
import net.srv6epe.srv6.bond.BondParams;
import net.srv6epe.srv6.bond.FeedbackMessage;
import net.srv6epe.srv6.bond.FeedbackReport;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The head end's bond control loop (docs/BONDING.md), one agent on its own thread: decodes the feedback the
 * workers queued, feeds each (bond, stream)'s {@link BondEstimator} with the report and the stream's sent
 * counters, publishes the estimator's parameters to the stream's schedulers when they change, and keeps the
 * {@link BondStatus} snapshots {@code show bond} reads. Evaluates every {@link #EVALUATE_NS} even without reports
 * (liveness and the feedback timeout are judged by time).
 */
public final class BondAgent implements Agent
{
    /** How often each estimator is re-evaluated. */
    public static final long EVALUATE_NS = 5_000_000L;
    /** How often the operator's snapshots are rebuilt. */
    public static final long STATUS_NS = 100_000_000L;
    private static final int DRAIN_LIMIT = 64;
    private static final Logger LOG = LoggerFactory.getLogger(BondAgent.class);

    private final BondTable table;
    private final BondFeedbackQueue queue;
    private final NanoClock clock;
    private final BondEstimator[][] estimators;
    private final long[][] reports;
    private final long[][] lastReportNs;
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong ignored = new AtomicLong();
    private final AtomicLong malformed = new AtomicLong();
    private final AtomicLong unknownBond = new AtomicLong();
    private volatile String lastError;
    private volatile List<BondStatus> status;
    private long nextEvaluateNs;
    private long nextStatusNs;

    public BondAgent(final BondTable table, final BondFeedbackQueue queue, final NanoClock clock)
    {
        this.table = table;
        this.queue = queue;
        this.clock = clock;
        final List<Bond> bonds = table.bonds();
        estimators = new BondEstimator[bonds.size()][];
        reports = new long[bonds.size()][];
        lastReportNs = new long[bonds.size()][];
        for (int b = 0; b < bonds.size(); b++)
        {
            final Bond bond = bonds.get(b);
            estimators[b] = new BondEstimator[bond.streams()];
            reports[b] = new long[bond.streams()];
            lastReportNs[b] = new long[bond.streams()];
            for (int s = 0; s < bond.streams(); s++)
            {
                estimators[b][s] = new BondEstimator(bond.memberCount(), bond.capacityHints(), bond.settings());
            }
        }
        status = snapshot(clock.nanoTime());
    }

    @Override
    public int doWork()
    {
        final long now = clock.nanoTime();
        int work = queue.drain(this::onFeedback, DRAIN_LIMIT);
        if (now - nextEvaluateNs >= 0)
        {
            nextEvaluateNs = now + EVALUATE_NS;
            work += evaluate(now);
        }
        if (now - nextStatusNs >= 0)
        {
            nextStatusNs = now + STATUS_NS;
            status = snapshot(now);
        }
        return work;
    }

    private void onFeedback(final int type, final DirectBuffer buffer, final int index, final int length)
    {
        final FeedbackReport report;
        try
        {
            report = FeedbackMessage.decode(buffer, index, length);
        }
        catch (final IllegalArgumentException ex)
        {
            if (malformed.getAndIncrement() == 0 || !ex.getMessage().equals(lastError))
            {
                LOG.warn("bond feedback dropped: {}", ex.getMessage());
            }
            lastError = ex.getMessage();
            return;
        }
        final int b = indexOf(report.bondId());
        if (b < 0 || report.stream() >= estimators[b].length)
        {
            unknownBond.incrementAndGet();
            lastError = "feedback for bond id " + report.bondId() + " stream " + report.stream() +
                ", which this head end does not have";
            return;
        }
        final long now = clock.nanoTime();
        feedSent(b, report.stream());
        if (estimators[b][report.stream()].onReport(report, now))
        {
            accepted.incrementAndGet();
            reports[b][report.stream()]++;
            lastReportNs[b][report.stream()] = now;
            publish(b, report.stream(), estimators[b][report.stream()].evaluate(now));
        }
        else
        {
            ignored.incrementAndGet();
        }
    }

    private int indexOf(final int bondId)
    {
        final List<Bond> bonds = table.bonds();
        for (int b = 0; b < bonds.size(); b++)
        {
            if (bonds.get(b).id() == bondId)
            {
                return b;
            }
        }
        return -1;
    }

    private void feedSent(final int b, final int stream)
    {
        final Bond bond = table.bonds().get(b);
        for (int m = 0; m < bond.memberCount(); m++)
        {
            estimators[b][stream].sent(m, bond.sentPackets(stream, m), bond.sentBytes(stream, m),
                bond.sentLastSeq(stream, m));
        }
    }

    private int evaluate(final long now)
    {
        int changed = 0;
        for (int b = 0; b < estimators.length; b++)
        {
            for (int s = 0; s < estimators[b].length; s++)
            {
                feedSent(b, s);
                if (publish(b, s, estimators[b][s].evaluate(now)))
                {
                    changed++;
                }
            }
        }
        return changed;
    }

    private boolean publish(final int b, final int stream, final BondParams p)
    {
        final Bond bond = table.bonds().get(b);
        final BondParams current = bond.params(stream);
        if (p == current || p.sameValues(current))
        {
            return false;
        }
        if (current.anyUp() != p.anyUp() || upMask(current) != upMask(p))
        {
            LOG.info("bond {} stream {}: members up {}", bond.name(), stream, upNames(bond, p));
        }
        bond.publish(stream, p);
        return true;
    }

    private static int upMask(final BondParams p)
    {
        int mask = 0;
        for (int m = 0; m < p.memberCount(); m++)
        {
            mask |= p.up(m) ? 1 << m : 0;
        }
        return mask;
    }

    private static List<String> upNames(final Bond bond, final BondParams p)
    {
        final List<String> names = new ArrayList<>();
        for (int m = 0; m < p.memberCount(); m++)
        {
            if (p.up(m))
            {
                names.add(bond.memberName(m));
            }
        }
        return names;
    }

    private List<BondStatus> snapshot(final long now)
    {
        final List<BondStatus> all = new ArrayList<>();
        final List<Bond> bonds = table.bonds();
        for (int b = 0; b < bonds.size(); b++)
        {
            final Bond bond = bonds.get(b);
            final List<BondStatus.Stream> streams = new ArrayList<>();
            for (int s = 0; s < bond.streams(); s++)
            {
                boolean active = reports[b][s] > 0;
                final List<BondStatus.Member> members = new ArrayList<>();
                for (int m = 0; m < bond.memberCount(); m++)
                {
                    active |= bond.sentPackets(s, m) > 0;
                    members.add(new BondStatus.Member(bond.memberName(m), bond.memberSegments(m),
                        estimators[b][s].status(m), bond.sentPackets(s, m), bond.sentBytes(s, m),
                        bond.sentProbes(s, m)));
                }
                if (active || s == 0)
                {
                    streams.add(new BondStatus.Stream(s, reports[b][s] > 0 && estimators[b][s].feedbackStale(now),
                        reports[b][s] == 0 ? -1 : (now - lastReportNs[b][s]) / 1_000_000, reports[b][s],
                        estimators[b][s].lastReport(), members));
                }
            }
            all.add(new BondStatus(bond.name(), bond.id(), Ipv6Address.format(bond.sourceHi(), bond.sourceLo()),
                streams));
        }
        return List.copyOf(all);
    }

    /** The latest snapshots, one per bond in config order (any thread). */
    public List<BondStatus> status()
    {
        return status;
    }

    /** Reports accepted by an estimator. */
    public long reportsAccepted()
    {
        return accepted.get();
    }

    /** Reports not newer than the last accepted (duplicates over several reverse paths, reordering). */
    public long reportsIgnored()
    {
        return ignored.get();
    }

    /** Reports that did not decode. */
    public long reportsMalformed()
    {
        return malformed.get();
    }

    /** Reports about a bond id or stream this head end does not have. */
    public long reportsUnknownBond()
    {
        return unknownBond.get();
    }

    /** What was wrong with the last refused report, or null. */
    public String lastError()
    {
        return lastError;
    }

    @Override
    public String roleName()
    {
        return "srv6-epe-bond";
    }
}
