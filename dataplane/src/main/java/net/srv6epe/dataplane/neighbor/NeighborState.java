package net.srv6epe.dataplane.neighbor;

/**
 * Neighbor cache entry states (RFC 4861 7.3.2, simplified: DELAY and PROBE are a STALE entry being probed).
 * Lookups return a MAC for {@link #REACHABLE}, {@link #STALE} and {@link #STATIC} entries only.
 */
public enum NeighborState
{
    /** Resolution in progress: requests sent, no answer yet; frames are held. */
    INCOMPLETE,
    /** Confirmed within the reachable time. */
    REACHABLE,
    /** Known but unconfirmed for longer than the reachable time: still used, re-probed when used. */
    STALE,
    /** Did not answer its probes: frames to it are dropped until a new resolution. */
    FAILED,
    /** Configured: never aged, never overwritten by what the wire says. */
    STATIC;

    private static final NeighborState[] VALUES = values();

    /** True when lookups may use this entry's MAC. */
    public boolean usable()
    {
        return this == REACHABLE || this == STALE || this == STATIC;
    }

    static NeighborState fromOrdinal(final int ordinal)
    {
        return VALUES[ordinal];
    }
}
