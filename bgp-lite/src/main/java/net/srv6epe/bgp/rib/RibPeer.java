package net.srv6epe.bgp.rib;

import net.srv6epe.srv6.Ipv6Address;

/**
 * What the RIB needs to know about a neighbor: its address (best-path tie break, RFC 4271 9.1.2.2 g), AS and
 * BGP identifier (eBGP/iBGP, RFC 4271 9.1.2.2 d-f) and its max-prefix limit.
 *
 * @param name           the neighbor's key in text form (its address), used in causes and counters
 * @param addressHi      peer address high 64 bits (an IPv4 peer as ::ffff:a.b.c.d)
 * @param addressLo      peer address low 64 bits
 * @param peerAs         the peer's AS
 * @param external       true for eBGP (peer AS differs from ours)
 * @param bgpId          the peer's BGP identifier (from its OPEN)
 * @param maxPrefix      routes accepted from this peer over all families; 0 for no limit
 * @param warningPercent percentage of {@code maxPrefix} at which a warning is raised (1..100)
 */
public record RibPeer(String name, long addressHi, long addressLo, long peerAs, boolean external, int bgpId,
    int maxPrefix, int warningPercent)
{
    /**
     * @throws IllegalArgumentException naming the field
     */
    public RibPeer
    {
        if (name == null || name.isEmpty())
        {
            throw new IllegalArgumentException("peer name missing");
        }
        if (maxPrefix < 0)
        {
            throw new IllegalArgumentException("peer " + name + " max-prefix " + maxPrefix + " < 0");
        }
        if (warningPercent < 1 || warningPercent > 100)
        {
            throw new IllegalArgumentException("peer " + name + " max-prefix warning " + warningPercent +
                "% outside 1..100");
        }
    }

    /** An IPv6 peer without a prefix limit. */
    public static RibPeer ipv6(final String address, final long peerAs, final boolean external, final int bgpId)
    {
        return new RibPeer(address, Ipv6Address.parseHi(address), Ipv6Address.parseLo(address), peerAs, external,
            bgpId, 0, 100);
    }

    /** A copy with a prefix limit. */
    public RibPeer withMaxPrefix(final int limit, final int warningAtPercent)
    {
        return new RibPeer(name, addressHi, addressLo, peerAs, external, bgpId, limit, warningAtPercent);
    }

    /** The route count at which the warning is raised, or 0 without a limit. */
    public int warningThreshold()
    {
        return maxPrefix == 0 ? 0 : Math.max(1, (int)((long)maxPrefix * warningPercent / 100));
    }
}
