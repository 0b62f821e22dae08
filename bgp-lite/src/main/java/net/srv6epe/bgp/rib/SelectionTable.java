package net.srv6epe.bgp.rib;

import java.util.function.IntFunction;

/**
 * Best path per prefix among the paths offered for it (a VRF's table on the content server, a global IPv6 table):
 * prefix -> one {@link Candidate}, or an array of them with the best first. Most prefixes have one path, so no
 * list object is made for them. Not thread safe.
 */
public final class SelectionTable
{
    private final RouteTable<Object> table = new RouteTable<>();
    private final IntFunction<RibPeer> peers;
    private Candidate previousBest;

    /**
     * @param peers resolves a candidate's peer id (for the decision process)
     */
    public SelectionTable(final IntFunction<RibPeer> peers)
    {
        this.peers = peers;
    }

    /** Prefixes with at least one path. */
    public int size()
    {
        return table.size();
    }

    /** The best path for a prefix, or null. */
    public Candidate best(final long hi, final long lo, final int length)
    {
        final Object v = table.get(0, hi, lo, length);
        return v == null ? null : v instanceof Candidate c ? c : ((Candidate[])v)[0];
    }

    /** Every path for a prefix, best first (empty when none). */
    public Candidate[] paths(final long hi, final long lo, final int length)
    {
        final Object v = table.get(0, hi, lo, length);
        return v == null ? new Candidate[0] : v instanceof Candidate c ? new Candidate[]{c} : ((Candidate[])v).clone();
    }

    /** The best path of the prefix before the last {@link #offer} or {@link #retract}, or null when it had none. */
    public Candidate previousBest()
    {
        return previousBest;
    }

    /**
     * Adds a path, or replaces the one from the same peer with the same RD.
     *
     * @return the best path after the change ({@link #previousBest()}: before it)
     */
    public Candidate offer(final long hi, final long lo, final int length, final Candidate candidate)
    {
        // most prefixes have one path, which the candidate creates or replaces: one probe of the table
        final Object v = table.put(0, hi, lo, length, 0, candidate);
        previousBest = v == null ? null : v instanceof Candidate c ? c : ((Candidate[])v)[0];
        if (v == null || (v instanceof Candidate c && c.samePath(candidate.peer(), candidate.rd())))
        {
            return candidate;
        }
        final Candidate[] old = v instanceof Candidate c ? new Candidate[]{c} : (Candidate[])v;
        Candidate[] next = null;
        for (int i = 0; i < old.length; i++)
        {
            if (old[i].samePath(candidate.peer(), candidate.rd()))
            {
                next = old.clone();
                next[i] = candidate;
                break;
            }
        }
        if (next == null)
        {
            next = new Candidate[old.length + 1];
            System.arraycopy(old, 0, next, 0, old.length);
            next[old.length] = candidate;
        }
        sortBestFirst(next);
        table.put(0, hi, lo, length, 0, next);
        return next[0];
    }

    /**
     * Removes the path from a peer with an RD.
     *
     * @return the best path after the change, or null when none is left ({@link #previousBest()}: before it)
     */
    public Candidate retract(final long hi, final long lo, final int length, final int peer, final long rd)
    {
        final Object v = table.get(0, hi, lo, length);
        previousBest = v == null ? null : v instanceof Candidate c ? c : ((Candidate[])v)[0];
        if (v == null)
        {
            return null;
        }
        if (v instanceof Candidate c)
        {
            if (c.samePath(peer, rd))
            {
                table.remove(0, hi, lo, length);
                return null;
            }
            return c;
        }
        final Candidate[] old = (Candidate[])v;
        int found = -1;
        for (int i = 0; i < old.length; i++)
        {
            if (old[i].samePath(peer, rd))
            {
                found = i;
            }
        }
        if (found < 0)
        {
            return old[0];
        }
        if (old.length == 2)
        {
            final Candidate left = old[1 - found];
            table.put(0, hi, lo, length, 0, left);
            return left;
        }
        final Candidate[] next = new Candidate[old.length - 1];
        for (int i = 0, j = 0; i < old.length; i++)
        {
            if (i != found)
            {
                next[j++] = old[i];
            }
        }
        sortBestFirst(next);
        table.put(0, hi, lo, length, 0, next);
        return next[0];
    }

    private void sortBestFirst(final Candidate[] paths)
    {
        // insertion sort: a handful of paths per prefix
        for (int i = 1; i < paths.length; i++)
        {
            final Candidate p = paths[i];
            int j = i - 1;
            while (j >= 0 && BestPath.compare(p, peers.apply(p.peer()), paths[j], peers.apply(paths[j].peer())) < 0)
            {
                paths[j + 1] = paths[j];
                j--;
            }
            paths[j + 1] = p;
        }
    }

    /** Visits the best path of every prefix. */
    public void forEachBest(final BestVisitor visitor)
    {
        table.forEach((rd, hi, lo, length, label, v) ->
            visitor.visit(hi, lo, length, v instanceof Candidate c ? c : ((Candidate[])v)[0]));
    }

    /** Receives {@link #forEachBest} entries. */
    @FunctionalInterface
    public interface BestVisitor
    {
        /** The best path of one prefix. */
        void visit(long hi, long lo, int length, Candidate best);
    }
}
