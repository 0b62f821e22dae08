package net.srv6epe.bgp.event;

import java.util.ArrayList;
import java.util.List;

/**
 * The last {@code capacity} route events in memory (oldest overwritten first), optionally passing each on to a
 * downstream listener (the journal). Written by the speaker thread; {@link #snapshot()} may be called from
 * another thread and sees a consistent copy (the methods are synchronized; one event is a few pointer writes).
 */
public final class RouteEventRing implements RouteEventListener
{
    private final RouteEvent[] events;
    private final RouteEventListener downstream;
    private long written;

    /**
     * @param capacity   events kept, at least 1
     * @param downstream told about each event too, or null
     */
    public RouteEventRing(final int capacity, final RouteEventListener downstream)
    {
        if (capacity < 1)
        {
            throw new IllegalArgumentException("route event ring capacity must be >= 1, got " + capacity);
        }
        this.events = new RouteEvent[capacity];
        this.downstream = downstream;
    }

    @Override
    public void onRouteEvent(final RouteEvent event)
    {
        synchronized (this)
        {
            events[(int)(written % events.length)] = event;
            written++;
        }
        if (downstream != null)
        {
            downstream.onRouteEvent(event);
        }
    }

    /** Events ever written (kept or overwritten). */
    public synchronized long written()
    {
        return written;
    }

    /** Events overwritten before being read by anyone: {@code written - capacity} when positive. */
    public synchronized long overwritten()
    {
        return Math.max(0, written - events.length);
    }

    /** The kept events, oldest first. */
    public synchronized List<RouteEvent> snapshot()
    {
        final int count = (int)Math.min(written, events.length);
        final List<RouteEvent> out = new ArrayList<>(count);
        for (long i = written - count; i < written; i++)
        {
            out.add(events[(int)(i % events.length)]);
        }
        return out;
    }
}
