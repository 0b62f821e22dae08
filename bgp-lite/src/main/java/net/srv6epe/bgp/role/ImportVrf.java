package net.srv6epe.bgp.role;

import net.srv6epe.bgp.wire.attribute.ExtendedCommunity;
import net.srv6epe.srv6.Behavior;
import net.srv6epe.srv6.Ipv6Address;

import java.util.List;

/**
 * One VRF of the content-server role: the route targets whose VPNv6 routes it imports (RFC 4364 4.3.1), and how
 * its routes encapsulate (RFC 8986 5.1 H.Encaps or 5.2 H.Encaps.Red, outer source address, underlay VRF in which
 * the outer packet is routed).
 *
 * @param name               VRF name (must exist in the forwarding state)
 * @param importRouteTargets route targets imported; a route carrying any of them lands here
 * @param encapMode          {@link Behavior#H_ENCAPS} or {@link Behavior#H_ENCAPS_RED}
 * @param sourceHi           outer source address, high 64 bits
 * @param sourceLo           outer source address, low 64 bits
 * @param underlayVrf        VRF routing the outer packet
 */
public record ImportVrf(String name, List<ExtendedCommunity> importRouteTargets, Behavior encapMode, long sourceHi,
    long sourceLo, String underlayVrf)
{
    /**
     * @throws IllegalArgumentException naming the field that is wrong
     */
    public ImportVrf
    {
        if (name == null || name.isEmpty())
        {
            throw new IllegalArgumentException("vrf name missing");
        }
        if (importRouteTargets == null || importRouteTargets.isEmpty())
        {
            throw new IllegalArgumentException("vrf " + name + ": import-rt needs at least one route target");
        }
        for (final ExtendedCommunity rt : importRouteTargets)
        {
            if (!rt.isRouteTarget())
            {
                throw new IllegalArgumentException("vrf " + name + ": import-rt " + rt + " is not a route target");
            }
        }
        importRouteTargets = List.copyOf(importRouteTargets);
        if (encapMode != Behavior.H_ENCAPS && encapMode != Behavior.H_ENCAPS_RED)
        {
            throw new IllegalArgumentException("vrf " + name + ": encap-mode " + encapMode +
                " is not H.Encaps or H.Encaps.Red");
        }
        if (underlayVrf == null || underlayVrf.isEmpty())
        {
            throw new IllegalArgumentException("vrf " + name + ": underlay-vrf missing");
        }
    }

    /** Convenience: the source address in text form. */
    public static ImportVrf of(final String name, final List<ExtendedCommunity> importRouteTargets,
        final Behavior encapMode, final String source, final String underlayVrf)
    {
        return new ImportVrf(name, importRouteTargets, encapMode, Ipv6Address.parseHi(source),
            Ipv6Address.parseLo(source), underlayVrf);
    }

    /** The route targets as raw 8-octet values. */
    long[] routeTargetValues()
    {
        return importRouteTargets.stream().mapToLong(ExtendedCommunity::value).toArray();
    }
}
