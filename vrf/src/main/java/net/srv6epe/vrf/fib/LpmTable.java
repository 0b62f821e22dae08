package net.srv6epe.vrf.fib;

import java.util.Arrays;
import java.util.function.IntPredicate;

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
        Arrays.fill(shortBest, NO_ROUTE);
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

    /**
     * Visits, in {@link #forEach} order, every prefix whose value differs between two tables (added: before is
     * {@link #NO_ROUTE}; removed: after is), and every prefix present in both with an equal value for which
     * {@code recheck} is true (null: none). Slots the two tables share (the same route list, as a builder leaves
     * unchanged slots) are skipped unless {@code recheck} is given, so the cost follows the changed slots.
     */
    static void diff(final LpmTable before, final LpmTable after, final IntPredicate recheck,
        final DiffVisitor visitor)
    {
        if (before == after && recheck == null)
        {
            return;
        }
        final RouteList shortsBefore = before.shortRoutes;
        final RouteList shortsAfter = after.shortRoutes;
        final boolean shortsShared = shortsBefore == shortsAfter;
        int sb = 0;
        int sa = 0;
        for (int slot = 0; slot < SLOTS; slot++)
        {
            if (!shortsShared || recheck != null)
            {
                final int endBefore = slotEnd(shortsBefore, sb, slot);
                final int endAfter = slotEnd(shortsAfter, sa, slot);
                if (endBefore > sb || endAfter > sa)
                {
                    diffRange(shortsBefore, sb, endBefore, shortsAfter, sa, endAfter, shortsShared, recheck, visitor);
                }
                sb = endBefore;
                sa = endAfter;
            }
            final RouteList b = before.slotRoutes[slot];
            final RouteList a = after.slotRoutes[slot];
            if (b == a && recheck == null)
            {
                continue;
            }
            final RouteList lb = b == null ? RouteList.EMPTY : b;
            final RouteList la = a == null ? RouteList.EMPTY : a;
            diffRange(lb, 0, lb.size(), la, 0, la.size(), b == a, recheck, visitor);
        }
    }

    /** The end of the run of short routes from {@code from} whose first 16 bits are {@code slot}. */
    private static int slotEnd(final RouteList shorts, final int from, final int slot)
    {
        int i = from;
        while (i < shorts.size() && (int)(shorts.hi[i] >>> 48) == slot)
        {
            i++;
        }
        return i;
    }

    private static void diffRange(final RouteList b, final int fromB, final int toB, final RouteList a,
        final int fromA, final int toA, final boolean shared, final IntPredicate recheck,
        final DiffVisitor visitor)
    {
        if (shared)
        {
            for (int i = fromA; i < toA; i++)
            {
                if (recheck.test(a.value[i]))
                {
                    visitor.visit(a.hi[i], a.lo[i], a.length(i), a.value[i], a.value[i]);
                }
            }
            return;
        }
        int i = fromB;
        int j = fromA;
        while (i < toB || j < toA)
        {
            int c;
            if (i == toB)
            {
                c = 1;
            }
            else if (j == toA)
            {
                c = -1;
            }
            else
            {
                c = Long.compareUnsigned(b.hi[i], a.hi[j]);
                if (c == 0)
                {
                    c = Long.compareUnsigned(b.lo[i], a.lo[j]);
                }
                if (c == 0)
                {
                    c = Integer.compare(b.length(i), a.length(j));
                }
            }
            if (c < 0)
            {
                visitor.visit(b.hi[i], b.lo[i], b.length(i), b.value[i], NO_ROUTE);
                i++;
            }
            else if (c > 0)
            {
                visitor.visit(a.hi[j], a.lo[j], a.length(j), NO_ROUTE, a.value[j]);
                j++;
            }
            else
            {
                if (b.value[i] != a.value[j] || recheck != null && recheck.test(a.value[j]))
                {
                    visitor.visit(a.hi[j], a.lo[j], a.length(j), b.value[i], a.value[j]);
                }
                i++;
                j++;
            }
        }
    }

    /** Receives {@link #diff} entries; keys as stored (IPv4 in the top 32 bits of {@code hi}). */
    interface DiffVisitor
    {
        void visit(long hi, long lo, int length, int before, int after);
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
