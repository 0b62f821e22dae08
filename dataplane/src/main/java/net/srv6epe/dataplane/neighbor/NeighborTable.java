package net.srv6epe.dataplane.neighbor;

import java.util.Comparator;
import java.util.List;

/**
 * The neighbor cache as workers see it: lock-free, allocation-free lookups of the MAC of an IPv6 or IPv4 next
 * hop on a port. Only the {@link NeighborAgent} writes: it builds a new immutable snapshot and publishes it with
 * one volatile store (neighbor sets are small and change rarely), so a reader always sees one consistent table.
 */
public final class NeighborTable
{
    /** Returned by lookups when no usable MAC is known: hand the frame to {@link NeighborProxy#unresolved}. */
    public static final long MISS = -1L;

    private volatile NeighborSnapshot snapshot = NeighborSnapshot.EMPTY_SNAPSHOT;

    /**
     * The MAC of IPv6 neighbor {@code hi:lo} on port {@code portIndex}, or {@link #MISS}. Any thread, no
     * allocation; also marks the entry as in use for aging.
     */
    public long lookup(final int portIndex, final long hi, final long lo)
    {
        return snapshot.lookup(NeighborSnapshot.portFamily(portIndex, NeighborSnapshot.FAMILY_IPV6), hi, lo);
    }

    /** The MAC of IPv4 neighbor {@code ipv4} on port {@code portIndex}, or {@link #MISS}. Any thread. */
    public long lookup(final int portIndex, final int ipv4)
    {
        return snapshot.lookup(
            NeighborSnapshot.portFamily(portIndex, NeighborSnapshot.FAMILY_IPV4), 0, ipv4 & 0xFFFF_FFFFL);
    }

    /** Every entry, in every state, sorted by port and address, for operators. Allocates. */
    public List<NeighborView> entries()
    {
        final List<NeighborView> views = snapshot.views();
        views.sort(Comparator.comparingInt(NeighborView::portIndex)
            .thenComparing(NeighborView::ipv6)
            .thenComparing(NeighborView::hi, Long::compareUnsigned)
            .thenComparing(NeighborView::lo, Long::compareUnsigned));
        return views;
    }

    /** Number of entries in every state. */
    public int size()
    {
        return snapshot.size();
    }

    NeighborSnapshot current()
    {
        return snapshot;
    }

    void publish(final NeighborSnapshot next)
    {
        snapshot = next;
    }
}
