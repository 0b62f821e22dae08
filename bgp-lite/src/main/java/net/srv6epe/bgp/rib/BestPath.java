package net.srv6epe.bgp.rib;

/**
 * The BGP decision process between two paths to one prefix (RFC 4271 9.1.2.2, RFC 4456 9), in order:
 * <ol>
 *   <li>highest LOCAL_PREF (9.1.1);</li>
 *   <li>shortest AS_PATH, an AS_SET counting 1 (a);</li>
 *   <li>lowest ORIGIN (b);</li>
 *   <li>lowest MULTI_EXIT_DISC, only between paths from the same neighbor AS, absent = 0 (c);</li>
 *   <li>eBGP over iBGP (d);</li>
 *   <li>lowest BGP identifier, the ORIGINATOR_ID taking its place when present (f, RFC 4456 9);</li>
 *   <li>lowest peer address (g);</li>
 *   <li>then lowest RD and label, so the choice never depends on arrival order.</li>
 * </ol>
 * IGP cost to the next hop (e) is not known here and treated as equal. MED is compared pairwise, so with MEDs
 * from several neighbor ASes the order can depend on comparison order, as RFC 4271 9.1.2.2 c notes.
 */
public final class BestPath
{
    private BestPath()
    {
    }

    /**
     * @return negative when {@code a} is better, positive when {@code b} is, 0 for the same path
     */
    public static int compare(final Candidate a, final RibPeer peerA, final Candidate b, final RibPeer peerB)
    {
        final PathAttributes x = a.attributes();
        final PathAttributes y = b.attributes();
        int c = Long.compare(y.localPref(), x.localPref());
        if (c != 0)
        {
            return c;
        }
        c = Integer.compare(x.asPathLength(), y.asPathLength());
        if (c != 0)
        {
            return c;
        }
        c = Integer.compare(x.origin(), y.origin());
        if (c != 0)
        {
            return c;
        }
        if (x.neighborAs() == y.neighborAs())
        {
            c = Long.compare(x.med(), y.med());
            if (c != 0)
            {
                return c;
            }
        }
        if (peerA.external() != peerB.external())
        {
            return peerA.external() ? -1 : 1;
        }
        c = Integer.compareUnsigned(x.hasOriginatorId() ? x.originatorId() : peerA.bgpId(),
            y.hasOriginatorId() ? y.originatorId() : peerB.bgpId());
        if (c != 0)
        {
            return c;
        }
        c = Long.compareUnsigned(peerA.addressHi(), peerB.addressHi());
        if (c != 0)
        {
            return c;
        }
        c = Long.compareUnsigned(peerA.addressLo(), peerB.addressLo());
        if (c != 0)
        {
            return c;
        }
        c = Long.compareUnsigned(a.rd(), b.rd());
        return c != 0 ? c : Integer.compare(a.label(), b.label());
    }
}
