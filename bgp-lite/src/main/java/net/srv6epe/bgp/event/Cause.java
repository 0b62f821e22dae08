package net.srv6epe.bgp.event;

import java.time.Instant;

/**
 * Why the speaker changed a route or a SID: a readable text ({@code "peer fd00::2 UPDATE received at
 * 2026-11-24T07:00:00.123Z"}) and when the triggering input arrived, on both clocks, so that a change's delay
 * ({@link RouteEvent#monotonicNanos()} minus {@link #monotonicNanos()}) can be measured like the paper's
 * {@code ip monitor} convergence times.
 *
 * @param text           readable cause
 * @param wallMillis     wall clock of the input, epoch milliseconds
 * @param monotonicNanos monotonic clock of the input ({@link System#nanoTime()} domain)
 */
public record Cause(String text, long wallMillis, long monotonicNanos)
{
    /** An UPDATE received from a peer. */
    public static Cause updateReceived(final String peer, final long wallMillis, final long monotonicNanos)
    {
        return new Cause("peer " + peer + " UPDATE received at " + Instant.ofEpochMilli(wallMillis), wallMillis,
            monotonicNanos);
    }

    /** A peer's session went down (RFC 4271 8: its routes are removed). */
    public static Cause sessionDown(final String peer, final String reason, final long wallMillis,
        final long monotonicNanos)
    {
        return new Cause("peer " + peer + " session down at " + Instant.ofEpochMilli(wallMillis) +
            (reason == null ? "" : " (" + reason + ")"), wallMillis, monotonicNanos);
    }

    /** A configuration action (role start, SID allocation). */
    public static Cause configuration(final String what, final long wallMillis, final long monotonicNanos)
    {
        return new Cause("config " + what + " at " + Instant.ofEpochMilli(wallMillis), wallMillis, monotonicNanos);
    }

    @Override
    public String toString()
    {
        return text;
    }
}
