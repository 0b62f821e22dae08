package net.srv6epe.dataplane.config;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the {@code bgp:} section: values, and every reference (neighbors, VRFs, ports, router settings).
 * Errors are named by path ({@code bgp.asbr.egress-peers[0].vrf}). Called by {@link ConfigValidator}.
 */
final class BgpConfigValidator
{
    private static final long MAX_AS = 0xFFFF_FFFFL;
    private static final int MAX_TRANSPOSED_FUNCTION_LENGTH = 20;

    private final RouterConfig config;
    private final List<ConfigError> errors;
    private final Map<String, BgpNeighborConfig> neighbors = new HashMap<>();

    private BgpConfigValidator(final RouterConfig config, final List<ConfigError> errors)
    {
        this.config = config;
        this.errors = errors;
    }

    /** Appends the problems of {@code config.bgp()} (nothing when absent) to {@code errors}. */
    static void validate(final RouterConfig config, final List<ConfigError> errors)
    {
        if (config.bgp() == null)
        {
            return;
        }
        final BgpConfigValidator v = new BgpConfigValidator(config, errors);
        v.checkGlobal(config.bgp());
        v.checkNeighbors(config.bgp());
        v.checkContentServer(config.bgp().contentServer());
        v.checkAsbr(config.bgp().asbr());
    }

    private void error(final String path, final String message)
    {
        errors.add(new ConfigError(path, message));
    }

    private void checkGlobal(final BgpConfig bgp)
    {
        checkAs("bgp.asn", bgp.asn());
        if (bgp.routerId() == null)
        {
            error("bgp.router-id", "required");
        }
        else
        {
            final byte[] id = parse("bgp.router-id", bgp.routerId());
            if (id != null && id.length != 4)
            {
                error("bgp.router-id", "'" + bgp.routerId() + "' is not a dotted-quad (IPv4 form) identifier");
            }
            else if (id != null && id[0] == 0 && id[1] == 0 && id[2] == 0 && id[3] == 0)
            {
                error("bgp.router-id", "0.0.0.0 is not a valid BGP identifier (RFC 4271 4.2)");
            }
        }
        for (int i = 0; i < bgp.listen().size(); i++)
        {
            final String path = ConfigPaths.index("bgp.listen", i);
            if (bgp.listen().get(i) == null)
            {
                error(path, "empty entry");
                continue;
            }
            try
            {
                ListenAddress.parse(bgp.listen().get(i));
            }
            catch (final RuntimeException ex)
            {
                error(path, ex.getMessage());
            }
        }
        if (bgp.contentServer() == null && bgp.asbr() == null)
        {
            error("bgp", "needs a role: content-server, asbr, or both");
        }
    }

    private void checkAs(final String path, final Long as)
    {
        if (as == null)
        {
            error(path, "required");
        }
        else if (as < 1 || as > MAX_AS)
        {
            error(path, as + " out of range 1..4294967295");
        }
    }

    private void checkNeighbors(final BgpConfig bgp)
    {
        if (bgp.neighbors().isEmpty())
        {
            error("bgp.neighbors", "at least one neighbor is needed");
        }
        for (int i = 0; i < bgp.neighbors().size(); i++)
        {
            final String path = ConfigPaths.index("bgp.neighbors", i);
            final BgpNeighborConfig n = bgp.neighbors().get(i);
            if (n == null)
            {
                error(path, "empty entry");
                continue;
            }
            byte[] address = null;
            if (n.address() == null)
            {
                error(path + ".address", "required");
            }
            else
            {
                address = parse(path + ".address", n.address());
                if (address != null)
                {
                    final String key = IpText.format(address);
                    if (neighbors.containsKey(key))
                    {
                        error(path + ".address", "'" + n.address() + "' is configured twice");
                    }
                    else
                    {
                        neighbors.put(key, n);
                    }
                }
            }
            if (n.port() < 1 || n.port() > ListenAddress.MAX_PORT)
            {
                error(path + ".port", n.port() + " out of range 1..65535");
            }
            checkAs(path + ".remote-as", n.remoteAs());
            if (n.localAddress() != null)
            {
                final byte[] local = parse(path + ".local-address", n.localAddress());
                if (local != null && address != null && local.length != address.length)
                {
                    error(path + ".local-address", "'" + n.localAddress() + "' is not of the family of address '" +
                        n.address() + "'");
                }
            }
            if (n.holdTime() < 0 || n.holdTime() > 0xFFFF || n.holdTime() == 1 || n.holdTime() == 2)
            {
                error(path + ".hold-time", n.holdTime() + " must be 0 or 3..65535 (RFC 4271 4.2)");
            }
            if (n.connectRetry() < 1)
            {
                error(path + ".connect-retry", n.connectRetry() + " must be at least 1");
            }
            if (n.passive() && bgp.listen().isEmpty())
            {
                error(path + ".passive", "a passive neighbor needs bgp.listen (no address to accept it on)");
            }
            checkFamilies(path + ".families", n.families());
            if (n.maxPrefix() != null)
            {
                if (n.maxPrefix().limit() < 1 || n.maxPrefix().limit() > Integer.MAX_VALUE)
                {
                    error(path + ".max-prefix.limit", n.maxPrefix().limit() + " out of range 1.." +
                        Integer.MAX_VALUE);
                }
                if (n.maxPrefix().warningPercent() < 1 || n.maxPrefix().warningPercent() > 100)
                {
                    error(path + ".max-prefix.warning-percent", n.maxPrefix().warningPercent() +
                        " out of range 1..100");
                }
            }
            checkRole(path, n, bgp);
        }
    }

