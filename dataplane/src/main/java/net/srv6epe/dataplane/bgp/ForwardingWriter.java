package net.srv6epe.dataplane.bgp;

import net.srv6epe.bgp.role.LocalSidSink;
import net.srv6epe.dataplane.journal.JournalingPublisher;
import net.srv6epe.dataplane.journal.StateChange;
import net.srv6epe.vrf.ForwardingState;
import net.srv6epe.vrf.ForwardingStateBuilder;
import net.srv6epe.vrf.prefix.Ipv4Prefix;
import net.srv6epe.vrf.prefix.Ipv6Prefix;
import net.srv6epe.vrf.route.RouteAction;
import net.srv6epe.vrf.sid.LocalSid;
import net.srv6epe.vrf.sink.RouteSink;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * The BGP speaker's one writer of the forwarding state: routes ({@link RouteSink}) and local SIDs
 * ({@link LocalSidSink}) go into one {@link ForwardingStateBuilder} started from the current snapshot (so the
 * configured state and everything BGP installed before stay), and {@link #flush()} publishes it through the
 * {@link JournalingPublisher}, which journals every change with the batch's BGP cause (the first change's cause;
 * a batch mixing causes says how many changes had another). A batch also flushes by
 * itself at {@code maxBatch} changes. Speaker thread only.
 *
 * <h2>Coalescing</h2>
 * A snapshot costs time proportional to the FIB slots its batch touched (and the journal to its changes), so a
 * full table pushed one UPDATE per snapshot would rebuild most of the table hundreds of times. The roles are
 * therefore given {@link #deferred()}, whose {@code flush()} only ends a role batch; the agent calls
 * {@link #publishIfDue} once per round: a batch is published at once when no more input is waiting (a single
 * change becomes visible within one round), and while input keeps coming only once it is older than
 * {@value #COALESCE_FACTOR} times what the last publish cost (at least {@value #MIN_COALESCE_MS} ms, at most
 * {@value #MAX_COALESCE_MS} ms): publishing then takes at most about a fifth of the thread, whatever the table
 * size, and no change waits longer than the bound plus one publish. Every change is still journaled, each batch
 * with its cause.
 */
public final class ForwardingWriter implements RouteSink, LocalSidSink
{
    /** Batch age, in multiples of the last publish's cost, after which a batch is published during a flood. */
    public static final int COALESCE_FACTOR = 4;
    /** Shortest coalescing delay while input keeps coming. */
    public static final long MIN_COALESCE_MS = 1;
    /** Longest coalescing delay while input keeps coming. */
    public static final long MAX_COALESCE_MS = 1_000;

    private final JournalingPublisher journaling;
    private final int maxBatch;
    private final NanoClock clock;
    private final Deferred deferred = new Deferred();
    private ForwardingStateBuilder batch;
    private int pending;
    private String firstCause;
    private int causes;
    private String lastCause;
    private boolean lastCauseIsFirst;
    private long published;
    private long batchStartNs;
    private long lastPublishCostNs;

    /**
     * @param journaling where snapshots are published and journaled
     * @param maxBatch   changes after which a batch is published without waiting for {@link #flush()}
     */
    public ForwardingWriter(final JournalingPublisher journaling, final int maxBatch)
    {
        this(journaling, maxBatch, SystemNanoClock.INSTANCE);
    }

    /**
     * @param journaling where snapshots are published and journaled
     * @param maxBatch   changes after which a batch is published without waiting for {@link #flush()}
     * @param clock      measures batch ages and publish costs for {@link #publishIfDue}
     */
    public ForwardingWriter(final JournalingPublisher journaling, final int maxBatch, final NanoClock clock)
    {
        if (maxBatch < 1)
        {
            throw new IllegalArgumentException("maxBatch must be >= 1, got " + maxBatch);
        }
        this.journaling = Objects.requireNonNull(journaling, "journaling");
        this.maxBatch = maxBatch;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * The view the roles write through: changes go into the current batch as with this writer, but
     * {@code flush()} only marks the end of a role batch and publishes nothing; {@link #publishIfDue} decides.
     */
    public Deferred deferred()
    {
        return deferred;
    }

    /**
     * Publishes the pending batch if it is due: at once when {@code moreInput} is false, else once the batch is
     * older than the coalescing delay (see the class comment).
     *
     * @param moreInput true while input is still arriving (the speaker read something this round)
     * @return true when a snapshot was published
     */
    public boolean publishIfDue(final boolean moreInput)
    {
        if (batch == null || pending == 0)
        {
            return false;
        }
        if (moreInput && clock.nanoTime() - batchStartNs < coalesceDelayNs())
        {
            return false;
        }
        flush();
        return true;
    }

    /** How long a batch may wait while input keeps coming, from the cost of the last publish. */
    public long coalesceDelayNs()
    {
        return Math.min(TimeUnit.MILLISECONDS.toNanos(MAX_COALESCE_MS),
            Math.max(TimeUnit.MILLISECONDS.toNanos(MIN_COALESCE_MS), COALESCE_FACTOR * lastPublishCostNs));
    }

    @Override
    public void install(final String vrf, final Ipv6Prefix prefix, final RouteAction action, final String cause)
    {
        batch().addRoute(vrf, prefix, action);
        changed(cause);
    }

    @Override
    public void withdraw(final String vrf, final Ipv6Prefix prefix, final String cause)
    {
        if (batch().removeRoute(vrf, prefix))
        {
            changed(cause);
        }
    }

    @Override
    public void install(final String vrf, final Ipv4Prefix prefix, final RouteAction action, final String cause)
    {
        batch().addRoute(vrf, prefix, action);
        changed(cause);
    }

    @Override
    public void withdraw(final String vrf, final Ipv4Prefix prefix, final String cause)
    {
        if (batch().removeRoute(vrf, prefix))
        {
            changed(cause);
        }
    }

    @Override
    public void install(final LocalSid sid, final String cause)
    {
        batch().addSid(sid);
        changed(cause);
    }

    @Override
    public void remove(final long sidHi, final long sidLo, final String cause)
    {
        if (batch().removeSid(sidHi, sidLo))
        {
            changed(cause);
        }
    }

    /** Adds a locator to the local SID table (the ASBR's, when no configured locator covers it). */
    public void addLocator(final Ipv6Prefix locator, final String cause)
    {
        batch().addLocator(locator);
        changed(cause);
    }

    /**
     * Publishes a whole snapshot (the compiled configuration at start) through the journaling publisher, from the
     * writer's thread: the route-event journal has one writer thread.
     */
    public void publish(final ForwardingState state, final String cause)
    {
        flush();
        journaling.publish(state, cause);
        published++;
    }

    /**
     * Flushes, then moves the published state from one configured base to another (a configuration reload),
     * keeping every route and SID BGP installed; journaled with {@code cause}.
     *
     * @return the changes journaled
     */
    public List<StateChange> rebase(final ForwardingState oldBase, final ForwardingState newBase, final String cause)
    {
        flush();
        final List<StateChange> changes = journaling.rebase(oldBase, newBase, cause);
        if (!changes.isEmpty())
        {
            published++;
        }
        return changes;
    }

    /** Changes waiting for the next flush. */
    public int pending()
    {
        return pending;
    }

    /** Snapshots published so far. */
    public long published()
    {
        return published;
    }

    @Override
    public long flush()
    {
        if (batch == null || pending == 0)
        {
            batch = null;
            return journaling.publisher().current().generation();
        }
        final String cause = causes > 1 ? firstCause + " (and " + (causes - 1) + " changes of other causes)" :
            firstCause;
        final long startNs = clock.nanoTime();
        try
        {
            journaling.publish(batch.build(), cause);
            published++;
        }
        finally
        {
            lastPublishCostNs = clock.nanoTime() - startNs;
            batch = null;
            pending = 0;
            firstCause = null;
            causes = 0;
        }
        return journaling.publisher().current().generation();
    }

    private ForwardingStateBuilder batch()
    {
        if (batch == null)
        {
            batch = journaling.publisher().builder();
        }
        return batch;
    }

    private void changed(final String cause)
    {
        if (pending++ == 0)
        {
            batchStartNs = clock.nanoTime();
        }
        if (firstCause == null)
        {
            firstCause = cause;
            causes = 1;
            lastCause = cause;
            lastCauseIsFirst = true;
        }
        else
        {
            if (cause != lastCause)
            {
                // one cause object per UPDATE: compare the text once per UPDATE, not once per route
                lastCause = cause;
                lastCauseIsFirst = firstCause.equals(cause);
            }
            if (!lastCauseIsFirst)
            {
                causes++;
            }
        }
        if (pending >= maxBatch)
        {
            flush();
        }
    }

    /**
     * The roles' view of the writer (see {@link #deferred()}): installs, withdrawals and SIDs go straight into the
     * batch; {@link #flush()} ends a role batch without publishing.
     */
    public final class Deferred implements RouteSink, LocalSidSink
    {
        private Deferred()
        {
        }

        @Override
        public void install(final String vrf, final Ipv6Prefix prefix, final RouteAction action, final String cause)
        {
            ForwardingWriter.this.install(vrf, prefix, action, cause);
        }

        @Override
        public void withdraw(final String vrf, final Ipv6Prefix prefix, final String cause)
        {
            ForwardingWriter.this.withdraw(vrf, prefix, cause);
        }

        @Override
        public void install(final String vrf, final Ipv4Prefix prefix, final RouteAction action, final String cause)
        {
            ForwardingWriter.this.install(vrf, prefix, action, cause);
        }

        @Override
        public void withdraw(final String vrf, final Ipv4Prefix prefix, final String cause)
        {
            ForwardingWriter.this.withdraw(vrf, prefix, cause);
        }

        @Override
        public void install(final LocalSid sid, final String cause)
        {
            ForwardingWriter.this.install(sid, cause);
        }

        @Override
        public void remove(final long sidHi, final long sidLo, final String cause)
        {
            ForwardingWriter.this.remove(sidHi, sidLo, cause);
        }

        /**
         * Ends a role batch; the agent publishes through {@link ForwardingWriter#publishIfDue}.
         *
         * @return the generation currently published (the batch is not in it yet)
         */
        @Override
        public long flush()
        {
            return journaling.publisher().current().generation();
        }
    }
}
