package net.srv6epe.vrf.fib;

import java.util.Arrays;

/**
 * The routes of one slot of an {@link LpmTable}, sorted by address (unsigned) and then length, as parallel
 * primitive arrays. Immutable once built; shared between snapshots and the builder's unchanged slots.
 */
final class RouteList
{
    static final RouteList EMPTY = new RouteList(new long[0], new long[0], new byte[0], new int[0]);

    final long[] hi;
    final long[] lo;
    final byte[] length;
    final int[] value;

    private RouteList(final long[] hi, final long[] lo, final byte[] length, final int[] value)
    {
        this.hi = hi;
        this.lo = lo;
        this.length = length;
        this.value = value;
    }

    /** The first {@code n} entries of sorted parallel arrays (taken as they are when exactly {@code n} long). */
    static RouteList of(final long[] hi, final long[] lo, final byte[] length, final int[] value, final int n)
    {
        if (n == 0)
        {
            return EMPTY;
        }
        if (hi.length == n)
        {
            return new RouteList(hi, lo, length, value);
        }
        return new RouteList(Arrays.copyOf(hi, n), Arrays.copyOf(lo, n), Arrays.copyOf(length, n),
            Arrays.copyOf(value, n));
    }

    int size()
    {
        return hi.length;
    }

    int length(final int i)
    {
        return length[i] & 0xFF;
    }

    /** Index of the exact prefix, or -1. */
    int indexOf(final long prefixHi, final long prefixLo, final int prefixLength)
    {
        int low = 0;
        int high = hi.length - 1;
        while (low <= high)
        {
            final int mid = (low + high) >>> 1;
            int c = Long.compareUnsigned(hi[mid], prefixHi);
            if (c == 0)
            {
                c = Long.compareUnsigned(lo[mid], prefixLo);
            }
            if (c == 0)
            {
                c = Integer.compare(length(mid), prefixLength);
            }
            if (c < 0)
            {
                low = mid + 1;
            }
            else if (c > 0)
            {
                high = mid - 1;
            }
            else
            {
                return mid;
            }
        }
        return -1;
    }

    /** Retained heap of the arrays, for memory reports. */
    long sizeInBytes()
    {
        return 4L * 16 + hi.length * (8L + 8 + 1 + 4);
    }
}
