package net.srv6epe.dataplane.bgp;

import net.srv6epe.bgp.fsm.SessionConfig;
import net.srv6epe.bgp.role.AsbrConfig;
import net.srv6epe.bgp.role.ContentServerConfig;
import net.srv6epe.bgp.role.EgressAnnouncement;
import net.srv6epe.bgp.role.EgressPeer;
import net.srv6epe.bgp.role.ImportVrf;
import net.srv6epe.bgp.role.SidLocator;
import net.srv6epe.bgp.rib.RibPeer;
import net.srv6epe.bgp.session.NeighborConfig;
import net.srv6epe.bgp.wire.attribute.ExtendedCommunity;
import net.srv6epe.bgp.wire.nlri.AddressFamily;
import net.srv6epe.bgp.wire.nlri.Ipv6Prefix;
import net.srv6epe.dataplane.config.AsbrSettings;
import net.srv6epe.dataplane.config.BgpConfig;
import net.srv6epe.dataplane.config.BgpNeighborConfig;
import net.srv6epe.dataplane.config.BgpText;
import net.srv6epe.dataplane.config.ContentServerSettings;
import net.srv6epe.dataplane.config.EgressPeerConfig;
import net.srv6epe.dataplane.config.ImportVrfConfig;
import net.srv6epe.dataplane.config.ListenAddress;
import net.srv6epe.dataplane.config.RouterConfig;
import net.srv6epe.srv6.Behavior;
import net.srv6epe.srv6.Ipv4Address;
import net.srv6epe.srv6.Ipv6Address;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a validated {@code bgp:} section into {@code bgp-lite}'s records: session settings per neighbor, the
 * content-server and ASBR role configurations, and each neighbor's RIB identity.
 */
public final class BgpSetup
{
    private BgpSetup()
    {
    }

    /** The listening addresses. */
    public static List<InetSocketAddress> listen(final BgpConfig bgp)
    {
        final List<InetSocketAddress> out = new ArrayList<>();
        for (final String l : bgp.listen())
        {
            out.add(ListenAddress.parse(l).toSocketAddress());
        }
        return out;
    }

    /** A neighbor's address. */
    public static InetAddress address(final String text)
    {
        try
        {
            return InetAddress.getByName(text);
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalArgumentException("'" + text + "' is not an IP address", ex);
        }
    }

    /** A family's name in configuration ({@code ipv6-unicast}, {@code vpnv6}), or its AFI/SAFI name otherwise. */
    public static String familyName(final AddressFamily family)
    {
        if (AddressFamily.VPN_IPV6.equals(family))
        {
            return BgpNeighborConfig.FAMILY_VPNV6;
        }
        return AddressFamily.IPV6_UNICAST.equals(family) ? BgpNeighborConfig.FAMILY_IPV6_UNICAST : family.toString();
    }

    /** The speaker's view of a neighbor. */
    public static NeighborConfig neighbor(final BgpConfig bgp, final BgpNeighborConfig n)
    {
        final List<AddressFamily> families = new ArrayList<>();
        for (final String f : n.families())
        {
            families.add(BgpNeighborConfig.FAMILY_VPNV6.equals(f) ? AddressFamily.VPN_IPV6 :
                AddressFamily.IPV6_UNICAST);
        }
        final SessionConfig session = new SessionConfig(bgp.asn(), Ipv4Address.parse(bgp.routerId()), n.remoteAs(),
            n.holdTime(), n.connectRetry(), Math.max(n.connectRetry(), SessionConfig.DEFAULT_MAX_CONNECT_RETRY_TIME_S),
            n.passive(), families, true);
        return new NeighborConfig(new InetSocketAddress(address(n.address()), n.port()),
            n.localAddress() == null ? null : address(n.localAddress()), session);
    }

