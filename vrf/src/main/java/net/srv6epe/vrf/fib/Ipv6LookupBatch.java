package net.srv6epe.vrf.fib;

/**
 * Reusable scratch for {@link Ipv6Fib#lookup(Ipv6LookupBatch, int)}: the pipeline fills in the destinations of a
 * packet batch, runs one batched lookup and reads the route indexes back. One per worker thread; allocated once,
 * so the lookup itself allocates nothing.
 *
 * <p>Why batch: with a million routes the deeper trie levels do not fit in cache, and one lookup is a chain of
 * dependent cache misses. Walking a batch level by level issues the misses of all its lookups together, so the
 * memory system serves them in parallel.
 */
public final class Ipv6LookupBatch
{
    final long[] hi;
    final long[] lo;
    final int[] result;
    final int[] node;
    final long[][] trie;

    /** @param capacity the largest batch (packet burst) size */
    public Ipv6LookupBatch(final int capacity)
    {
        hi = new long[capacity];
        lo = new long[capacity];
        result = new int[capacity];
        node = new int[capacity];
        trie = new long[capacity][];
    }

    public int capacity()
    {
        return hi.length;
    }

    /** Sets the destination of lookup {@code i}. */
    public void address(final int i, final long addressHi, final long addressLo)
    {
        hi[i] = addressHi;
        lo[i] = addressLo;
    }

    /** The route index of lookup {@code i} after {@link Ipv6Fib#lookup(Ipv6LookupBatch, int)}, or NO_ROUTE. */
    public int result(final int i)
    {
        return result[i];
    }
}