    private void checkFamilies(final String path, final List<String> families)
    {
        if (families.isEmpty())
        {
            error(path, "at least one family is needed");
        }
        final Set<String> seen = new HashSet<>();
        for (int f = 0; f < families.size(); f++)
        {
            final String family = families.get(f);
            if (!BgpNeighborConfig.FAMILY_IPV6_UNICAST.equals(family) &&
                !BgpNeighborConfig.FAMILY_VPNV6.equals(family))
            {
                error(ConfigPaths.index(path, f), "'" + family + "' is not a family (known: ipv6-unicast, vpnv6)");
            }
            else if (!seen.add(family))
            {
                error(ConfigPaths.index(path, f), "'" + family + "' is listed twice");
            }
        }
    }

    private void checkRole(final String path, final BgpNeighborConfig n, final BgpConfig bgp)
    {
        if (n.role() == null)
        {
            error(path + ".role", "required (egress-peer or ibgp)");
            return;
        }
        final boolean ebgp = n.remoteAs() != null && bgp.asn() != null && !n.remoteAs().equals(bgp.asn());
        switch (n.role())
        {
            case BgpNeighborConfig.ROLE_EGRESS_PEER:
                if (bgp.asbr() == null)
                {
                    error(path + ".role", "egress-peer needs the bgp.asbr role");
                }
                else if (!ebgp && n.remoteAs() != null && bgp.asn() != null)
                {
                    error(path + ".remote-as", n.remoteAs() + " is our own AS; an egress peer is eBGP");
                }
                if (!n.families().contains(BgpNeighborConfig.FAMILY_IPV6_UNICAST))
                {
                    error(path + ".families", "an egress peer needs ipv6-unicast");
                }
                break;
            case BgpNeighborConfig.ROLE_IBGP:
                if (ebgp)
                {
                    error(path + ".remote-as", n.remoteAs() + " differs from bgp.asn " + bgp.asn() +
                        "; an ibgp neighbor is in our AS");
                }
                if (!n.families().contains(BgpNeighborConfig.FAMILY_VPNV6))
                {
                    error(path + ".families", "an ibgp neighbor needs vpnv6");
                }
                break;
            default:
                error(path + ".role", "'" + n.role() + "' is not a role (known: egress-peer, ibgp)");
                break;
        }
    }

    private void checkContentServer(final ContentServerSettings cs)
    {
        if (cs == null)
        {
            return;
        }
        final String base = "bgp.content-server";
        if (config.router() != null && config.router().encapSource() == null)
        {
            error("router.encap-source", "required because " + base + " encapsulates");
        }
        if (cs.importVrfs().isEmpty())
        {
            error(base + ".import-vrfs", "at least one VRF is needed");
        }
        final Set<String> vrfs = new HashSet<>();
        for (int i = 0; i < cs.importVrfs().size(); i++)
        {
            final String path = ConfigPaths.index(base + ".import-vrfs", i);
            final ImportVrfConfig v = cs.importVrfs().get(i);
            if (v == null)
            {
                error(path, "empty entry");
                continue;
            }
            if (v.vrf() == null)
            {
                error(path + ".vrf", "required");
            }
            else if (vrfRef(path + ".vrf", v.vrf()) && !vrfs.add(v.vrf()))
            {
                error(path + ".vrf", "'" + v.vrf() + "' is imported into twice");
            }
            routeTargets(path + ".route-targets", v.routeTargets());
            if (!"H.Encaps".equals(v.mode()) && !"H.Encaps.Red".equals(v.mode()))
            {
                error(path + ".mode", "'" + v.mode() + "' is not H.Encaps or H.Encaps.Red");
            }
            vrfRef(path + ".underlay-vrf", v.underlayVrf());
        }
        if (cs.unicastVrf() != null)
        {
            vrfRef(base + ".unicast-vrf", cs.unicastVrf());
        }
    }

