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

import java.util.List;
import java.util.Objects;

/**
 * The BGP speaker's one writer of the forwarding state: routes ({@link RouteSink}) and local SIDs
 * ({@link LocalSidSink}) go into one {@link ForwardingStateBuilder} started from the current snapshot (so the
 * configured state and everything BGP installed before stay), and {@link #flush()} publishes it through the
 * {@link JournalingPublisher}, which journals every change with the batch's BGP cause (the first change's cause;
 * a batch mixing causes says how many changes had another). A batch also flushes by
 * itself at {@code maxBatch} changes. Speaker thread only.
 */
public final class ForwardingWriter implements RouteSink, LocalSidSink
{
    private final JournalingPublisher journaling;
    private final int maxBatch;
    private ForwardingStateBuilder batch;
    private int pending;
    private String firstCause;
    private int causes;
    private long published;

    /**
     * @param journaling where snapshots are published and journaled
     * @param maxBatch   changes after which a batch is published without waiting for {@link #flush()}
     */
    public ForwardingWriter(final JournalingPublisher journaling, final int maxBatch)
    {
        if (maxBatch < 1)
        {
            throw new IllegalArgumentException("maxBatch must be >= 1, got " + maxBatch);
        }
        this.journaling = Objects.requireNonNull(journaling, "journaling");
        this.maxBatch = maxBatch;
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
        try
        {
            journaling.publish(batch.build(), cause);
            published++;
        }
        finally
        {
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
        pending++;
        if (firstCause == null)
        {
            firstCause = cause;
            causes = 1;
        }
        else if (!firstCause.equals(cause))
        {
            causes++;
        }
        if (pending >= maxBatch)
        {
            flush();
        }
    }
}
