package net.srv6epe.dataplane.neighbor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An immutable open-addressing table of neighbors (linear probing over primitive arrays) built by the neighbor
 * agent and published whole. The only mutable part is {@code used}: workers mark an entry when they look it up
 * (a benign race: a lost mark only makes the entry look idle a little longer), the agent reads and clears the
 * marks to age entries.
 */
final class NeighborSnapshot
{
    static final int FAMILY_IPV4 = 0;
    static final int FAMILY_IPV6 = 1;
    private static final int EMPTY = -1;

    static final NeighborSnapshot EMPTY_SNAPSHOT = new NeighborSnapshot(16);

    private final int mask;
    private final int[] portFamily;
    private final long[] keyHi;
    private final long[] keyLo;
    private final long[] macs;
    private final byte[] states;
    final byte[] used;
    private int size;

    NeighborSnapshot(final int minimumCapacity)
    {
        int capacity = 16;
        while (capacity < minimumCapacity * 2)
        {
            capacity <<= 1;
        }
        mask = capacity - 1;
        portFamily = new int[capacity];
        Arrays.fill(portFamily, EMPTY);
        keyHi = new long[capacity];
        keyLo = new long[capacity];
        macs = new long[capacity];
        states = new byte[capacity];
        used = new byte[capacity];
    }

    static int portFamily(final int portIndex, final int family)
    {
        return (portIndex << 1) | family;
    }

    private static int hash(final int portFamily, final long hi, final long lo)
    {
        long h = hi * 0x9E37_79B9_7F4A_7C15L ^ lo * 0xC2B2_AE3D_27D4_EB4FL ^ portFamily * 0x1656_67B1L;
        h ^= h >>> 29;
        return (int)(h ^ (h >>> 32));
    }

    /** Adds an entry while building; returns its slot. Not for published snapshots. */
    int put(final int portFamily, final long hi, final long lo, final long mac, final NeighborState state)
    {
        int slot = hash(portFamily, hi, lo) & mask;
        while (this.portFamily[slot] != EMPTY)
        {
            slot = (slot + 1) & mask;
        }
        this.portFamily[slot] = portFamily;
        keyHi[slot] = hi;
        keyLo[slot] = lo;
        macs[slot] = state.usable() ? mac : NeighborTable.MISS;
        states[slot] = (byte)state.ordinal();
        size++;
        return slot;
    }

    /** The slot of a key, or -1. */
    int slotOf(final int portFamily, final long hi, final long lo)
    {
        int slot = hash(portFamily, hi, lo) & mask;
        int pf;
        while ((pf = this.portFamily[slot]) != EMPTY)
        {
            if (pf == portFamily && keyHi[slot] == hi && keyLo[slot] == lo)
            {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    long lookup(final int portFamily, final long hi, final long lo)
    {
        int slot = hash(portFamily, hi, lo) & mask;
        int pf;
        while ((pf = this.portFamily[slot]) != EMPTY)
        {
            if (pf == portFamily && keyHi[slot] == hi && keyLo[slot] == lo)
            {
                if (used[slot] == 0)
                {
                    used[slot] = 1;
                }
                return macs[slot];
            }
            slot = (slot + 1) & mask;
        }
        return NeighborTable.MISS;
    }

    int size()
    {
        return size;
    }

    List<NeighborView> views()
    {
        final List<NeighborView> views = new ArrayList<>(size);
        for (int slot = 0; slot <= mask; slot++)
        {
            final int pf = portFamily[slot];
            if (pf != EMPTY)
            {
                views.add(new NeighborView(
                    pf >>> 1, (pf & 1) == FAMILY_IPV6, keyHi[slot], keyLo[slot], macs[slot],
                    NeighborState.fromOrdinal(states[slot])));
            }
        }
        return views;
    }
}
