package net.srv6epe.vrf.fib;

/**
 * The immutable longest-prefix-match structure behind {@link Ipv6Fib} and {@link Ipv4Fib}, over 128-bit keys
 * (IPv4 addresses sit in the top 32 bits of {@code hi}).
 *
 * <p>The top 16 bits of the key select one of 65,536 slots. Routes of length 0..16 are resolved per slot into
 * {@code shortBest} (the longest short route covering the slot); longer routes live in the slot's own
 * {@link PopTrie}. A lookup is one slot load, then the trie walk, and falls back to {@code shortBest} only when
 * nothing inside the slot matches. Because slots are independent, a change rebuilds only the slot it falls in
 * (or only {@code shortBest} for a route of length 16 or less) and the next snapshot shares every other slot
 * with the previous one.
 */
final class LpmTable
{
    static final int NO_ROUTE = -1;
    static final int SLOTS = 1 << 16;

    final long[][] tries;
    final int[] shortBest;
    final RouteList[] slotRoutes;
    final RouteList shortRoutes;
    final int size;

    LpmTable(
        final long[][] tries,
        final int[] shortBest,
        final RouteList[] slotRoutes,
        final RouteList shortRoutes,
        final int size)
    {
        this.tries = tries;
        this.shortBest = shortBest;
        this.slotRoutes = slotRoutes;
        this.shortRoutes = shortRoutes;
        this.size = size;
    }

    static LpmTable empty()
    {
        final int[] shortBest = new int[SLOTS];
        java.util.Arrays.fill(shortBest, NO_ROUTE);
        return new LpmTable(new long[SLOTS][], shortBest, new RouteList[SLOTS], RouteList.EMPTY, 0);
    }

    int lookup(final long hi, final long lo)
    {
        final int slot = (int)(hi >>> 48);
        final long[] t = tries[slot];
        if (t != null)
        {
            final int route = PopTrie.lookup(t, hi, lo);
            if (route != NO_ROUTE)
            {
                return route;
            }
        }
        return shortBest[slot];
    }

    /** Batch form of {@link #lookup}: {@code result[i]} for {@code (hi[i], lo[i])}, {@code i < count}. */
    void lookupBatch(
        final long[] hi, final long[] lo, final int count, final int[] result, final int[] node, final long[][] trie)
    {
        for (int i = 0; i < count; i++)
        {
            trie[i] = tries[(int)(hi[i] >>> 48)];
        }
        PopTrie.lookupBatch(trie, hi, lo, count, node, result);
        for (int i = 0; i < count; i++)
        {
            if (tries[(int)(hi[i] >>> 48)] == null || result[i] == NO_ROUTE)
            {
                result[i] = shortBest[(int)(hi[i] >>> 48)];
            }
        }
    }

    /** The value stored for exactly this prefix, or {@link #NO_ROUTE}. */
    int get(final long hi, final long lo, final int length)
    {
        final RouteList list = length <= PopTrie.FIRST_OFFSET ? shortRoutes : slotRoutes[(int)(hi >>> 48)];
        if (list == null)
        {
            return NO_ROUTE;
        }
        final int i = list.indexOf(hi, lo, length);
        return i < 0 ? NO_ROUTE : list.value[i];
    }

    /** Visits every route in address order (then length order). */
    void forEach(final Visitor visitor)
    {
        final RouteList shorts = shortRoutes;
        int s = 0;
        for (int slot = 0; slot < SLOTS; slot++)
        {
            while (s < shorts.size() && (int)(shorts.hi[s] >>> 48) == slot)
            {
                visitor.visit(shorts.hi[s], shorts.lo[s], shorts.length(s), shorts.value[s]);
                s++;
            }
            final RouteList list = slotRoutes[slot];
            if (list != null)
            {
                for (int i = 0; i < list.size(); i++)
                {
                    visitor.visit(list.hi[i], list.lo[i], list.length(i), list.value[i]);
                }
            }
        }
    }

    /** Approximate retained heap in bytes (arrays only; shared slots counted in full). */
    long sizeInBytes()
    {
        long bytes = 16L + 4L * SLOTS * 3;
        for (int slot = 0; slot < SLOTS; slot++)
        {
            if (tries[slot] != null)
            {
                bytes += 16 + 8L * tries[slot].length;
            }
            if (slotRoutes[slot] != null)
            {
                bytes += slotRoutes[slot].sizeInBytes();
            }
        }
        return bytes + shortRoutes.sizeInBytes();
    }

    /** Retained heap of the lookup structure alone (slots, short routes, tries), without the route lists. */
    long lookupSizeInBytes()
    {
        long bytes = 16L + 4L * SLOTS * 2;
        for (int slot = 0; slot < SLOTS; slot++)
        {
            if (tries[slot] != null)
            {
                bytes += 16 + 8L * tries[slot].length;
            }
        }
        return bytes;
    }

    /** Receives routes in order; keys as stored (IPv4 in the top 32 bits of {@code hi}). */
    interface Visitor
    {
        void visit(long hi, long lo, int length, int value);
    }
}
