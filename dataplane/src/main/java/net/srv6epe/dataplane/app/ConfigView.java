package net.srv6epe.dataplane.app;

import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.srv6epe.dataplane.config.ConfigDefaults;
import net.srv6epe.dataplane.config.EncapConfig;
import net.srv6epe.dataplane.config.LocatorConfig;
import net.srv6epe.dataplane.config.NeighborConfig;
import net.srv6epe.dataplane.config.PbrRuleConfig;
import net.srv6epe.dataplane.config.PortConfig;
import net.srv6epe.dataplane.config.RouteConfig;
import net.srv6epe.dataplane.config.RouterConfig;
import net.srv6epe.dataplane.config.SidConfig;
import net.srv6epe.dataplane.config.VrfConfig;
import net.srv6epe.dataplane.port.PortBackend;
import net.srv6epe.srv6.DropReason;
import net.srv6epe.srv6.Flavor;
import net.srv6epe.srv6.Ipv6Address;

/**
 * The rows of the {@code show} topics, computed from a validated configuration (what the router was told, not
 * what it forwards with). Rows are flat JSON objects with stable kebab-case keys; every key is present in every
 * row of a topic (null when it does not apply), so {@code --json} consumers can rely on the shape:
 * <ul>
 *     <li>interfaces: name, interface, backend, mac, mtu, vrf, addresses[], read, write</li>
 *     <li>neighbors: port, address, mac, state</li>
 *     <li>route: vrf, table, prefix, action, via, port, segments[], encap-vrf, origin</li>
 *     <li>sids: sid, behavior, flavors[], vrf, table, via, port, locator</li>
 *     <li>pbr: priority, from, to, vrf, table</li>
 *     <li>errors: reason, count, description</li>
 *     <li>counters: name, value</li>
 * </ul>
 * Family filters take {@code null} (both), {@code true} (IPv6 only) or {@code false} (IPv4 only).
 */
public final class ConfigView implements ShowTopics
{
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final RouterConfig config;

    /**
     * @param config a validated configuration.
     */
    public ConfigView(final RouterConfig config)
    {
        this.config = config;
    }

    /** The ports; with a family, only addresses of that family are listed. */
    @Override
    public ArrayNode interfaces(final String vrf, final Boolean ipv6)
    {
        final ArrayNode rows = JSON.arrayNode();
        for (final PortConfig p : config.ports())
        {
            if (vrf != null && !vrf.equals(p.vrf()))
            {
                continue;
            }
            final ObjectNode row = rows.addObject();
            row.put("name", p.name());
            row.put("interface", p.interfaceName());
            row.put("backend", p.backend().configName());
            row.put("rx-ring", p.backend() == PortBackend.AF_PACKET ? p.rxRingOrDefault().configName() : null);
            row.put("mac", p.mac());
            row.put("mtu", p.mtu());
            row.put("vrf", p.vrf());
            final ArrayNode addresses = row.putArray("addresses");
            for (final String a : p.addresses())
            {
                if (matches(a, ipv6))
                {
                    addresses.add(a);
                }
            }
            row.put("read", p.read());
            row.put("write", p.write());
        }
        return rows;
    }

    /** The static neighbors. */
    @Override
    public ArrayNode neighbors(final String vrf, final Boolean ipv6)
    {
        final ArrayNode rows = JSON.arrayNode();
        for (final NeighborConfig n : config.neighbors())
        {
            final String portVrf = config.port(n.port()).map(PortConfig::vrf).orElse(null);
            if ((vrf != null && !vrf.equals(portVrf)) || !matches(n.address(), ipv6))
            {
                continue;
            }
            final ObjectNode row = rows.addObject();
            row.put("port", n.port());
            row.put("address", n.address());
            row.put("mac", n.mac());
            row.put("state", "permanent");
        }
        return rows;
    }

    /**
     * The routes of one VRF, or of all: first the connected prefixes of the VRF's ports (origin
     * {@code connected}), then the configured routes (origin {@code static}).
     */
    @Override
    public ArrayNode routes(final String vrf, final Boolean ipv6)
    {
        final ArrayNode rows = JSON.arrayNode();
        for (final VrfConfig v : config.allVrfs())
        {
            if (vrf != null && !vrf.equals(v.name()))
            {
                continue;
            }
            for (final PortConfig p : config.ports())
            {
                if (!p.vrf().equals(v.name()))
                {
                    continue;
                }
                for (final String prefix : p.connectedPrefixes())
                {
                    if (matches(prefix, ipv6))
                    {
                        routeRow(rows, v, prefix, "connected", null, p.name(), null, "connected");
                    }
                }
            }
            for (final RouteConfig r : v.routes())
            {
                if (!matches(r.prefix(), ipv6))
                {
                    continue;
                }
                final String action;
                switch (r.kind())
                {
                    case ENCAP:
                        action = r.encap().mode().displayName();
                        break;
                    case DROP:
                        action = r.action().configName();
                        break;
                    case FORWARD:
                        action = "forward";
                        break;
                    case BOND:
                        action = "bond " + r.bond();
                        break;
                    default:
                        action = "connected";
                        break;
                }
                routeRow(rows, v, r.prefix(), action, r.via(), r.port(), r.encap(), "static");
            }
        }
        return rows;
    }

