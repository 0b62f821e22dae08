package net.srv6epe.vrf.sink;

import net.srv6epe.vrf.ForwardingStateBuilder;
import net.srv6epe.vrf.ForwardingStatePublisher;
import net.srv6epe.vrf.prefix.Ipv4Prefix;
import net.srv6epe.vrf.prefix.Ipv6Prefix;
import net.srv6epe.vrf.route.RouteAction;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link RouteSink} over a {@link ForwardingStatePublisher}: changes go into a {@link ForwardingStateBuilder}
 * started from the current snapshot at the first change of a batch, and {@link #flush()} builds and publishes
 * the next snapshot. A batch also flushes by itself once it holds {@code maxBatch} changes, so a full-table
 * load publishes progressively instead of holding everything back. Must be the publisher's only writer while a
 * batch is open. Not thread safe.
 */
public final class PublishingRouteSink implements RouteSink
{
    private final ForwardingStatePublisher publisher;
    private final RouteChangeListener listener;
    private final int maxBatch;
    private final List<Change> changes = new ArrayList<>();
    private ForwardingStateBuilder batch;
    private int pending;

    /**
     * @param listener told about each published change, or null
     * @param maxBatch changes after which a batch is flushed without waiting for {@link #flush()}
     */
    public PublishingRouteSink(
        final ForwardingStatePublisher publisher, final RouteChangeListener listener, final int maxBatch)
    {
        if (maxBatch < 1)
        {
            throw new IllegalArgumentException("maxBatch must be >= 1, got " + maxBatch);
        }
        this.publisher = Objects.requireNonNull(publisher, "publisher");
        this.listener = listener;
        this.maxBatch = maxBatch;
    }

    @Override
    public void install(final String vrf, final Ipv6Prefix prefix, final RouteAction action, final String cause)
    {
        batch().addRoute(vrf, prefix, action);
        changed(vrf, prefix, action, cause);
    }

    @Override
    public void withdraw(final String vrf, final Ipv6Prefix prefix, final String cause)
    {
        if (batch().removeRoute(vrf, prefix))
        {
            changed(vrf, prefix, null, cause);
        }
    }

    @Override
    public void install(final String vrf, final Ipv4Prefix prefix, final RouteAction action, final String cause)
    {
        batch().addRoute(vrf, prefix, action);
        changed(vrf, prefix, action, cause);
    }

    @Override
    public void withdraw(final String vrf, final Ipv4Prefix prefix, final String cause)
    {
        if (batch().removeRoute(vrf, prefix))
        {
            changed(vrf, prefix, null, cause);
        }
    }

    /** Changes waiting for the next flush. */
    public int pending()
    {
        return pending;
    }

    @Override
    public long flush()
    {
        if (batch == null || pending == 0)
        {
            batch = null;
            return publisher.current().generation();
        }
        final long generation;
        try
        {
            publisher.publish(batch.build());
            generation = publisher.current().generation();
        }
        finally
        {
            batch = null;
            pending = 0;
        }
        if (listener != null)
        {
            for (final Change c : changes)
            {
                listener.onRouteChange(generation, c.vrf, c.prefix.toString(), c.action, c.cause);
            }
        }
        changes.clear();
        return generation;
    }

    private ForwardingStateBuilder batch()
    {
        if (batch == null)
        {
            batch = publisher.builder();
            changes.clear();
        }
        return batch;
    }

    private void changed(final String vrf, final Object prefix, final RouteAction action, final String cause)
    {
        pending++;
        if (listener != null)
        {
            changes.add(new Change(vrf, prefix, action, cause));
        }
        if (pending >= maxBatch)
        {
            flush();
        }
    }

    private record Change(String vrf, Object prefix, RouteAction action, String cause)
    {
    }
}
