package net.srv6epe.dataplane.neighbor;

/** The agent's own mutable record of one neighbor; the published snapshot is derived from these. */
final class NeighborEntry
{
    final int portIndex;
    final int family;
    final long hi;
    final long lo;
    final FrameSlot[] held;
    int heldCount;
    long mac = NeighborTable.MISS;
    NeighborState state;
    long stateSinceNs;
    long confirmedNs;
    long lastUsedNs;
    boolean probing;
    int probesSent;
    long nextProbeNs;
    int slot = -1;

    NeighborEntry(final int portIndex, final int family, final long hi, final long lo, final int holdFrames)
    {
        this.portIndex = portIndex;
        this.family = family;
        this.hi = hi;
        this.lo = lo;
        this.held = new FrameSlot[holdFrames];
    }
}
