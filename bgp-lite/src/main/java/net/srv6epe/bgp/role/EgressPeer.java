package net.srv6epe.bgp.role;

import net.srv6epe.bgp.wire.attribute.ExtendedCommunity;
import net.srv6epe.bgp.wire.nlri.RouteDistinguisher;
import net.srv6epe.srv6.Behavior;
import net.srv6epe.srv6.Ipv6Address;

import java.util.List;

/**
 * One egress peer of the ASBR role and its own VRF: the peer's routes land in {@code vrf}, forwarded via
 * {@code nextHop} out of {@code port}; one SID of {@code sidBehavior} (End.DT6, End.DT46, or End.DX6 to the
 * next hop, RFC 8986 4.6/4.8/4.4) is allocated for the VRF; its routes are exported as VPNv6 with {@code rd} and
 * {@code exportRouteTargets} (RFC 4364 4.3.1).
 *
 * @param peer               the egress peer's RIB name (its address)
 * @param vrf                VRF name
 * @param rd                 route distinguisher of the exported routes
 * @param exportRouteTargets route targets attached to the exported routes
 * @param sidBehavior        End.DT6, End.DT46 or End.DX6
 * @param function           SID function value in the locator, or 0 to allocate the next free one
 * @param nextHopHi          the peer's next hop (forwarding, End.DX6), high 64 bits
 * @param nextHopLo          low 64 bits
 * @param port               egress port towards the peer
 */
public record EgressPeer(String peer, String vrf, RouteDistinguisher rd, List<ExtendedCommunity> exportRouteTargets,
    Behavior sidBehavior, long function, long nextHopHi, long nextHopLo, String port)
{
    /**
     * @throws IllegalArgumentException naming the field
     */
    public EgressPeer
    {
        if (peer == null || peer.isEmpty())
        {
            throw new IllegalArgumentException("egress peer address missing");
        }
        if (vrf == null || vrf.isEmpty())
        {
            throw new IllegalArgumentException("egress peer " + peer + ": vrf missing");
        }
        if (rd == null)
        {
            throw new IllegalArgumentException("egress peer " + peer + ": rd missing");
        }
        if (exportRouteTargets == null || exportRouteTargets.isEmpty())
        {
            throw new IllegalArgumentException("egress peer " + peer + ": export-rt needs at least one route target");
        }
        exportRouteTargets = List.copyOf(exportRouteTargets);
        if (sidBehavior != Behavior.END_DT6 && sidBehavior != Behavior.END_DT46 && sidBehavior != Behavior.END_DX6)
        {
            throw new IllegalArgumentException("egress peer " + peer + ": sid-behavior " + sidBehavior +
                " is not End.DT6, End.DT46 or End.DX6");
        }
        if (function < 0)
        {
            throw new IllegalArgumentException("egress peer " + peer + ": function " + function + " < 0");
        }
        if (port == null || port.isEmpty())
        {
            throw new IllegalArgumentException("egress peer " + peer + ": port missing");
        }
    }

    /** Convenience with text addresses and an automatically allocated function. */
    public static EgressPeer of(final String peer, final String vrf, final RouteDistinguisher rd,
        final List<ExtendedCommunity> exportRouteTargets, final Behavior sidBehavior, final String nextHop,
        final String port)
    {
        return new EgressPeer(peer, vrf, rd, exportRouteTargets, sidBehavior, 0, Ipv6Address.parseHi(nextHop),
            Ipv6Address.parseLo(nextHop), port);
    }
}
