package net.srv6epe.vrf.fib;

/**
 * A poptrie (Asai and Ohara, SIGCOMM 2015) below one 16-bit slot of an {@link LpmTable}: stride-6 nodes, each
 * with a 64-bit child bitmap and a 64-bit leaf-run bitmap, whose children and (run-compressed) leaves are found by
 * {@link Long#bitCount} over the bits up to the chunk. Routes are leaf-pushed inside the slot, so a lookup stops at
 * the first leaf it meets. Everything lives in one {@code long[]}:
 *
 * <pre>
 *  node (3 longs, at a long index n):
 *    t[n]     child bitmap: bit c set when chunk value c leads to a child node
 *    t[n + 1] leaf bitmap:  bit c set when chunk value c is a leaf that starts a new run of equal leaves
 *    t[n + 2] (long index of the first child node) &lt;&lt; 32 | (int index of the first leaf of this node)
 *  leaves: ints packed two per long after the nodes, at int index p = long p &gt;&gt; 1, half p &amp; 1;
 *          a leaf &gt;= 0 is a route, -1 is no route, and ~e (&lt;= -2) points at a compressed entry at long e
 *  compressed entries (after the leaves): length &lt;&lt; 56 | route &lt;&lt; 32 | inherited route, prefix hi,
 *          and prefix lo only when the length exceeds 64 (16 bytes for a /48, 24 for a /128)
 * </pre>
 *
 * A chunk value below which exactly one route lives points at a compressed entry instead of a chain of
 * one-child nodes (single-route path compression): the lookup compares the address with the entry's prefix and
 * returns the route or, on mismatch, the route inherited from above.
 *
 * Chunks start at bit 16 of the address and advance by 6 (16, 22, ... 58, 64, ... 118, 124); the last chunk
 * holds bits 124..127 followed by two zero bits. IPv4 addresses use the same trie placed in the top 32 bits of
 * {@code hi}. A leaf of {@link LpmTable#NO_ROUTE} means "nothing inside the slot covers the address".
 */
final class PopTrie
{
    /** Bit offset of the first chunk: the bits above it select the slot. */
    static final int FIRST_OFFSET = 16;
    static final int STRIDE = 6;
    /** Largest route index a compressed entry can hold (24 bits). */
    static final int MAX_ROUTE = 0xFF_FFFF;

    private PopTrie()
    {
    }

    /** The chunk of {@code STRIDE} bits of the 128-bit key starting at bit {@code offset}. */
    static int chunk(final long hi, final long lo, final int offset)
    {
        if (offset < 64)
        {
            return (int)(hi >>> (58 - offset)) & 63;
        }
        if (offset < 124)
        {
            return (int)(lo >>> (122 - offset)) & 63;
        }
        return (int)(lo << 2) & 63;
    }

    /** Longest-prefix match inside the slot; {@link LpmTable#NO_ROUTE} when no route of the slot covers it. */
    static int lookup(final long[] t, final long hi, final long lo)
    {
        int node = 0;
        int offset = FIRST_OFFSET;
        while (true)
        {
            final int c = chunk(hi, lo, offset);
            final long upTo = -1L >>> (63 - c);
            final long children = t[node];
            final long bases = t[node + 2];
            if ((children & upTo) >>> c != 0)
            {
                node = (int)(bases >>> 32) + 3 * (Long.bitCount(children & upTo) - 1);
                offset += STRIDE;
            }
            else
            {
                return leaf(t, (int)bases + Long.bitCount(t[node + 1] & upTo) - 1, hi, lo);
            }
        }
    }

    /** The route of the leaf at int index {@code p}, resolving a compressed entry against the address. */
    static int leaf(final long[] t, final int p, final long hi, final long lo)
    {
        final int leaf = (int)(t[p >> 1] >>> ((p & 1) << 5));
        if (leaf >= LpmTable.NO_ROUTE)
        {
            return leaf;
        }
        final int e = ~leaf;
        final long meta = t[e];
        final int length = (int)(meta >>> 56);
        final int route = (int)(meta >>> 32) & MAX_ROUTE;
        if (length <= 64)
        {
            return (hi & (-1L << (64 - length))) == t[e + 1] ? route : (int)meta;
        }
        return hi == t[e + 1] && (lo & (-1L << (128 - length))) == t[e + 2] ? route : (int)meta;
    }

    /**
     * Walks several independent lookups level by level, so that their cache misses overlap instead of being
     * paid one after another (memory-level parallelism; the same idea as DPDK's bulk LPM lookup).
     *
     * @param trie per lookup, the slot's trie; null marks a lookup already resolved in {@code result}
     * @param node scratch, one per lookup
     * @return nothing; {@code result[i]} holds the slot-local match or {@link LpmTable#NO_ROUTE}
     */
    static void lookupBatch(
        final long[][] trie, final long[] hi, final long[] lo, final int count, final int[] node, final int[] result)
    {
        int active = 0;
        for (int i = 0; i < count; i++)
        {
            node[i] = 0;
            if (trie[i] != null)
            {
                active++;
            }
        }
        int offset = FIRST_OFFSET;
        while (active > 0)
        {
            active = 0;
            for (int i = 0; i < count; i++)
            {
                final long[] t = trie[i];
                if (t == null)
                {
                    continue;
                }
                final int n = node[i];
                final int c = chunk(hi[i], lo[i], offset);
                final long upTo = -1L >>> (63 - c);
                final long children = t[n];
                final long bases = t[n + 2];
                if ((children & upTo) >>> c != 0)
                {
                    node[i] = (int)(bases >>> 32) + 3 * (Long.bitCount(children & upTo) - 1);
                    active++;
                }
                else
                {
                    result[i] = leaf(t, (int)bases + Long.bitCount(t[n + 1] & upTo) - 1, hi[i], lo[i]);
                    trie[i] = null;
                }
            }
            offset += STRIDE;
        }
    }
}
