package net.srv6epe.bgp.rib;

/**
 * An open-addressing hash table (linear probing, backward-shift deletion) from a route key in primitive form
 * (route distinguisher, prefix high and low 64 bits, prefix length; the RD is 0 for IPv6 unicast) to an object
 * value and an int (the NLRI label field). About 36 octets per slot and no object per key: this is what keeps a
 * VPNv6 route well under 300 octets. Not thread safe.
 *
 * <p>Each slot's key, length and label sit together in four consecutive longs ({@code rd, hi, lo, meta} with
 * {@code meta = label << 32 | length + 1}, 0 when the slot is free), so a probe of a table far larger than the
 * caches costs one or two cache lines for the key and one for the value. Slots are stored in pages of
 * {@value #PAGE_SLOTS} (256 KiB of keys), so a table of millions of routes is no single huge array: nothing is
 * allocated as a humongous object, whose heap regions the collector rounds up, and growing never needs one
 * contiguous block of the whole table.
 *
 * @param <V> the value type
 */
public final class RouteTable<V>
{
    private static final int MIN_CAPACITY = 16;
    /** Linear probing stays short at 0.8 with the mixing hash below, and the table stays dense. */
    private static final double MAX_LOAD = 0.8;
    private static final int LONGS_PER_SLOT = 4;
    private static final int RD = 0;
    private static final int HI = 1;
    private static final int LO = 2;
    private static final int META = 3;
    private static final int PAGE_SHIFT = 13;
    private static final int PAGE_SLOTS = 1 << PAGE_SHIFT;
    private static final int PAGE_MASK = PAGE_SLOTS - 1;

    private long[][] keys;
    private Object[][] values;
    private int capacity;
    private int size;
    private int mask;
    private int resizeAt;

    /** An empty table. */
    public RouteTable()
    {
        allocate(MIN_CAPACITY);
    }

    private void allocate(final int slots)
    {
        final int pages = Math.max(1, slots >>> PAGE_SHIFT);
        final int pageSlots = Math.min(slots, PAGE_SLOTS);
        keys = new long[pages][pageSlots * LONGS_PER_SLOT];
        values = new Object[pages][pageSlots];
        capacity = slots;
        mask = slots - 1;
        resizeAt = (int)(slots * MAX_LOAD);
    }

    private static int hash(final long rd, final long hi, final long lo, final int length)
    {
        long h = rd * 0x9E3779B97F4A7C15L;
        h = (h ^ hi) * 0xC2B2AE3D27D4EB4FL;
        h = (h ^ lo) * 0x165667B19E3779F9L;
        h ^= length;
        h ^= h >>> 29;
        return (int)(h ^ (h >>> 32));
    }

    private static long meta(final int length, final int label)
    {
        return ((long)label << 32) | (length + 1);
    }

    private static int length(final long meta)
    {
        return (int)meta - 1;
    }

    private static int label(final long meta)
    {
        return (int)(meta >>> 32);
    }

    private static boolean free(final long meta)
    {
        return (int)meta == 0;
    }

    private int slot(final long rd, final long hi, final long lo, final int length)
    {
        int i = hash(rd, hi, lo, length) & mask;
        while (true)
        {
            final long[] page = keys[i >>> PAGE_SHIFT];
            final int base = LONGS_PER_SLOT * (i & PAGE_MASK);
            final long meta = page[base + META];
            if (free(meta))
            {
                return -1 - i;
            }
            if (length(meta) == length && page[base + HI] == hi && page[base + LO] == lo && page[base + RD] == rd)
            {
                return i;
            }
            i = (i + 1) & mask;
        }
    }

    private long[] keyPage(final int i)
    {
        return keys[i >>> PAGE_SHIFT];
    }

    private static int base(final int i)
    {
        return LONGS_PER_SLOT * (i & PAGE_MASK);
    }

    private Object value(final int i)
    {
        return values[i >>> PAGE_SHIFT][i & PAGE_MASK];
    }

    private void value(final int i, final Object value)
    {
        values[i >>> PAGE_SHIFT][i & PAGE_MASK] = value;
    }

    /** Routes held. */
    public int size()
    {
        return size;
    }

    /** The value for a key, or null. */
    @SuppressWarnings("unchecked")
    public V get(final long rd, final long hi, final long lo, final int length)
    {
        final int i = slot(rd, hi, lo, length);
        return i < 0 ? null : (V)value(i);
    }

