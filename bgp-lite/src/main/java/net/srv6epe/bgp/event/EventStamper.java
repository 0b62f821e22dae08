package net.srv6epe.bgp.event;

import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;

import java.util.Objects;

/**
 * Stamps changes with both clocks and hands them to a {@link RouteEventListener}; the roles share one. Clocks are
 * injected so tests run without sleeping.
 */
public final class EventStamper
{
    private final EpochClock wallClock;
    private final NanoClock nanoClock;
    private final RouteEventListener listener;

    /**
     * @param listener where events go, or null for none
     */
    public EventStamper(final EpochClock wallClock, final NanoClock nanoClock, final RouteEventListener listener)
    {
        this.wallClock = Objects.requireNonNull(wallClock, "wallClock");
        this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
        this.listener = listener == null ? RouteEventListener.NONE : listener;
    }

    /** System clocks. */
    public static EventStamper system(final RouteEventListener listener)
    {
        return new EventStamper(System::currentTimeMillis, System::nanoTime, listener);
    }

    /** Wall clock now, epoch milliseconds. */
    public long wallMillis()
    {
        return wallClock.time();
    }

    /** Monotonic clock now. */
    public long nanoTime()
    {
        return nanoClock.nanoTime();
    }

    /** Whether anyone listens: without a listener nothing is stamped and nothing is formatted. */
    public boolean listening()
    {
        return listener != RouteEventListener.NONE;
    }

    /** Stamps and publishes one change (nothing without a listener). */
    public void emit(final RouteEvent.Kind kind, final String vrf, final String subject, final String detail,
        final Cause cause)
    {
        if (listener != RouteEventListener.NONE)
        {
            listener.onRouteEvent(new RouteEvent(wallClock.time(), nanoClock.nanoTime(), kind, vrf, subject, detail,
                cause));
        }
    }

    /**
     * Stamps and publishes one change whose subject (a prefix) and detail (an action, or null) are turned into
     * text only when someone listens: a full table costs no formatting when route events are not kept.
     */
    public void emit(final RouteEvent.Kind kind, final String vrf, final Object subject, final Object detail,
        final Cause cause)
    {
        if (listener != RouteEventListener.NONE)
        {
            emit(kind, vrf, String.valueOf(subject), detail == null ? null : detail.toString(), cause);
        }
    }
}
