package net.srv6epe.dataplane.app;

import net.srv6epe.dataplane.config.BondConfig;
import net.srv6epe.dataplane.config.ConfigException;
import net.srv6epe.dataplane.config.EncapConfig;
import net.srv6epe.dataplane.config.LocatorConfig;
import net.srv6epe.dataplane.config.PbrRuleConfig;
import net.srv6epe.dataplane.config.PortConfig;
import net.srv6epe.dataplane.config.RouteConfig;
import net.srv6epe.dataplane.config.RouteFile;
import net.srv6epe.dataplane.config.RouterConfig;
import net.srv6epe.dataplane.config.SidConfig;
import net.srv6epe.dataplane.config.VrfConfig;
import net.srv6epe.srv6.Ipv4Address;
import net.srv6epe.srv6.Ipv6Address;
import net.srv6epe.srv6.behavior.EncapTemplate;
import net.srv6epe.vrf.ForwardingState;
import net.srv6epe.vrf.ForwardingStateBuilder;
import net.srv6epe.vrf.Vrf;
import net.srv6epe.vrf.pbr.PbrRule;
import net.srv6epe.vrf.prefix.Ipv4Prefix;
import net.srv6epe.vrf.prefix.Ipv6Prefix;
import net.srv6epe.vrf.route.RouteAction;
import net.srv6epe.vrf.sid.LocalSid;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a validated {@link RouterConfig} into the {@link ForwardingState} the pipeline reads:
 *
 * <ul>
 *   <li>every VRF; the default VRF always exists;</li>
 *   <li>for each port address, the connected route of its subnet and a local host route (/128, /32) in the port's
 *       VRF, as the kernel adds them for an interface address (a configured route for the same prefix wins);</li>
 *   <li>the configured routes: forward, connected, H.Encaps / H.Encaps.Red (outer source from
 *       {@code router.encap-source}), bond, blackhole, unreachable, local;</li>
 *   <li>a local host route for each bond's source address in the bond's VRF (where the tail's feedback
 *       arrives), unless a configured route says otherwise;</li>
 *   <li>locators, local SIDs and PBR rules.</li>
 * </ul>
 */
public final class ForwardingCompiler
{
    private ForwardingCompiler()
    {
    }

    /**
     * Builds the next forwarding state from a configuration.
     *
     * @param config validated configuration
     * @throws IllegalArgumentException when the configuration is inconsistent in a way validation did not catch
     */
    public static ForwardingState compile(final RouterConfig config)
    {
        final ForwardingStateBuilder builder = ForwardingStateBuilder.from(ForwardingState.initial());
        for (final VrfConfig vrf : config.allVrfs())
        {
            if (!builder.hasVrf(vrf.name()))
            {
                builder.addVrf(vrf.name(), (int)vrf.table());
            }
        }

        for (final PortConfig port : config.ports())
        {
            for (final String address : port.addresses())
            {
                final String host = PortConfig.hostPart(address);
                if (host.indexOf(':') >= 0)
                {
                    builder.addRoute(port.vrf(), ipv6Network(address), RouteAction.connected(portName(port.name())));
                    builder.addRoute(port.vrf(), Ipv6Prefix.parse(host + "/128"), RouteAction.local());
                }
                else
                {
                    builder.addRoute(port.vrf(), ipv4Network(address), RouteAction.connected(portName(port.name())));
                    builder.addRoute(port.vrf(), Ipv4Prefix.parse(host + "/32"), RouteAction.local());
                }
            }
        }

        for (final BondConfig bond : config.bonds())
        {
            // the bond's source is ours: the tail's feedback is delivered to it (docs/BONDING.md)
            final String source = bond.source() != null ? bond.source() : config.router().encapSource();
            builder.addRoute(bond.vrf(), Ipv6Prefix.parse(
                Ipv6Address.format(Ipv6Address.parseHi(source), Ipv6Address.parseLo(source)) + "/128"),
                RouteAction.local());
        }

        for (final VrfConfig vrf : config.allVrfs())
        {
            for (final RouteConfig route : vrf.routes())
            {
                addRoute(builder, config, vrf.name(), route);
            }
            if (vrf.routesFile() != null)
            {
                addRouteFile(builder, config, vrf);
            }
        }

        for (final LocatorConfig locator : config.locators())
        {
            builder.addLocator(Ipv6Prefix.parse(locator.prefix()));
        }
        for (final SidConfig sid : config.sids())
        {
            builder.addSid(localSid(sid));
        }
        for (final PbrRuleConfig rule : config.pbr())
        {
            builder.addPbrRule(pbrRule(rule));
        }
        return builder.build();
    }

    /** The routes of a VRF's {@code routes-file} (checked when the configuration was loaded). */
    private static void addRouteFile(
        final ForwardingStateBuilder builder, final RouterConfig config, final VrfConfig vrf)
    {
        final Set<String> ports = new HashSet<>();
        config.ports().forEach(p -> ports.add(p.name()));
        final RouteFile routes;
        try
        {
            routes = RouteFile.read(Path.of(vrf.routesFile()), "vrfs." + vrf.name() + ".routes-file",
                ports);
        }
        catch (final ConfigException ex)
        {
            throw new IllegalArgumentException(ex.getMessage(), ex);
        }
        for (int i = 0; i < routes.size(); i++)
        {
            builder.addRoute(vrf.name(),
                Ipv6Prefix.covering(routes.prefixHi(i), routes.prefixLo(i), routes.prefixLength(i)),
                RouteAction.via(routes.viaHi(i), routes.viaLo(i), routes.port(i)));
        }
    }