    private static void routeRow(
        final ArrayNode rows,
        final VrfConfig vrf,
        final String prefix,
        final String action,
        final String via,
        final String port,
        final EncapConfig encap,
        final String origin)
    {
        final ObjectNode row = rows.addObject();
        row.put("vrf", vrf.name());
        row.put("table", vrf.table());
        row.put("prefix", prefix);
        row.put("action", action);
        row.put("via", via);
        row.put("port", port);
        if (encap == null)
        {
            row.putNull("segments");
            row.putNull("encap-vrf");
        }
        else
        {
            final ArrayNode segments = row.putArray("segments");
            encap.segments().forEach(segments::add);
            row.put("encap-vrf", encap.vrf());
        }
        row.put("origin", origin);
    }

    /** The local SIDs; with a VRF, only the End.DT* SIDs decapsulating into it. */
    @Override
    public ArrayNode sids(final String vrf)
    {
        final ArrayNode rows = JSON.arrayNode();
        for (final SidConfig s : config.sids())
        {
            if (vrf != null && !vrf.equals(s.vrf()))
            {
                continue;
            }
            final ObjectNode row = rows.addObject();
            row.put("sid", s.sid());
            row.put("behavior", s.behavior().displayName());
            final ArrayNode flavors = row.putArray("flavors");
            for (final Flavor f : s.flavors())
            {
                flavors.add(f.displayName());
            }
            row.put("vrf", s.vrf());
            if (s.vrf() == null)
            {
                row.putNull("table");
            }
            else
            {
                row.put("table", config.vrf(s.vrf()).map(VrfConfig::table).orElse(0L));
            }
            row.put("via", s.via());
            row.put("port", s.port());
            row.put("locator", locatorOf(s.sid()));
        }
        return rows;
    }

    private String locatorOf(final String sid)
    {
        final long hi = Ipv6Address.parseHi(sid);
        final long lo = Ipv6Address.parseLo(sid);
        for (final LocatorConfig l : config.locators())
        {
            final int slash = l.prefix().indexOf('/');
            final int length = Integer.parseInt(l.prefix().substring(slash + 1));
            final String base = l.prefix().substring(0, slash);
            if (prefixMatches(Ipv6Address.parseHi(base), Ipv6Address.parseLo(base), hi, lo, length))
            {
                return l.name();
            }
        }
        return null;
    }

    private static boolean prefixMatches(
        final long baseHi, final long baseLo, final long hi, final long lo, final int length)
    {
        if (length <= 64)
        {
            final long mask = length == 0 ? 0 : -1L << (64 - length);
            return (baseHi & mask) == (hi & mask);
        }
        final long mask = length == 128 ? -1L : -1L << (128 - length);
        return baseHi == hi && (baseLo & mask) == (lo & mask);
    }

    /** The policy rules in priority order. */
    @Override
    public ArrayNode pbr(final String vrf, final Boolean ipv6)
    {
        final List<PbrRuleConfig> rules = config.pbr().stream()
            .sorted((a, b) -> Integer.compare(a.priority(), b.priority()))
            .toList();
        final ArrayNode rows = JSON.arrayNode();
        for (final PbrRuleConfig r : rules)
        {
            final String anyPrefix = r.from() != null ? r.from() : r.to();
            if ((vrf != null && !vrf.equals(r.vrf())) || !matches(anyPrefix, ipv6))
            {
                continue;
            }
            final ObjectNode row = rows.addObject();
            row.put("priority", r.priority());
            row.put("from", r.from());
            row.put("to", r.to());
            row.put("vrf", r.vrf());
            row.put("table", config.vrf(r.vrf()).map(VrfConfig::table).orElse(ConfigDefaults.DEFAULT_VRF_TABLE));
        }
        return rows;
    }

    /** Every drop reason with its count; a configuration-only router has forwarded nothing, so all are 0. */
    @Override
    public ArrayNode errors()
    {
        return errorRows(reason -> 0L);
    }

    /** The rows of {@code show errors}: every drop reason with its count from {@code count}. */
    static ArrayNode errorRows(final java.util.function.ToLongFunction<DropReason> count)
    {
        final ArrayNode rows = JSON.arrayNode();
        for (final DropReason reason : DropReason.values())
        {
            final ObjectNode row = rows.addObject();
            row.put("reason", reason.label());
            row.put("count", count.applyAsLong(reason));
            row.put("description", reason.description());
        }
        return rows;
    }

    /** Named counters; a configuration-only router keeps none. */
    @Override
    public ArrayNode counters()
    {
        return JSON.arrayNode();
    }

    private static boolean matches(final String addressOrPrefix, final Boolean ipv6)
    {
        return ipv6 == null || addressOrPrefix.indexOf(':') >= 0 == ipv6;
    }

    /** A configuration has no counters: nothing to clear. */
    @Override
    public long clearCounters()
    {
        return 0;
    }
}
