package net.srv6epe.vrf.fib;

import net.srv6epe.vrf.prefix.Ipv6Prefix;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Mutable route set that produces {@link LpmTable} snapshots. Starts empty or from a snapshot (sharing its
 * slots); a change copies only the affected slot into a sorted map, and {@link #build()} rebuilds the tries of
 * changed slots only. Snapshots never share mutable state with the builder. Single-threaded.
 */
final class LpmTableBuilder
{
    private static final int SHORT = -1;

    private final long[][] tries;
    private final RouteList[] slotRoutes;
    private int[] shortBest;
    private RouteList shortRoutes;
    private int size;
    private final Map<Integer, TreeMap<Ipv6Prefix, Integer>> dirty = new HashMap<>();
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
        final Integer previous = mutableSlot(hi, length).put(Ipv6Prefix.of(hi, lo, length), value);
        if (previous == null)
        {
            size++;
            return LpmTable.NO_ROUTE;
        }
        return previous;
    }

    /** Removes; returns the removed value or {@link LpmTable#NO_ROUTE} when absent. */
    int remove(final long hi, final long lo, final int length)
    {
        if (get(hi, lo, length) == LpmTable.NO_ROUTE)
        {
            return LpmTable.NO_ROUTE;
        }
        final Integer previous = mutableSlot(hi, length).remove(Ipv6Prefix.of(hi, lo, length));
        size--;
        return previous;
    }

    int get(final long hi, final long lo, final int length)
    {
        final int slot = slotOf(hi, length);
        final TreeMap<Ipv6Prefix, Integer> map = dirty.get(slot);
        if (map != null)
        {
            final Integer v = map.get(Ipv6Prefix.of(hi, lo, length));
            return v == null ? LpmTable.NO_ROUTE : v;
        }
        final RouteList list = slot == SHORT ? shortRoutes : slotRoutes[slot];
        if (list == null)
        {
            return LpmTable.NO_ROUTE;
        }
        final int i = list.indexOf(hi, lo, length);
        return i < 0 ? LpmTable.NO_ROUTE : list.value[i];
    }

    /** Rebuilds the changed slots and returns a new immutable snapshot. */
    LpmTable build()
    {
        for (final Map.Entry<Integer, TreeMap<Ipv6Prefix, Integer>> e : dirty.entrySet())
        {
            final int slot = e.getKey();
            final RouteList list = RouteList.of(e.getValue());
            if (slot == SHORT)
            {
                shortRoutes = list;
                shortBest = resolveShortRoutes(list);
            }
            else if (list.size() == 0)
            {
                slotRoutes[slot] = null;
                tries[slot] = null;
            }
            else
            {
                slotRoutes[slot] = list;
                tries[slot] = trieBuilder.build(list);
            }
        }
        dirty.clear();
        return new LpmTable(tries.clone(), shortBest, slotRoutes.clone(), shortRoutes, size);
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

    private TreeMap<Ipv6Prefix, Integer> mutableSlot(final long hi, final int length)
    {
        final int slot = slotOf(hi, length);
        TreeMap<Ipv6Prefix, Integer> map = dirty.get(slot);
        if (map == null)
        {
            map = new TreeMap<>();
            final RouteList list = slot == SHORT ? shortRoutes : slotRoutes[slot];
            if (list != null)
            {
                for (int i = 0; i < list.size(); i++)
                {
                    map.put(Ipv6Prefix.of(list.hi[i], list.lo[i], list.length(i)), list.value[i]);
                }
            }
            dirty.put(slot, map);
        }
        return map;
    }
}
