package net.srv6epe.vrf.fib;

import net.srv6epe.vrf.prefix.Ipv6Prefix;

import java.util.Arrays;

/**
 * Mutable route set that produces {@link LpmTable} snapshots. Starts empty or from a snapshot (sharing its
 * slots). Changes are kept apart as {@link PendingRoutes} (primitive, no object per change); {@link #build()}
 * groups them by slot, sorts each slot's changes and merges them into the slot's sorted route list in one pass,
 * then rebuilds the tries of the changed slots only. A build is O(routes in changed slots + c log c) for c
 * changes, so a batch of a million routes costs about as much as building the table from scratch and a single
 * change only its slot. Snapshots never share mutable state with the builder. Single-threaded.
 */
final class LpmTableBuilder
{
    /** Slot index of routes of length 0..16 ({@link LpmTable#shortRoutes}). */
    private static final int SHORT = LpmTable.SLOTS;

    private final long[][] tries;
    private final RouteList[] slotRoutes;
    private int[] shortBest;
    private RouteList shortRoutes;
    private int size;
    private final PendingRoutes pending = new PendingRoutes();
    private final PopTrieBuilder trieBuilder = new PopTrieBuilder();

    LpmTableBuilder(final LpmTable from)
    {
        tries = from.tries.clone();
        slotRoutes = from.slotRoutes.clone();
        shortBest = from.shortBest;
        shortRoutes = from.shortRoutes;
        size = from.size;
    }

    int size()
    {
        return size;
    }

    /** Adds or replaces; returns the previous value or {@link LpmTable#NO_ROUTE}. */
    int put(final long hi, final long lo, final int length, final int value)
    {
        if (value < 0 || value > PopTrie.MAX_ROUTE)
        {
            throw new IllegalArgumentException("route index must be 0.." + PopTrie.MAX_ROUTE + ", got " + value);
        }
        checkKey(hi, lo, length);
        final int pendingBefore = pending.put(hi, lo, length, value);
        final int previous = pendingBefore != PendingRoutes.ABSENT ? pendingBefore : built(hi, lo, length);
        if (previous == LpmTable.NO_ROUTE)
        {
            size++;
        }
        return previous;
    }

    /** Removes; returns the removed value or {@link LpmTable#NO_ROUTE} when absent. */
    int remove(final long hi, final long lo, final int length)
    {
        final int pendingBefore = pending.put(hi, lo, length, LpmTable.NO_ROUTE);
        final int previous = pendingBefore != PendingRoutes.ABSENT ? pendingBefore : built(hi, lo, length);
        if (previous != LpmTable.NO_ROUTE)
        {
            size--;
        }
        return previous;
    }

    int get(final long hi, final long lo, final int length)
    {
        final int changed = pending.get(hi, lo, length);
        return changed != PendingRoutes.ABSENT ? changed : built(hi, lo, length);
    }

    /** The value of a prefix as of the last build (or the starting snapshot), ignoring pending changes. */
    private int built(final long hi, final long lo, final int length)
    {
        final RouteList list = length <= PopTrie.FIRST_OFFSET ? shortRoutes : slotRoutes[(int)(hi >>> 48)];
        if (list == null)
        {
            return LpmTable.NO_ROUTE;
        }
        final int i = list.indexOf(hi, lo, length);
        return i < 0 ? LpmTable.NO_ROUTE : list.value[i];
    }

    /** Merges the pending changes into the changed slots, rebuilds their tries, returns a new immutable snapshot. */
    LpmTable build()
    {
        final int n = pending.size();
        if (n > 0)
        {
            final long[] hi = new long[n];
            final long[] lo = new long[n];
            final byte[] length = new byte[n];
            final int[] value = new int[n];
            pending.drainTo(hi, lo, length, value);

            // group by slot (a counting sort), then sort and merge each changed slot
            final int[] start = new int[LpmTable.SLOTS + 2];
            for (int i = 0; i < n; i++)
            {
                start[slotOf(hi[i], length[i] & 0xFF) + 1]++;
            }
            for (int s = 0; s <= LpmTable.SLOTS; s++)
            {
                start[s + 1] += start[s];
            }
            final int[] order = new int[n];
            final int[] fill = Arrays.copyOf(start, start.length);
            for (int i = 0; i < n; i++)
            {
                order[fill[slotOf(hi[i], length[i] & 0xFF)]++] = i;
            }
            final int[] scratch = new int[n];
            for (int s = 0; s <= LpmTable.SLOTS; s++)
            {
                final int from = start[s];
                final int to = start[s + 1];
                if (from == to)
                {
                    continue;
                }
                sort(order, scratch, from, to, hi, lo, length);
                final RouteList base = s == SHORT ? shortRoutes : slotRoutes[s];
                final RouteList merged = merge(base == null ? RouteList.EMPTY : base, order, from, to, hi, lo, length,
                    value);
                if (s == SHORT)
                {
                    shortRoutes = merged;
                    shortBest = resolveShortRoutes(merged);
                }
                else if (merged.size() == 0)
                {
                    slotRoutes[s] = null;
                    tries[s] = null;
                }
                else
                {
                    slotRoutes[s] = merged;
                    tries[s] = trieBuilder.build(merged);
                }
            }
        }
        return new LpmTable(tries.clone(), shortBest, slotRoutes.clone(), shortRoutes, size);
    }

