package net.srv6epe.dataplane.journal;

/**
 * One entry of the route-event journal: a {@link StateChange} with when and why it became visible.
 *
 * @param wallNs     wall-clock time, nanoseconds since the Unix epoch
 * @param monoNs     monotonic time ({@code System.nanoTime()} of the router process), for intervals between events
 * @param generation the forwarding-state generation that made the change visible
 * @param change     what changed
 * @param cause      why ({@code config}, {@code bgp peer fd00::2 UPDATE}, ...)
 */
public record RouteEvent(long wallNs, long monoNs, long generation, StateChange change, String cause)
{
}