    private static void addRoute(
        final ForwardingStateBuilder builder, final RouterConfig config, final String vrf, final RouteConfig route)
    {
        final boolean ipv6 = route.prefix().indexOf(':') >= 0;
        final RouteAction action = action(config, route);
        if (ipv6)
        {
            builder.addRoute(vrf, Ipv6Prefix.parse(route.prefix()), action);
        }
        else
        {
            builder.addRoute(vrf, Ipv4Prefix.parse(route.prefix()), action);
        }
    }

    private static RouteAction action(final RouterConfig config, final RouteConfig route)
    {
        switch (route.kind())
        {
            case FORWARD:
                if (route.via().indexOf(':') >= 0)
                {
                    return RouteAction.via(
                        Ipv6Address.parseHi(route.via()), Ipv6Address.parseLo(route.via()), portName(route.port()));
                }
                return RouteAction.via4(Ipv4Address.parse(route.via()), portName(route.port()));
            case CONNECTED:
                return RouteAction.connected(portName(route.port()));
            case ENCAP:
                return encap(config, route.encap());
            case BOND:
                return RouteAction.bond(route.bond(), config.bond(route.bond()).orElseThrow().id());
            default:
                switch (route.action())
                {
                    case BLACKHOLE:
                        return RouteAction.blackhole();
                    case UNREACHABLE:
                        return RouteAction.unreachable();
                    default:
                        return RouteAction.local();
                }
        }
    }

    private static RouteAction encap(final RouterConfig config, final EncapConfig encap)
    {
        final String source = config.router().encapSource();
        final List<String> segments = encap.segments();
        final long[] hiLo = new long[2 * segments.size()];
        for (int i = 0; i < segments.size(); i++)
        {
            hiLo[2 * i] = Ipv6Address.parseHi(segments.get(i));
            hiLo[2 * i + 1] = Ipv6Address.parseLo(segments.get(i));
        }
        final EncapTemplate template = EncapTemplate.create(
            encap.mode(), Ipv6Address.parseHi(source), Ipv6Address.parseLo(source), hiLo);
        return RouteAction.encap(template, encap.vrf() == null ? Vrf.DEFAULT_NAME : encap.vrf());
    }

    private static LocalSid localSid(final SidConfig sid)
    {
        LocalSid entry = LocalSid.of(Ipv6Address.parseHi(sid.sid()), Ipv6Address.parseLo(sid.sid()), sid.behavior())
            .withFlavors(sid.flavorBits());
        if (sid.vrf() != null)
        {
            entry = entry.withVrf(sid.vrf());
        }
        if (sid.via() != null)
        {
            entry = sid.via().indexOf(':') >= 0 ?
                entry.withNextHop6(Ipv6Address.parseHi(sid.via()), Ipv6Address.parseLo(sid.via())) :
                entry.withNextHop4(Ipv4Address.parse(sid.via()));
        }
        if (sid.port() != null)
        {
            entry = entry.withPort(portName(sid.port()));
        }
        return entry;
    }

    private static PbrRule pbrRule(final PbrRuleConfig rule)
    {
        if (rule.from().indexOf(':') >= 0)
        {
            return PbrRule.ipv6(rule.priority(), Ipv6Prefix.parse(rule.from()),
                rule.to() == null ? null : Ipv6Prefix.parse(rule.to()), rule.vrf());
        }
        return PbrRule.ipv4(rule.priority(), Ipv4Prefix.parse(rule.from()),
            rule.to() == null ? null : Ipv4Prefix.parse(rule.to()), rule.vrf());
    }

    /**
     * Port names in route actions are interned, as are the pipeline's ({@link #portName}), so that the pipeline's
     * per-packet port resolution is an identity comparison.
     */
    public static String portName(final String name)
    {
        return name == null ? null : name.intern();
    }

    private static Ipv6Prefix ipv6Network(final String interfaceAddress)
    {
        final int slash = interfaceAddress.indexOf('/');
        final int length = Integer.parseInt(interfaceAddress.substring(slash + 1));
        final String host = interfaceAddress.substring(0, slash);
        return Ipv6Prefix.covering(Ipv6Address.parseHi(host), Ipv6Address.parseLo(host), length);
    }

    private static Ipv4Prefix ipv4Network(final String interfaceAddress)
    {
        final int slash = interfaceAddress.indexOf('/');
        final int length = Integer.parseInt(interfaceAddress.substring(slash + 1));
        final int host = Ipv4Address.parse(interfaceAddress.substring(0, slash));
        final int mask = length == 0 ? 0 : -1 << (32 - length);
        return Ipv4Prefix.parse(Ipv4Address.format(host & mask) + "/" + length);
    }
}
