package net.srv6epe.vrf.fib;

import java.util.Arrays;

/**
 * Builds the {@link PopTrie} of one slot from its sorted {@link RouteList}. Nodes are laid out depth first with
 * the children of each node reserved contiguously before descending, leaves are leaf-pushed (a chunk value not
 * covered by a longer route inherits the best route of its parent) and runs of equal leaves are stored once.
 * Not thread safe; reusable for many slots.
 */
final class PopTrieBuilder
{
    private static final int MAX_DEPTH = 20;
    private static final int FANOUT = 64;

    private long[] nodes = new long[3 * 64];
    private int nodeLongs;
    private int[] leaves = new int[64];
    private int leafCount;

    private final int[][] best = new int[MAX_DEPTH][FANOUT];
    private final int[][] bestLength = new int[MAX_DEPTH][FANOUT];
    private final int[][] childFrom = new int[MAX_DEPTH][FANOUT];
    private final int[][] childTo = new int[MAX_DEPTH][FANOUT];
    private final int[][] childRoutes = new int[MAX_DEPTH][FANOUT];

    private long[] entries = new long[64];
    private int entryLongs;

    private RouteList routes;

    /** Builds the trie of a non-empty slot whose routes are all longer than {@link PopTrie#FIRST_OFFSET}. */
    long[] build(final RouteList slotRoutes)
    {
        routes = slotRoutes;
        nodeLongs = 3;
        leafCount = 0;
        entryLongs = 0;
        buildNode(0, PopTrie.FIRST_OFFSET, 0, 0, slotRoutes.size(), LpmTable.NO_ROUTE);
        routes = null;

        final int leafStart = 2 * nodeLongs;
        final int entryStart = nodeLongs + (leafCount + 1) / 2;
        final long[] t = new long[entryStart + entryLongs];
        System.arraycopy(nodes, 0, t, 0, nodeLongs);
        System.arraycopy(entries, 0, t, entryStart, entryLongs);
        for (int n = 0; n < nodeLongs; n += 3)
        {
            t[n + 2] += leafStart;
        }
        for (int i = 0; i < leafCount; i++)
        {
            final int p = leafStart + i;
            int leaf = leaves[i];
            if (leaf < LpmTable.NO_ROUTE)
            {
                leaf = ~(entryStart + (-2 - leaf));
            }
            t[p >> 1] |= (leaf & 0xFFFFFFFFL) << ((p & 1) << 5);
        }
        return t;
    }

    private void buildNode(
        final int node, final int offset, final int depth, final int from, final int to, final int inherited)
    {
        final int[] best = this.best[depth];
        final int[] bestLength = this.bestLength[depth];
        final int[] childFrom = this.childFrom[depth];
        final int[] childTo = this.childTo[depth];
        final int[] childRoutes = this.childRoutes[depth];
        Arrays.fill(best, inherited);
        Arrays.fill(childRoutes, 0);
        Arrays.fill(bestLength, -1);
        Arrays.fill(childFrom, -1);

        final int end = offset + PopTrie.STRIDE;
        for (int i = from; i < to; i++)
        {
            final int length = routes.length(i);
            if (length <= offset)
            {
                continue; // handled by an ancestor
            }
            final int c = PopTrie.chunk(routes.hi[i], routes.lo[i], offset);
            if (length <= end)
            {
                final int span = 1 << (end - length);
                for (int j = c; j < c + span; j++)
                {
                    if (length > bestLength[j])
                    {
                        bestLength[j] = length;
                        best[j] = routes.value[i];
                    }
                }
            }
            else
            {
                if (childFrom[c] < 0)
                {
                    childFrom[c] = i;
                }
                childTo[c] = i + 1;
                childRoutes[c]++;
            }
        }

        long children = 0;
        long leafRuns = 0;
        int childCount = 0;
        final int firstLeaf = leafCount;
        boolean anyLeaf = false;
        int previousLeaf = 0;
        for (int c = 0; c < FANOUT; c++)
        {
            if (childRoutes[c] > 1)
            {
                children |= 1L << c;
                childCount++;
                continue;
            }
            final int leaf = childRoutes[c] == 1 ? compressedLeaf(longRoute(childFrom[c], offset), best[c]) : best[c];
            if (!anyLeaf || leaf != previousLeaf)
            {
                leafRuns |= 1L << c;
                appendLeaf(leaf);
                anyLeaf = true;
                previousLeaf = leaf;
            }
        }

        final int firstChild = nodeLongs;
        ensureNodes(nodeLongs + 3 * childCount);
        nodeLongs += 3 * childCount;
        nodes[node] = children;
        nodes[node + 1] = leafRuns;
        nodes[node + 2] = ((long)firstChild << 32) | firstLeaf;

        int child = firstChild;
        for (int c = 0; c < FANOUT; c++)
        {
            if (childRoutes[c] > 1)
            {
                buildNode(child, end, depth + 1, childFrom[c], childTo[c], best[c]);
                child += 3;
            }
        }
    }

    /** The first route in the chunk's range longer than the node's stride (skipping the node's own routes). */
    private int longRoute(final int from, final int offset)
    {
        int i = from;
        while (routes.length(i) <= offset + PopTrie.STRIDE)
        {
            i++;
        }
        return i;
    }

    /**
     * Single-route path compression: a chunk below which exactly one route lives gets an entry holding that
     * route's prefix instead of a chain of one-child nodes. Returns the provisional leaf code {@code -2 - offset}
     * for the entry at that long offset of the entry region; {@link #build} rewrites it to {@code ~longIndex} once the entry region's position is known.
     */
    private int compressedLeaf(final int route, final int inherited)
    {
        if (entryLongs + 3 > entries.length)
        {
            entries = Arrays.copyOf(entries, entries.length * 2);
        }
        final int offset = entryLongs;
        final int length = routes.length(route);
        entries[entryLongs++] = ((long)length << 56) | ((long)routes.value[route] << 32) |
            (inherited & 0xFFFFFFFFL);
        entries[entryLongs++] = routes.hi[route];
        if (length > 64)
        {
            entries[entryLongs++] = routes.lo[route];
        }
        return -2 - offset;
    }

    private void appendLeaf(final int value)
    {
        if (leafCount == leaves.length)
        {
            leaves = Arrays.copyOf(leaves, leaves.length * 2);
        }
        leaves[leafCount++] = value;
    }

    private void ensureNodes(final int longs)
    {
        if (longs > nodes.length)
        {
            nodes = Arrays.copyOf(nodes, Math.max(longs, nodes.length * 2));
        }
    }
}
