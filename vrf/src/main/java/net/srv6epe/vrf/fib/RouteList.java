package net.srv6epe.vrf.fib;

import net.srv6epe.vrf.prefix.Ipv6Prefix;

import java.util.Map;

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

    /** Copies a sorted map (its iteration order is the list order). */
    static RouteList of(final Map<Ipv6Prefix, Integer> sorted)
    {
        final int n = sorted.size();
        if (n == 0)
        {
            return EMPTY;
        }
        final long[] hi = new long[n];
        final long[] lo = new long[n];
        final byte[] length = new byte[n];
        final int[] value = new int[n];
        int i = 0;
        for (final Map.Entry<Ipv6Prefix, Integer> e : sorted.entrySet())
        {
            hi[i] = e.getKey().hi();
            lo[i] = e.getKey().lo();
            length[i] = (byte)e.getKey().length();
            value[i] = e.getValue();
            i++;
        }
        return new RouteList(hi, lo, length, value);
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
