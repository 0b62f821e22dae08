package net.srv6epe.vrf.sid;

import net.srv6epe.vrf.prefix.Ipv6Prefix;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * The local SIDs of the router: an exact match of the 128-bit destination address to a {@link LocalSid}
 * (open addressing with linear probing over two parallel long arrays, load factor at most 1/2), plus the
 * locators the SIDs were allocated from, so the pipeline can tell "inside our locator but no such SID"
 * ({@code drop.srv6.sid-unknown}) from "not ours" (route it).
 *
 * <p>Immutable; {@link #lookup} and {@link #locatorIndex} allocate nothing.
 */
public final class LocalSidTable
{
    /** Returned by {@link #lookup} and {@link #locatorIndex} when nothing matches. */
    public static final int NOT_FOUND = -1;

    private static final LocalSidTable EMPTY = of(List.of(), List.of());

    private final long[] keys;
    private final int[] slotEntry;
    private final int mask;
    private final LocalSid[] entries;
    private final Ipv6Prefix[] locators;

    private LocalSidTable(final LocalSid[] entries, final Ipv6Prefix[] locators)
    {
        this.entries = entries;
        this.locators = locators;
        int capacity = 4;
        while (capacity < 2 * entries.length)
        {
            capacity <<= 1;
        }
        mask = capacity - 1;
        keys = new long[2 * capacity];
        slotEntry = new int[capacity];
        Arrays.fill(slotEntry, NOT_FOUND);
        for (int i = 0; i < entries.length; i++)
        {
            int slot = hash(entries[i].sidHi(), entries[i].sidLo()) & mask;
            while (slotEntry[slot] != NOT_FOUND)
            {
                slot = (slot + 1) & mask;
            }
            slotEntry[slot] = i;
            keys[2 * slot] = entries[i].sidHi();
            keys[2 * slot + 1] = entries[i].sidLo();
        }
    }

    public static LocalSidTable empty()
    {
        return EMPTY;
    }

    /**
     * Builds a table. Every entry is validated ({@link SidAttributeRules#validate}).
     *
     * @throws IllegalArgumentException for an invalid entry or the same SID twice
     */
    public static LocalSidTable of(final Collection<LocalSid> sids, final Collection<Ipv6Prefix> locators)
    {
        final LocalSid[] sorted = sids.toArray(new LocalSid[0]);
        Arrays.sort(sorted, Comparator.comparing((LocalSid s) -> Ipv6Prefix.host(s.sidHi(), s.sidLo())));
        for (int i = 0; i < sorted.length; i++)
        {
            SidAttributeRules.validate(sorted[i]);
            if (i > 0 && sorted[i].sidHi() == sorted[i - 1].sidHi() && sorted[i].sidLo() == sorted[i - 1].sidLo())
            {
                throw new IllegalArgumentException("SID " + sorted[i].sidText() + " is defined twice");
            }
        }
        final Ipv6Prefix[] locs = locators.toArray(new Ipv6Prefix[0]);
        Arrays.sort(locs);
        return new LocalSidTable(sorted, locs);
    }

    private static int hash(final long hi, final long lo)
    {
        long h = hi * 0x9E3779B97F4A7C15L ^ lo * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 29;
        return (int)h ^ (int)(h >>> 32);
    }

    /**
     * Exact match of a destination address. Allocation free.
     *
     * @return the entry index for {@link #entry(int)}, or {@link #NOT_FOUND}
     */
    public int lookup(final long hi, final long lo)
    {
        int slot = hash(hi, lo) & mask;
        while (true)
        {
            final int e = slotEntry[slot];
            if (e == NOT_FOUND || (keys[2 * slot] == hi && keys[2 * slot + 1] == lo))
            {
                return e;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** The entry at an index returned by {@link #lookup}. */
    public LocalSid entry(final int index)
    {
        return entries[index];
    }

    /** The entry for a SID, or null. */
    public LocalSid find(final long hi, final long lo)
    {
        final int i = lookup(hi, lo);
        return i == NOT_FOUND ? null : entries[i];
    }

    public int size()
    {
        return entries.length;
    }

    /** All entries, sorted by SID (for {@code show sid}). */
    public List<LocalSid> entries()
    {
        return Collections.unmodifiableList(Arrays.asList(entries));
    }

    /** The locators, sorted. */
    public List<Ipv6Prefix> locators()
    {
        return Collections.unmodifiableList(new ArrayList<>(Arrays.asList(locators)));
    }

    /**
     * The index in {@link #locators()} of the locator containing the address, or {@link #NOT_FOUND}. A linear
     * scan: a router has a handful of locators. Allocation free.
     */
    public int locatorIndex(final long hi, final long lo)
    {
        for (int i = 0; i < locators.length; i++)
        {
            if (locators[i].contains(hi, lo))
            {
                return i;
            }
        }
        return NOT_FOUND;
    }

    /** Whether the address lies in one of our locators. */
    public boolean inLocator(final long hi, final long lo)
    {
        return locatorIndex(hi, lo) != NOT_FOUND;
    }
}