    private void checkAsbr(final AsbrSettings asbr)
    {
        if (asbr == null)
        {
            return;
        }
        final String base = "bgp.asbr";
        if (asbr.dataplaneAddress() == null)
        {
            error(base + ".dataplane-address", "required");
        }
        else
        {
            ipv6(base + ".dataplane-address", asbr.dataplaneAddress());
        }
        checkLocator(base + ".locator", asbr.locator(), asbr.transposition());
        if (asbr.egressPeers().isEmpty())
        {
            error(base + ".egress-peers", "at least one egress peer is needed");
        }
        final Set<String> peers = new HashSet<>();
        final Set<String> vrfs = new HashSet<>();
        final Set<Long> functions = new HashSet<>();
        final int functionLength = asbr.locator() == null ? 0 : asbr.locator().functionLength();
        for (int i = 0; i < asbr.egressPeers().size(); i++)
        {
            final String path = ConfigPaths.index(base + ".egress-peers", i);
            final EgressPeerConfig p = asbr.egressPeers().get(i);
            if (p == null)
            {
                error(path, "empty entry");
                continue;
            }
            checkEgressNeighbor(path + ".neighbor", p.neighbor(), peers);
            if (p.vrf() == null)
            {
                error(path + ".vrf", "required");
            }
            else if (vrfRef(path + ".vrf", p.vrf()) && !vrfs.add(p.vrf()))
            {
                error(path + ".vrf", "'" + p.vrf() + "' is used by two egress peers");
            }
            if (p.rd() == null)
            {
                error(path + ".rd", "required");
            }
            else
            {
                try
                {
                    BgpText.routeDistinguisher(p.rd());
                }
                catch (final IllegalArgumentException ex)
                {
                    error(path + ".rd", ex.getMessage());
                }
            }
            routeTargets(path + ".export-route-targets", p.exportRouteTargets());
            if (!"End.DT6".equals(p.behavior()) && !"End.DT46".equals(p.behavior()) &&
                !"End.DX6".equals(p.behavior()))
            {
                error(path + ".behavior", "'" + p.behavior() + "' is not End.DT6, End.DT46 or End.DX6");
            }
            if (p.function() < 0 || (functionLength > 0 && functionLength < 63 &&
                p.function() >= (1L << functionLength)))
            {
                error(path + ".function", p.function() + " does not fit the locator's function-length " +
                    functionLength);
            }
            else if (p.function() != 0 && !functions.add(p.function()))
            {
                error(path + ".function", p.function() + " is used twice");
            }
            if (p.nextHop() == null)
            {
                error(path + ".next-hop", "required");
            }
            else
            {
                ipv6(path + ".next-hop", p.nextHop());
            }
            if (p.port() == null)
            {
                error(path + ".port", "required");
            }
            else if (config.port(p.port()).isEmpty())
            {
                error(path + ".port", "no port named '" + p.port() + "'");
            }
            checkAnnounce(path, p);
        }
        for (final Map.Entry<String, BgpNeighborConfig> e : neighbors.entrySet())
        {
            if (BgpNeighborConfig.ROLE_EGRESS_PEER.equals(e.getValue().role()) && !peers.contains(e.getKey()))
            {
                error("bgp.neighbors[" + config.bgp().neighbors().indexOf(e.getValue()) + "].role",
                    "egress-peer '" + e.getValue().address() + "' has no bgp.asbr.egress-peers entry");
            }
        }
    }

    /** An egress peer's {@code announce}: IPv6 prefixes, host bits clear, each once, a port address to announce. */
    private void checkAnnounce(final String path, final EgressPeerConfig p)
    {
        final Set<String> seen = new HashSet<>();
        for (int i = 0; i < p.announce().size(); i++)
        {
            final String at = ConfigPaths.index(path + ".announce", i);
            final String text = p.announce().get(i);
            final IpText.Prefix prefix;
            try
            {
                prefix = IpText.prefix(text == null ? "" : text);
            }
            catch (final IllegalArgumentException ex)
            {
                error(at, ex.getMessage());
                continue;
            }
            if (!prefix.isIpv6())
            {
                error(at, "'" + text + "' is IPv4; egress peers are IPv6 unicast neighbors");
            }
            else if (prefix.hasHostBits())
            {
                error(at, "'" + text + "' has host bits set (did you mean " + prefix.canonical() + "?)");
            }
            else if (!seen.add(prefix.canonical()))
            {
                error(at, "'" + text + "' is announced twice");
            }
        }
        final PortConfig port = p.port() == null ? null : config.port(p.port()).orElse(null);
        if (!p.announce().isEmpty() && port != null && port.globalIpv6Address() == null)
        {
            error(path + ".announce", "port '" + p.port() + "' has no IPv6 address (other than link-local) to " +
                "announce as the next hop");
        }
    }