    /** The RIB's view of a neighbor (BGP identifier 0 until its OPEN arrives). */
    public static RibPeer ribPeer(final BgpConfig bgp, final BgpNeighborConfig n, final int bgpId)
    {
        final InetAddress a = address(n.address());
        final long hi;
        final long lo;
        if (a.getAddress().length == 4)
        {
            hi = 0;
            lo = 0xFFFF_0000_0000L | (Ipv4Address.parse(a.getHostAddress()) & 0xFFFF_FFFFL);
        }
        else
        {
            hi = Ipv6Address.parseHi(a.getHostAddress());
            lo = Ipv6Address.parseLo(a.getHostAddress());
        }
        final int limit = n.maxPrefix() == null ? 0 : (int)n.maxPrefix().limit();
        final int warning = n.maxPrefix() == null ? 100 : n.maxPrefix().warningPercent();
        return new RibPeer(name(n), hi, lo, n.remoteAs(), !n.remoteAs().equals(bgp.asn()), bgpId, limit, warning);
    }

    /** A neighbor's RIB name: its address in canonical text. */
    public static String name(final BgpNeighborConfig n)
    {
        return text(address(n.address()));
    }

    /** An address in canonical text: dotted quad, or RFC 5952 compressed IPv6. */
    public static String text(final InetAddress address)
    {
        final String host = address.getHostAddress();
        if (address.getAddress().length == 4)
        {
            return host;
        }
        return Ipv6Address.format(Ipv6Address.parseHi(host), Ipv6Address.parseLo(host));
    }

    /** The content-server role's configuration. */
    public static ContentServerConfig contentServer(final ContentServerSettings cs, final String encapSource)
    {
        final List<ImportVrf> vrfs = new ArrayList<>();
        for (final ImportVrfConfig v : cs.importVrfs())
        {
            final List<ExtendedCommunity> rts = new ArrayList<>();
            for (final String rt : v.routeTargets())
            {
                rts.add(BgpText.routeTarget(rt));
            }
            vrfs.add(ImportVrf.of(v.vrf(), rts, Behavior.fromDisplayName(v.mode()), encapSource, v.underlayVrf()));
        }
        return new ContentServerConfig(vrfs, cs.unicastVrf());
    }

    /** The ASBR role's configuration. */
    public static AsbrConfig asbr(final AsbrSettings asbr)
    {
        final List<EgressPeer> peers = new ArrayList<>();
        for (final EgressPeerConfig p : asbr.egressPeers())
        {
            final List<ExtendedCommunity> rts = new ArrayList<>();
            for (final String rt : p.exportRouteTargets())
            {
                rts.add(BgpText.routeTarget(rt));
            }
            peers.add(new EgressPeer(text(address(p.neighbor())), p.vrf(),
                BgpText.routeDistinguisher(p.rd()), rts, Behavior.fromDisplayName(p.behavior()), p.function(),
                Ipv6Address.parseHi(p.nextHop()), Ipv6Address.parseLo(p.nextHop()), p.port().intern()));
        }
        final SidLocator locator = SidLocator.of(asbr.locator().prefix(), asbr.locator().blockLength(),
            asbr.locator().functionLength());
        return AsbrConfig.of(asbr.dataplaneAddress(), locator, asbr.transposition(), peers);
    }

    /**
     * What the ASBR originates to the egress peer at {@code neighbor} ({@code bgp.asbr.egress-peers[].announce},
     * next hop our first IPv6 address on the peer's port); {@link EgressAnnouncement#none()} for any other
     * neighbor.
     */
    public static EgressAnnouncement announcement(final RouterConfig config, final InetAddress neighbor)
    {
        if (config.bgp().asbr() == null)
        {
            return EgressAnnouncement.none();
        }
        for (final EgressPeerConfig p : config.bgp().asbr().egressPeers())
        {
            if (p.announce().isEmpty() || !address(p.neighbor()).equals(neighbor))
            {
                continue;
            }
            final String nextHop = config.port(p.port()).orElseThrow().globalIpv6Address();
            final List<Ipv6Prefix> prefixes = new ArrayList<>();
            for (final String prefix : p.announce())
            {
                prefixes.add(Ipv6Prefix.parse(prefix));
            }
            return new EgressAnnouncement(Ipv6Address.parseHi(nextHop), Ipv6Address.parseLo(nextHop), prefixes);
        }
        return EgressAnnouncement.none();
    }

    /** True when a configuration has a {@code bgp:} section. */
    public static boolean enabled(final RouterConfig config)
    {
        return config.bgp() != null;
    }
}
