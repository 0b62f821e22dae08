package net.srv6epe.bgp.rib;

/**
 * One path competing for a prefix in a {@link SelectionTable}: which peer sent it, its RD and label field (a VPN
 * route imported into a VRF), and its interned attributes. Immutable.
 *
 * @param peer       the peer's RIB id
 * @param rd         route distinguisher (0 for IPv6 unicast)
 * @param label      the NLRI's first label field (0 for IPv6 unicast)
 * @param attributes interned attributes
 */
public record Candidate(int peer, long rd, int label, PathAttributes attributes)
{
    /** Same peer and RD: the same path, possibly with new attributes. */
    public boolean samePath(final int otherPeer, final long otherRd)
    {
        return peer == otherPeer && rd == otherRd;
    }
}