    private void checkEgressNeighbor(final String path, final String neighbor, final Set<String> peers)
    {
        if (neighbor == null)
        {
            error(path, "required");
            return;
        }
        final byte[] a = parse(path, neighbor);
        if (a == null)
        {
            return;
        }
        final String key = IpText.format(a);
        final BgpNeighborConfig n = neighbors.get(key);
        if (n == null)
        {
            error(path, "no bgp.neighbors entry with address '" + neighbor + "'");
        }
        else if (!BgpNeighborConfig.ROLE_EGRESS_PEER.equals(n.role()))
        {
            error(path, "neighbor '" + neighbor + "' has role '" + n.role() + "', not egress-peer");
        }
        else if (!peers.add(key))
        {
            error(path, "'" + neighbor + "' is listed twice");
        }
    }

    private void checkLocator(final String path, final AsbrLocatorConfig l, final boolean transposition)
    {
        if (l == null)
        {
            error(path, "required");
            return;
        }
        if (l.prefix() == null)
        {
            error(path + ".prefix", "required");
            return;
        }
        final IpText.Prefix p;
        try
        {
            p = IpText.prefix(l.prefix());
        }
        catch (final IllegalArgumentException ex)
        {
            error(path + ".prefix", "'" + l.prefix() + "' is not a prefix");
            return;
        }
        if (!p.isIpv6())
        {
            error(path + ".prefix", "'" + l.prefix() + "' is IPv4; a locator is an IPv6 prefix");
            return;
        }
        if (p.hasHostBits())
        {
            error(path + ".prefix", "'" + l.prefix() + "' has host bits set (did you mean " + p.canonical() + "?)");
        }
        if (l.blockLength() < 0 || l.blockLength() > p.length())
        {
            error(path + ".block-length", (l.blockLength() < 0 ? "required" : l.blockLength() + " out of range 0.." +
                p.length()));
        }
        final int maxFunction = transposition ? MAX_TRANSPOSED_FUNCTION_LENGTH : 32;
        if (l.functionLength() < 1 || l.functionLength() > maxFunction || p.length() + l.functionLength() > 128)
        {
            error(path + ".function-length", l.functionLength() < 0 ? "required" : l.functionLength() +
                " must be 1.." + maxFunction + (transposition ? " with transposition" : "") +
                " and fit 128 bits after the locator");
        }
        for (final LocatorConfig existing : config.locators())
        {
            if (existing == null || existing.prefix() == null)
            {
                continue;
            }
            try
            {
                final IpText.Prefix e = IpText.prefix(existing.prefix());
                if (e.isIpv6() && !(e.length() <= p.length() && e.contains(p.address())) &&
                    p.contains(e.address()))
                {
                    error(path + ".prefix", "'" + l.prefix() + "' overlaps locator '" + existing.name() +
                        "' " + existing.prefix() + " without being inside it");
                }
            }
            catch (final IllegalArgumentException ignore)
            {
                // reported under locators[]
            }
        }
    }

    private void routeTargets(final String path, final List<String> targets)
    {
        if (targets.isEmpty())
        {
            error(path, "at least one route target is needed");
        }
        for (int i = 0; i < targets.size(); i++)
        {
            try
            {
                BgpText.routeTarget(targets.get(i));
            }
            catch (final IllegalArgumentException ex)
            {
                error(ConfigPaths.index(path, i), ex.getMessage());
            }
        }
    }

    private boolean vrfRef(final String path, final String vrf)
    {
        if (config.vrf(vrf).isEmpty())
        {
            error(path, "no VRF named '" + vrf + "'");
            return false;
        }
        return true;
    }

    private byte[] parse(final String path, final String text)
    {
        try
        {
            return IpText.address(text);
        }
        catch (final IllegalArgumentException ex)
        {
            error(path, "'" + text + "' is not an IPv6 or IPv4 address");
            return null;
        }
    }

    private void ipv6(final String path, final String text)
    {
        final byte[] a = parse(path, text);
        if (a != null && a.length != 16)
        {
            error(path, "'" + text + "' is not an IPv6 address");
        }
    }
}
