package net.srv6epe.bgp.role;

import net.srv6epe.srv6.Ipv6Address;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The ASBR role: egress peers with their VRFs, the locator SIDs come from, whether SIDs are advertised
 * transposed (RFC 9252 4: function bits in the label, as FRR does) or whole (as GoBGP relays them), and the
 * data-plane address advertised as next hop.
 *
 * @param dataplaneHi   our data-plane address (VPNv6 and locator next hop), high 64 bits
 * @param dataplaneLo   low 64 bits
 * @param locator       where SIDs are allocated
 * @param transposition advertise SIDs with the function transposed into the label field
 * @param peers         the egress peers
 */
public record AsbrConfig(long dataplaneHi, long dataplaneLo, SidLocator locator, boolean transposition,
    List<EgressPeer> peers)
{
    /**
     * @throws IllegalArgumentException naming the field
     */
    public AsbrConfig
    {
        if (locator == null)
        {
            throw new IllegalArgumentException("asbr: locator missing");
        }
        if (transposition && locator.functionLength() > 20)
        {
            throw new IllegalArgumentException("asbr: transposition needs a function-length of at most 20 bits, " +
                "locator has " + locator.functionLength());
        }
        if (peers == null || peers.isEmpty())
        {
            throw new IllegalArgumentException("asbr: egress-peers needs at least one peer");
        }
        final Set<String> names = new HashSet<>();
        final Set<String> vrfs = new HashSet<>();
        final Set<Long> functions = new HashSet<>();
        for (final EgressPeer p : peers)
        {
            if (!names.add(p.peer()))
            {
                throw new IllegalArgumentException("asbr: egress peer " + p.peer() + " is configured twice");
            }
            if (!vrfs.add(p.vrf()))
            {
                throw new IllegalArgumentException("asbr: vrf " + p.vrf() + " is used by two egress peers");
            }
            if (p.function() != 0 && !functions.add(p.function()))
            {
                throw new IllegalArgumentException("asbr: egress peer " + p.peer() + ": function " + p.function() +
                    " is used twice");
            }
        }
        peers = List.copyOf(peers);
    }

    /** Convenience with a text data-plane address. */
    public static AsbrConfig of(final String dataplane, final SidLocator locator, final boolean transposition,
        final List<EgressPeer> peers)
    {
        return new AsbrConfig(Ipv6Address.parseHi(dataplane), Ipv6Address.parseLo(dataplane), locator, transposition,
            peers);
    }
}
