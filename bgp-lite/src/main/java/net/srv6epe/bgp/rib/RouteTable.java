package net.srv6epe.bgp.rib;

import java.util.Arrays;

/**
 * An open-addressing hash table (linear probing, backward-shift deletion) from a route key in primitive form
 * (route distinguisher, prefix high and low 64 bits, prefix length; the RD is 0 for IPv6 unicast) to an object
 * value and an int (the NLRI label field). About 36 octets per slot and no object per key: this is what keeps a
 * VPNv6 route well under 300 octets. Not thread safe.
 *
 * @param <V> the value type
 */
public final class RouteTable<V>
{
    private static final int EMPTY = -1;
    private static final int MIN_CAPACITY = 16;
    /** Linear probing stays short at 0.8 with the mixing hash below, and the table stays dense. */
    private static final double MAX_LOAD = 0.8;

    private long[] keys;
    private int[] lengths;
    private int[] labels;
    private Object[] values;
    private int size;
    private int mask;
    private int resizeAt;

    /** An empty table. */
    public RouteTable()
    {
        allocate(MIN_CAPACITY);
    }

    private void allocate(final int capacity)
    {
        keys = new long[capacity * 3];
        lengths = new int[capacity];
        Arrays.fill(lengths, EMPTY);
        labels = new int[capacity];
        values = new Object[capacity];
        mask = capacity - 1;
        resizeAt = (int)(capacity * MAX_LOAD);
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

    private int slot(final long rd, final long hi, final long lo, final int length)
    {
        int i = hash(rd, hi, lo, length) & mask;
        while (lengths[i] != EMPTY)
        {
            if (lengths[i] == length && keys[3 * i] == rd && keys[3 * i + 1] == hi && keys[3 * i + 2] == lo)
            {
                return i;
            }
            i = (i + 1) & mask;
        }
        return -1 - i;
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
        return i < 0 ? null : (V)values[i];
    }

    /** The label of a key, or -1 when absent. */
    public int label(final long rd, final long hi, final long lo, final int length)
    {
        final int i = slot(rd, hi, lo, length);
        return i < 0 ? -1 : labels[i];
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
            final V previous = (V)values[i];
            values[i] = value;
            labels[i] = label;
            return previous;
        }
        if (size + 1 > resizeAt)
        {
            grow();
            i = slot(rd, hi, lo, length);
        }
        i = -1 - i;
        keys[3 * i] = rd;
        keys[3 * i + 1] = hi;
        keys[3 * i + 2] = lo;
        lengths[i] = length;
        labels[i] = label;
        values[i] = value;
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
        int i = slot(rd, hi, lo, length);
        if (i < 0)
        {
            return null;
        }
        final V previous = (V)values[i];
        size--;
        // backward-shift deletion keeps every probe chain unbroken without tombstones
        int gap = i;
        int j = i;
        while (true)
        {
            j = (j + 1) & mask;
            if (lengths[j] == EMPTY)
            {
                break;
            }
            final int home = hash(keys[3 * j], keys[3 * j + 1], keys[3 * j + 2], lengths[j]) & mask;
            if (((j - home) & mask) >= ((j - gap) & mask))
            {
                move(j, gap);
                gap = j;
            }
        }
        lengths[gap] = EMPTY;
        values[gap] = null;
        return previous;
    }

    private void move(final int from, final int to)
    {
        keys[3 * to] = keys[3 * from];
        keys[3 * to + 1] = keys[3 * from + 1];
        keys[3 * to + 2] = keys[3 * from + 2];
        lengths[to] = lengths[from];
        labels[to] = labels[from];
        values[to] = values[from];
    }

    private void grow()
    {
        final long[] oldKeys = keys;
        final int[] oldLengths = lengths;
        final int[] oldLabels = labels;
        final Object[] oldValues = values;
        allocate(lengths.length * 2);
        for (int i = 0; i < oldLengths.length; i++)
        {
            if (oldLengths[i] != EMPTY)
            {
                final int s = -1 - slot(oldKeys[3 * i], oldKeys[3 * i + 1], oldKeys[3 * i + 2], oldLengths[i]);
                keys[3 * s] = oldKeys[3 * i];
                keys[3 * s + 1] = oldKeys[3 * i + 1];
                keys[3 * s + 2] = oldKeys[3 * i + 2];
                lengths[s] = oldLengths[i];
                labels[s] = oldLabels[i];
                values[s] = oldValues[i];
            }
        }
    }

    /** Removes everything and shrinks back. */
    public void clear()
    {
        allocate(MIN_CAPACITY);
        size = 0;
    }

    /** Visits every entry; the table must not be changed during the visit. */
    @SuppressWarnings("unchecked")
    public void forEach(final Visitor<V> visitor)
    {
        for (int i = 0; i < lengths.length; i++)
        {
            if (lengths[i] != EMPTY)
            {
                visitor.visit(keys[3 * i], keys[3 * i + 1], keys[3 * i + 2], lengths[i], labels[i], (V)values[i]);
            }
        }
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
