package net.srv6epe.vrf.fib;

import java.util.Arrays;

/**
 * The changes an {@link LpmTableBuilder} has not built yet: an open-addressing hash table (linear probing) from a
 * prefix key (high and low 64 bits, length) to the route index it will have, or {@link LpmTable#NO_ROUTE} when it
 * is to be removed. Primitive arrays only, so a batch of a million changes costs a few dozen megabytes and no
 * object per change. Single-threaded.
 */
final class PendingRoutes
{
    /** Returned by {@link #get} for a key with no pending change. */
    static final int ABSENT = Integer.MIN_VALUE;

    private static final int MIN_CAPACITY = 16;
    private static final byte EMPTY = -1;

    private long[] hi;
    private long[] lo;
    private byte[] length;
    private int[] value;
    private int size;
    private int mask;
    private int resizeAt;

    PendingRoutes()
    {
        allocate(MIN_CAPACITY);
    }

    private void allocate(final int capacity)
    {
        hi = new long[capacity];
        lo = new long[capacity];
        length = new byte[capacity];
        Arrays.fill(length, EMPTY);
        value = new int[capacity];
        mask = capacity - 1;
        resizeAt = capacity / 4 * 3;
    }

    int size()
    {
        return size;
    }

    /** The pending value of a key: a route index, {@link LpmTable#NO_ROUTE} (removal), or {@link #ABSENT}. */
    int get(final long keyHi, final long keyLo, final int keyLength)
    {
        final int i = slot(keyHi, keyLo, keyLength);
        return i < 0 ? ABSENT : value[i];
    }

    /**
     * Records the value a key will have after the next build.
     *
     * @return the key's pending value before, or {@link #ABSENT}
     */
    int put(final long keyHi, final long keyLo, final int keyLength, final int routeValue)
    {
        int i = slot(keyHi, keyLo, keyLength);
        if (i >= 0)
        {
            final int previous = value[i];
            value[i] = routeValue;
            return previous;
        }
        if (size + 1 > resizeAt)
        {
            grow();
            i = slot(keyHi, keyLo, keyLength);
        }
        i = -1 - i;
        hi[i] = keyHi;
        lo[i] = keyLo;
        length[i] = (byte)keyLength;
        value[i] = routeValue;
        size++;
        return ABSENT;
    }

    /**
     * Copies every pending change into the arrays (which must hold {@link #size()} entries), in no particular
     * order, and forgets them.
     */
    void drainTo(final long[] outHi, final long[] outLo, final byte[] outLength, final int[] outValue)
    {
        int n = 0;
        for (int i = 0; i < length.length; i++)
        {
            if (length[i] != EMPTY)
            {
                outHi[n] = hi[i];
                outLo[n] = lo[i];
                outLength[n] = length[i];
                outValue[n] = value[i];
                n++;
            }
        }
        allocate(MIN_CAPACITY);
        size = 0;
    }

    private static int hash(final long keyHi, final long keyLo, final int keyLength)
    {
        long h = (keyHi ^ keyLength) * 0x9E3779B97F4A7C15L;
        h = (h ^ keyLo) * 0xC2B2AE3D27D4EB4FL;
        h ^= h >>> 29;
        return (int)(h ^ (h >>> 32));
    }

    private int slot(final long keyHi, final long keyLo, final int keyLength)
    {
        int i = hash(keyHi, keyLo, keyLength) & mask;
        final byte l = (byte)keyLength;
        while (length[i] != EMPTY)
        {
            if (length[i] == l && hi[i] == keyHi && lo[i] == keyLo)
            {
                return i;
            }
            i = (i + 1) & mask;
        }
        return -1 - i;
    }

    private void grow()
    {
        final long[] oldHi = hi;
        final long[] oldLo = lo;
        final byte[] oldLength = length;
        final int[] oldValue = value;
        allocate(oldLength.length * 2);
        for (int i = 0; i < oldLength.length; i++)
        {
            if (oldLength[i] != EMPTY)
            {
                final int s = -1 - slot(oldHi[i], oldLo[i], oldLength[i] & 0xFF);
                hi[s] = oldHi[i];
                lo[s] = oldLo[i];
                length[s] = oldLength[i];
                value[s] = oldValue[i];
            }
        }
    }
}