    /** The slot's routes with the sorted changes {@code order[from..to)} applied (removals dropped). */
    private static RouteList merge(final RouteList base, final int[] order, final int from, final int to,
        final long[] hi, final long[] lo, final byte[] length, final int[] value)
    {
        final int capacity = base.size() + (to - from);
        final long[] outHi = new long[capacity];
        final long[] outLo = new long[capacity];
        final byte[] outLength = new byte[capacity];
        final int[] outValue = new int[capacity];
        int out = 0;
        int b = 0;
        int c = from;
        while (b < base.size() || c < to)
        {
            final int cmp;
            if (c == to)
            {
                cmp = -1;
            }
            else if (b == base.size())
            {
                cmp = 1;
            }
            else
            {
                final int k = order[c];
                cmp = compare(base.hi[b], base.lo[b], base.length(b), hi[k], lo[k], length[k] & 0xFF);
            }
            if (cmp < 0)
            {
                outHi[out] = base.hi[b];
                outLo[out] = base.lo[b];
                outLength[out] = base.length[b];
                outValue[out] = base.value[b];
                out++;
                b++;
                continue;
            }
            if (cmp == 0)
            {
                b++; // replaced or removed by the change
            }
            final int k = order[c++];
            if (value[k] != LpmTable.NO_ROUTE)
            {
                outHi[out] = hi[k];
                outLo[out] = lo[k];
                outLength[out] = length[k];
                outValue[out] = value[k];
                out++;
            }
        }
        return RouteList.of(outHi, outLo, outLength, outValue, out);
    }

    /** Sorts {@code order[from..to)} by prefix (address unsigned, then length): a merge sort, O(c log c). */
    private static void sort(final int[] order, final int[] scratch, final int from, final int to,
        final long[] hi, final long[] lo, final byte[] length)
    {
        if (to - from < 2)
        {
            return;
        }
        if (to - from <= 16)
        {
            for (int i = from + 1; i < to; i++)
            {
                final int k = order[i];
                int j = i - 1;
                while (j >= from && compare(hi[order[j]], lo[order[j]], length[order[j]] & 0xFF, hi[k], lo[k],
                    length[k] & 0xFF) > 0)
                {
                    order[j + 1] = order[j];
                    j--;
                }
                order[j + 1] = k;
            }
            return;
        }
        final int mid = (from + to) >>> 1;
        sort(order, scratch, from, mid, hi, lo, length);
        sort(order, scratch, mid, to, hi, lo, length);
        System.arraycopy(order, from, scratch, from, to - from);
        int a = from;
        int b = mid;
        for (int i = from; i < to; i++)
        {
            if (b == to || a < mid && compare(hi[scratch[a]], lo[scratch[a]], length[scratch[a]] & 0xFF,
                hi[scratch[b]], lo[scratch[b]], length[scratch[b]] & 0xFF) <= 0)
            {
                order[i] = scratch[a++];
            }
            else
            {
                order[i] = scratch[b++];
            }
        }
    }

    /** The order of {@link RouteList}: address (unsigned), then length. */
    private static int compare(final long hi1, final long lo1, final int length1, final long hi2, final long lo2,
        final int length2)
    {
        int c = Long.compareUnsigned(hi1, hi2);
        if (c == 0)
        {
            c = Long.compareUnsigned(lo1, lo2);
        }
        return c != 0 ? c : Integer.compare(length1, length2);
    }

    private static int[] resolveShortRoutes(final RouteList list)
    {
        final int[] best = new int[LpmTable.SLOTS];
        Arrays.fill(best, LpmTable.NO_ROUTE);
        for (int length = 0; length <= PopTrie.FIRST_OFFSET; length++)
        {
            for (int i = 0; i < list.size(); i++)
            {
                if (list.length(i) == length)
                {
                    final int first = (int)(list.hi[i] >>> 48);
                    Arrays.fill(best, first, first + (1 << (PopTrie.FIRST_OFFSET - length)), list.value[i]);
                }
            }
        }
        return best;
    }

    private static int slotOf(final long hi, final int length)
    {
        return length <= PopTrie.FIRST_OFFSET ? SHORT : (int)(hi >>> 48);
    }

    /** The checks of {@link Ipv6Prefix#of} (length 0..128, no host bits) without making a prefix object. */
    private static void checkKey(final long hi, final long lo, final int length)
    {
        if (length < 0 || length > 128 || (hi & ~Ipv6Prefix.maskHi(length)) != 0 ||
            (lo & ~Ipv6Prefix.maskLo(length)) != 0)
        {
            Ipv6Prefix.of(hi, lo, length); // throws, naming the problem
        }
    }
}
