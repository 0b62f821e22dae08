package net.srv6epe.bgp.event;

/**
 * One FIB or local-SID change the speaker caused, stamped when it was handed to the data plane, with its cause.
 *
 * @param wallMillis     wall clock of the change, epoch milliseconds
 * @param monotonicNanos monotonic clock of the change ({@link System#nanoTime()} domain)
 * @param kind           what changed
 * @param vrf            the VRF of a route, or the VRF a SID decapsulates into (null for End.DX6)
 * @param subject        the prefix ({@code 2001:db8::/32}) or the SID ({@code fc00:0:1:100::})
 * @param detail         the installed action in iproute2 spelling, or null for a removal
 * @param cause          why
 */
public record RouteEvent(long wallMillis, long monotonicNanos, Kind kind, String vrf, String subject,
    String detail, Cause cause)
{
    /** Nanoseconds from the cause's input to this change (negative if the clocks disagree). */
    public long delayNanos()
    {
        return monotonicNanos - cause.monotonicNanos();
    }

    @Override
    public String toString()
    {
        return wallMillis + " " + kind + " vrf " + vrf + " " + subject + (detail == null ? "" : " " + detail) +
            " <- " + cause + " (+" + delayNanos() / 1000 + " us)";
    }

    /** The kinds of change. */
    public enum Kind
    {
        /** A route installed or replaced in a VRF FIB. */
        ROUTE_INSTALL,
        /** A route withdrawn from a VRF FIB. */
        ROUTE_WITHDRAW,
        /** A local SID installed. */
        SID_INSTALL,
        /** A local SID removed. */
        SID_REMOVE
    }
}
