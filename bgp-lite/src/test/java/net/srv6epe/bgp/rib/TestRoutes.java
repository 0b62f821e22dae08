package net.srv6epe.bgp.rib;

import net.srv6epe.bgp.wire.attribute.AsPath;
import net.srv6epe.bgp.wire.attribute.AsPathSegment;
import net.srv6epe.bgp.wire.attribute.ExtendedCommunities;
import net.srv6epe.bgp.wire.attribute.ExtendedCommunity;
import net.srv6epe.bgp.wire.attribute.LocalPref;
import net.srv6epe.bgp.wire.attribute.MpReachNlri;
import net.srv6epe.bgp.wire.attribute.MpUnreachNlri;
import net.srv6epe.bgp.wire.attribute.Origin;
import net.srv6epe.bgp.wire.attribute.PathAttribute;
import net.srv6epe.bgp.wire.message.UpdateMessage;
import net.srv6epe.bgp.wire.nlri.AddressFamily;
import net.srv6epe.bgp.wire.nlri.Ipv6Prefix;
import net.srv6epe.bgp.wire.nlri.RouteDistinguisher;
import net.srv6epe.bgp.wire.nlri.VpnIpv6Prefix;
import net.srv6epe.srv6.Ipv6Address;
import net.srv6epe.vrf.prefix.Ipv4Prefix;
import net.srv6epe.vrf.route.RouteAction;
import net.srv6epe.vrf.sink.RouteSink;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builders for test UPDATEs and a recording route sink. */
public final class TestRoutes
{
    public static final ExtendedCommunity RT_A = ExtendedCommunity.routeTarget(65000, 1);
    public static final ExtendedCommunity RT_B = ExtendedCommunity.routeTarget(65000, 2);
    public static final ExtendedCommunity RT_C = ExtendedCommunity.routeTarget(65000, 3);

    private TestRoutes()
    {
    }

    public static List<PathAttribute> basic(final long... asPath)
    {
        final List<PathAttribute> a = new ArrayList<>();
        a.add(new Origin(Origin.IGP));
        a.add(new AsPath(asPath.length == 0 ? List.of() : List.of(AsPathSegment.sequence(asPath))));
        return a;
    }

    public static List<PathAttribute> with(final List<PathAttribute> base, final PathAttribute... more)
    {
        final List<PathAttribute> a = new ArrayList<>(base);
        a.addAll(List.of(more));
        return a;
    }

    public static UpdateMessage unicast(final String nextHop, final List<PathAttribute> attributes,
        final String... prefixes)
    {
        final List<Ipv6Prefix> nlri = new ArrayList<>();
        for (final String p : prefixes)
        {
            nlri.add(Ipv6Prefix.parse(p));
        }
        final List<PathAttribute> all = new ArrayList<>();
        all.add(MpReachNlri.ipv6Unicast(Ipv6Address.parseHi(nextHop), Ipv6Address.parseLo(nextHop), nlri));
        all.addAll(attributes);
        return UpdateMessage.of(all);
    }

    public static UpdateMessage unicastWithdraw(final String... prefixes)
    {
        final List<Ipv6Prefix> nlri = new ArrayList<>();
        for (final String p : prefixes)
        {
            nlri.add(Ipv6Prefix.parse(p));
        }
        return UpdateMessage.of(List.of(new MpUnreachNlri(AddressFamily.IPV6_UNICAST, nlri)));
    }

    public static VpnIpv6Prefix vpn(final RouteDistinguisher rd, final int label, final String prefix)
    {
        return new VpnIpv6Prefix(label, rd, Ipv6Prefix.parse(prefix));
    }

    public static UpdateMessage vpnUpdate(final String nextHop, final List<PathAttribute> attributes,
        final VpnIpv6Prefix... nlri)
    {
        final List<PathAttribute> all = new ArrayList<>();
        all.add(MpReachNlri.vpnIpv6(Ipv6Address.parseHi(nextHop), Ipv6Address.parseLo(nextHop), List.of(nlri)));
        all.addAll(attributes);
        return UpdateMessage.of(all);
    }

    public static UpdateMessage vpnWithdraw(final VpnIpv6Prefix... nlri)
    {
        return UpdateMessage.of(List.of(new MpUnreachNlri(AddressFamily.VPN_IPV6, List.of(nlri))));
    }

    public static ExtendedCommunities rts(final ExtendedCommunity... rts)
    {
        return new ExtendedCommunities(List.of(rts));
    }

    public static LocalPref localPref(final int value)
    {
        return new LocalPref(value);
    }

    /** A route sink keeping the installed routes per VRF and counting flushes. */
    public static final class RecordingSink implements RouteSink
    {
        public final Map<String, Map<net.srv6epe.vrf.prefix.Ipv6Prefix, RouteAction>> routes = new LinkedHashMap<>();
        public final List<String> log = new ArrayList<>();
        public int flushes;

        @Override
        public void install(final String vrf, final net.srv6epe.vrf.prefix.Ipv6Prefix prefix,
            final RouteAction action, final String cause)
        {
            routes.computeIfAbsent(vrf, k -> new LinkedHashMap<>()).put(prefix, action);
            log.add("install " + vrf + " " + prefix + " " + action);
        }

        @Override
        public void withdraw(final String vrf, final net.srv6epe.vrf.prefix.Ipv6Prefix prefix, final String cause)
        {
            final Map<net.srv6epe.vrf.prefix.Ipv6Prefix, RouteAction> t = routes.get(vrf);
            if (t != null)
            {
                t.remove(prefix);
            }
            log.add("withdraw " + vrf + " " + prefix);
        }

        @Override
        public void install(final String vrf, final Ipv4Prefix prefix, final RouteAction action, final String cause)
        {
            throw new UnsupportedOperationException();
        }

        @Override
        public void withdraw(final String vrf, final Ipv4Prefix prefix, final String cause)
        {
            throw new UnsupportedOperationException();
        }

        @Override
        public long flush()
        {
            return ++flushes;
        }

        public RouteAction route(final String vrf, final String prefix)
        {
            final Map<net.srv6epe.vrf.prefix.Ipv6Prefix, RouteAction> t = routes.get(vrf);
            return t == null ? null : t.get(net.srv6epe.vrf.prefix.Ipv6Prefix.parse(prefix));
        }

        public int count(final String vrf)
        {
            final Map<net.srv6epe.vrf.prefix.Ipv6Prefix, RouteAction> t = routes.get(vrf);
            return t == null ? 0 : t.size();
        }
    }
}
