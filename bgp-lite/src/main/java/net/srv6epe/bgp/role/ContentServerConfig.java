package net.srv6epe.bgp.role;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The content-server role: VPNv6 routes (RFC 4659) with SRv6 services (RFC 9252) are imported by route target
 * into these VRFs (one per egress peer, per the paper's EPE design) and installed as encapsulation routes.
 *
 * @param vrfs       the importing VRFs
 * @param unicastVrf VRF into which the best IPv6 unicast routes (e.g. the ASBR's locator, so that the outer
 *                   packets reach it) are installed via their next hop, or null to keep them in the RIB only
 */
public record ContentServerConfig(List<ImportVrf> vrfs, String unicastVrf)
{
    /**
     * @throws IllegalArgumentException for no VRF or a VRF named twice
     */
    public ContentServerConfig
    {
        if (vrfs == null || vrfs.isEmpty())
        {
            throw new IllegalArgumentException("content-server: vrfs needs at least one VRF");
        }
        final Set<String> names = new HashSet<>();
        for (final ImportVrf v : vrfs)
        {
            if (!names.add(v.name()))
            {
                throw new IllegalArgumentException("content-server: vrf " + v.name() + " is configured twice");
            }
        }
        vrfs = List.copyOf(vrfs);
        if (unicastVrf != null && unicastVrf.isEmpty())
        {
            throw new IllegalArgumentException("content-server: unicast-vrf is empty (leave it out instead)");
        }
    }

    /** Without installing IPv6 unicast routes. */
    public ContentServerConfig(final List<ImportVrf> vrfs)
    {
        this(vrfs, null);
    }
}