    /** The label of a key, or -1 when absent. */
    public int label(final long rd, final long hi, final long lo, final int length)
    {
        final int i = slot(rd, hi, lo, length);
        return i < 0 ? -1 : label(keyPage(i)[base(i) + META]);
    }

    /**
     * Puts a value and label.
     *
     * @return the previous value, or null
     */
    @SuppressWarnings("unchecked")
    public V put(final long rd, final long hi, final long lo, final int length, final int label, final V value)
    {
        int i = slot(rd, hi, lo, length);
        if (i >= 0)
        {
            final V previous = (V)value(i);
            value(i, value);
            keyPage(i)[base(i) + META] = meta(length, label);
            return previous;
        }
        if (size + 1 > resizeAt)
        {
            grow();
            i = slot(rd, hi, lo, length);
        }
        i = -1 - i;
        final long[] page = keyPage(i);
        final int base = base(i);
        page[base + RD] = rd;
        page[base + HI] = hi;
        page[base + LO] = lo;
        page[base + META] = meta(length, label);
        value(i, value);
        size++;
        return null;
    }

    /**
     * Removes a key.
     *
     * @return the removed value, or null when absent
     */
    @SuppressWarnings("unchecked")
    public V remove(final long rd, final long hi, final long lo, final int length)
    {
        final int i = slot(rd, hi, lo, length);
        if (i < 0)
        {
            return null;
        }
        final V previous = (V)value(i);
        size--;
        // backward-shift deletion keeps every probe chain unbroken without tombstones
        int gap = i;
        int j = i;
        while (true)
        {
            j = (j + 1) & mask;
            final long[] page = keyPage(j);
            final int base = base(j);
            final long meta = page[base + META];
            if (free(meta))
            {
                break;
            }
            final int home = hash(page[base + RD], page[base + HI], page[base + LO], length(meta)) & mask;
            if (((j - home) & mask) >= ((j - gap) & mask))
            {
                System.arraycopy(page, base, keyPage(gap), base(gap), LONGS_PER_SLOT);
                value(gap, value(j));
                gap = j;
            }
        }
        keyPage(gap)[base(gap) + META] = 0;
        value(gap, null);
        return previous;
    }

    private void grow()
    {
        final long[][] oldKeys = keys;
        final Object[][] oldValues = values;
        allocate(capacity * 2);
        for (int p = 0; p < oldKeys.length; p++)
        {
            final long[] page = oldKeys[p];
            for (int o = 0; o < oldValues[p].length; o++)
            {
                final int base = LONGS_PER_SLOT * o;
                final long meta = page[base + META];
                if (!free(meta))
                {
                    final int s = -1 - slot(page[base + RD], page[base + HI], page[base + LO], length(meta));
                    System.arraycopy(page, base, keyPage(s), base(s), LONGS_PER_SLOT);
                    value(s, oldValues[p][o]);
                }
            }
            oldKeys[p] = null; // let the collector take the old pages as they are moved
            oldValues[p] = null;
        }
    }

    /** Removes everything and shrinks back. */
    public void clear()
    {
        allocate(MIN_CAPACITY);
        size = 0;
    }

    /** Visits every entry; the table must not be changed during the visit. */
    public void forEach(final Visitor<V> visitor)
    {
        forEach(visitor, Integer.MAX_VALUE);
    }

    /**
     * Visits at most {@code limit} entries (a listing cut at a size); the table must not be changed during the
     * visit.
     *
     * @return the entries visited
     */
    @SuppressWarnings("unchecked")
    public int forEach(final Visitor<V> visitor, final int limit)
    {
        int visited = 0;
        for (int i = 0; i < capacity && visited < limit; i++)
        {
            final long[] page = keyPage(i);
            final int base = base(i);
            final long meta = page[base + META];
            if (!free(meta))
            {
                visitor.visit(page[base + RD], page[base + HI], page[base + LO], length(meta), label(meta),
                    (V)value(i));
                visited++;
            }
        }
        return visited;
    }

    /**
     * Receives the entries of {@link #forEach}.
     *
     * @param <V> the value type
     */
    @FunctionalInterface
    public interface Visitor<V>
    {
        /** One entry. */
        void visit(long rd, long hi, long lo, int length, int label, V value);
    }
}
