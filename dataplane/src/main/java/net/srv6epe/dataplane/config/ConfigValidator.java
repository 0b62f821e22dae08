package net.srv6epe.dataplane.config;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import net.srv6epe.dataplane.port.PortBackend;
import net.srv6epe.dataplane.worker.FanoutGroups;
import net.srv6epe.srv6.Behavior;
import net.srv6epe.srv6.Flavor;
import net.srv6epe.vrf.prefix.Ipv4Prefix;
import net.srv6epe.vrf.prefix.Ipv6Prefix;

/**
 * The semantic rules of a configuration: names unique, references resolvable, address families consistent,
 * prefixes canonical, SIDs inside locators, per-behavior attributes (see {@link SidRules}). Collects every
 * problem with the path of the offending key; never stops at the first.
 */
public final class ConfigValidator
{
    private static final Pattern ROUTER_NAME = Pattern.compile("[a-z0-9-]+");
    private static final Pattern OBJECT_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    /** sun_path is 108 bytes including the terminating NUL. */
    private static final int MAX_SOCKET_PATH_BYTES = 107;
    private static final int MAX_PBR_PRIORITY = 32767;

    private final RouterConfig config;
    private final List<ConfigError> errors = new ArrayList<>();
    private final Set<String> vrfNames = new HashSet<>();
    private final Set<String> portNames = new HashSet<>();
    private String firstEncapRoute;

    private ConfigValidator(final RouterConfig config)
    {
        this.config = config;
    }

    /**
     * Checks a bound configuration.
     *
     * @param config the configuration as bound from YAML.
     * @return every problem found, in file order by section; empty when the configuration is valid.
     */
    public static List<ConfigError> validate(final RouterConfig config)
    {
        final ConfigValidator v = new ConfigValidator(config);
        v.collectNames();
        v.checkRouter();
        v.checkPorts();
        v.checkNeighbors();
        v.checkVrfs();
        v.checkRoutes();
        v.checkLocators();
        v.checkSids();
        v.checkPbr();
        BgpConfigValidator.validate(config, v.errors);
        BondConfigValidator.validate(config, v.errors);
        return List.copyOf(v.errors);
    }

    /**
     * Several workers share a port through one socket each: an AF_PACKET socket in a fanout group, or an AF_XDP
     * socket per receive queue; only {@code af-packet} and {@code af-xdp} can (a pcap handle sees every frame, a file
     * or memory port has one reader), and the fanout ids of one router are distinct for up to
     * {@value FanoutGroups#MAX_PORTS} ports.
     */
    private void checkWorkersShareablePorts(final int workers)
    {
        for (int i = 0; i < config.ports().size(); i++)
        {
            final PortConfig p = config.ports().get(i);
            if (p.backend() != PortBackend.AF_PACKET && p.backend() != PortBackend.AF_XDP)
            {
                error("ports[" + i + "].backend", "port '" + p.name() + "': backend " + p.backend().configName() +
                    " cannot be shared by router.workers " + workers + "; use af-packet or af-xdp, or router.workers 1");
            }
        }
        if (config.ports().size() > FanoutGroups.MAX_PORTS)
        {
            error("router.workers", workers + " workers need at most " + FanoutGroups.MAX_PORTS + " ports, not " +
                config.ports().size());
        }
    }

    private void error(final String path, final String message)
    {
        errors.add(new ConfigError(path, message));
    }

    private void collectNames()
    {
        vrfNames.add(ConfigDefaults.DEFAULT_VRF);
        for (final VrfConfig v : config.vrfs())
        {
            if (v != null && v.name() != null)
            {
                vrfNames.add(v.name());
            }
        }
        for (final PortConfig p : config.ports())
        {
            if (p != null && p.name() != null)
            {
                portNames.add(p.name());
            }
        }
        for (int i = 0; i < config.vrfs().size() && firstEncapRoute == null; i++)
        {
            final VrfConfig v = config.vrfs().get(i);
            for (int r = 0; v != null && r < v.routes().size() && firstEncapRoute == null; r++)
            {
                if (v.routes().get(r) != null && v.routes().get(r).encap() != null)
                {
                    firstEncapRoute = ConfigPaths.index(ConfigPaths.index("vrfs", i) + ".routes", r);
                }
            }
        }
    }

    private void checkRouter()
    {
        final RouterSettings r = config.router();
        if (r == null)
        {
            error("router", "required");
            return;
        }
        if (r.name() == null)
        {
            error("router.name", "required");
        }
        else if (!ROUTER_NAME.matcher(r.name()).matches())
        {
            error("router.name", "'" + r.name() + "' must match [a-z0-9-]+");
        }
        if (r.controlSocket() != null)
        {
            if (r.controlSocket().isEmpty())
            {
                error("router.control-socket", "must not be empty");
            }
            else if (r.controlSocket().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH_BYTES)
            {
                error("router.control-socket", "path longer than " + MAX_SOCKET_PATH_BYTES +
                    " bytes (the Unix domain socket limit)");
            }
        }
        if (r.encapSource() != null)
        {
            ipv6Address("router.encap-source", r.encapSource());
        }
        else if (firstEncapRoute != null)
        {
            error("router.encap-source", "required because " + firstEncapRoute + " encapsulates");
        }
        if (r.workers() < 1 || r.workers() > ConfigDefaults.MAX_WORKERS)
        {
            error("router.workers", r.workers() + " out of range 1.." + ConfigDefaults.MAX_WORKERS);
        }
        else if (!r.workerCpus().isEmpty() && r.workerCpus().size() != r.workers())
        {
            error("router.worker-cpus", r.workerCpus().size() + " CPUs for " + r.workers() + " worker" +
                (r.workers() == 1 ? "" : "s") + " (give one CPU per worker, or none)");
        }
        for (int i = 0; i < r.workerCpus().size(); i++)
        {
            final Integer cpu = r.workerCpus().get(i);
            if (cpu == null || cpu < 0 || cpu >= ConfigDefaults.MAX_CPUS)
            {
                error(ConfigPaths.index("router.worker-cpus", i), cpu + " is not a CPU number 0.." +
                    (ConfigDefaults.MAX_CPUS - 1));
            }
        }
        if (r.workers() > 1 && r.workers() <= ConfigDefaults.MAX_WORKERS)
        {
            checkWorkersShareablePorts(r.workers());
        }
        if (r.icmp().ratePerSecond() < 0)
        {
            error("router.icmp.rate-per-second", r.icmp().ratePerSecond() + " must not be negative");
        }
        if (r.icmp().burst() < 0)
        {
            error("router.icmp.burst", r.icmp().burst() + " must not be negative");
        }
        checkMetrics(r.metrics());
        checkJournal(r);
    }

    private void checkJournal(final RouterSettings r)
    {
        final String dir = r.journalDir();
        if (dir != null)
        {
            if (dir.isEmpty())
            {
                error("router.journal-dir", "must not be empty");
            }
            else if (dir.indexOf('\0') >= 0)
            {
                error("router.journal-dir", "must not contain a NUL character");
            }
            else if (Files.exists(Path.of(dir)) &&
                !Files.isDirectory(Path.of(dir)))
            {
                error("router.journal-dir", "'" + dir + "' exists and is not a directory");
            }
        }
        if (r.journalRetentionHours() < 0 || r.journalRetentionHours() > ConfigDefaults.MAX_JOURNAL_RETENTION_HOURS)
        {
            error("router.journal-retention-hours", "must be 0 (keep every file) or 1.." +
                ConfigDefaults.MAX_JOURNAL_RETENTION_HOURS + " hours, got " + r.journalRetentionHours());
        }
        final FlowStatsSettings flows = r.flowStats();
        if (flows == null)
        {
            return;
        }
        if (flows.intervalMs() < ConfigDefaults.MIN_FLOW_STATS_INTERVAL_MS ||
            flows.intervalMs() > ConfigDefaults.MAX_FLOW_STATS_INTERVAL_MS)
        {
            error("router.flow-stats.interval-ms", flows.intervalMs() + " out of range " +
                ConfigDefaults.MIN_FLOW_STATS_INTERVAL_MS + ".." + ConfigDefaults.MAX_FLOW_STATS_INTERVAL_MS);
        }
        if (flows.maxFlows() < ConfigDefaults.MIN_FLOW_STATS_MAX_FLOWS ||
            flows.maxFlows() > ConfigDefaults.MAX_FLOW_STATS_MAX_FLOWS)
        {
            error("router.flow-stats.max-flows", flows.maxFlows() + " out of range " +
                ConfigDefaults.MIN_FLOW_STATS_MAX_FLOWS + ".." + ConfigDefaults.MAX_FLOW_STATS_MAX_FLOWS);
        }
    }

    private void checkMetrics(final MetricsSettings metrics)
    {
        if (metrics == null || !metrics.enabled())
        {
            return;
        }
        try
        {
            ListenAddress.parse(metrics.listen());
        }
        catch (final IllegalArgumentException ex)
        {
            error("router.metrics.listen", ex.getMessage());
        }
    }

    private void checkVrfs()
    {
        final Map<String, String> names = new HashMap<>();
        final Map<Long, String> tables = new HashMap<>();
        for (int i = 0; i < config.vrfs().size(); i++)
        {
            final String path = ConfigPaths.index("vrfs", i);
            final VrfConfig v = config.vrfs().get(i);
            if (v == null)
            {
                error(path, "empty entry");
                continue;
            }
            checkName(path, v.name(), names);
            final boolean isDefault = ConfigDefaults.DEFAULT_VRF.equals(v.name());
            if (isDefault)
            {
                if (v.table() != ConfigDefaults.DEFAULT_VRF_TABLE)
                {
                    error(path + ".table", "the default VRF always uses table " + ConfigDefaults.DEFAULT_VRF_TABLE);
                }
                continue;
            }
            if (v.table() == 0)
            {
                error(path + ".table", "required");
            }
            else if (v.table() < 1 || v.table() > ConfigDefaults.MAX_TABLE)
            {
                error(path + ".table", v.table() + " out of range 1..4294967295");
            }
            else if (v.table() == ConfigDefaults.DEFAULT_VRF_TABLE)
            {
                error(path + ".table", "table " + ConfigDefaults.DEFAULT_VRF_TABLE + " belongs to the default VRF");
            }
            else if (tables.containsKey(v.table()))
            {
                error(path + ".table", "table " + v.table() + " is already used by " + tables.get(v.table()));
            }
            else
            {
                tables.put(v.table(), path);
            }
        }
    }

    private void checkPorts()
    {
        final Map<String, String> names = new HashMap<>();
        for (int i = 0; i < config.ports().size(); i++)
        {
            final String path = ConfigPaths.index("ports", i);
            final PortConfig p = config.ports().get(i);
            if (p == null)
            {
                error(path, "empty entry");
                continue;
            }
            checkName(path, p.name(), names);
            if (p.backend() == PortBackend.MEMORY)
            {
                error(path + ".backend", "memory is for tests only; use af-packet, pcap or pcap-file");
            }
            else if (p.backend().live())
            {
                if (p.interfaceName() == null || p.interfaceName().isEmpty())
                {
                    error(path + ".interface", "required for backend " + p.backend().configName());
                }
                if (p.read() != null)
                {
                    error(path + ".read", "only for backend pcap-file");
                }
                if (p.write() != null)
                {
                    error(path + ".write", "only for backend pcap-file");
                }
            }
            else if ((p.read() == null || p.read().isEmpty()) && (p.write() == null || p.write().isEmpty()))
            {
                error(path + ".read", "backend pcap-file needs 'read' (a capture to replay), 'write' (a capture " +
                    "for sent frames), or both");
            }
            if (p.rxRing() != null && p.backend() != PortBackend.AF_PACKET)
            {
                error(path + ".rx-ring", "only for backend af-packet (the " + p.backend().configName() +
                    " backend has no receive ring)");
            }
            mac(path + ".mac", p.mac());
            final Set<String> seen = new HashSet<>();
            for (int a = 0; a < p.addresses().size(); a++)
            {
                final String aPath = ConfigPaths.index(path + ".addresses", a);
                final String address = p.addresses().get(a);
                if (address == null)
                {
                    error(aPath, "empty entry");
                }
                else if (prefix(aPath, address, false) != null && !seen.add(address))
                {
                    error(aPath, "'" + address + "' is listed twice");
                }
            }
            if (p.mtu() < ConfigDefaults.MIN_MTU || p.mtu() > ConfigDefaults.MAX_MTU)
            {
                error(path + ".mtu", p.mtu() + " out of range " + ConfigDefaults.MIN_MTU + ".." + ConfigDefaults.MAX_MTU);
            }
            vrfRef(path + ".vrf", p.vrf());
        }
    }

    private void checkNeighbors()
    {
        final Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < config.neighbors().size(); i++)
        {
            final String path = ConfigPaths.index("neighbors", i);
            final NeighborConfig n = config.neighbors().get(i);
            if (n == null)
            {
                error(path, "empty entry");
                continue;
            }
            portRef(path + ".port", n.port(), true);
            if (n.address() == null)
            {
                error(path + ".address", "required");
            }
            else if (address(path + ".address", n.address()) != null)
            {
                final String key = n.port() + "|" + n.address();
                if (seen.containsKey(key))
                {
                    error(path + ".address", "'" + n.address() + "' on port '" + n.port() + "' is already in " +
                        seen.get(key));
                }
                else
                {
                    seen.put(key, path);
                }
            }
            mac(path + ".mac", n.mac());
        }
    }

    private void checkRoutes()
    {
        for (int i = 0; i < config.vrfs().size(); i++)
        {
            final VrfConfig v = config.vrfs().get(i);
            if (v == null)
            {
                continue;
            }
            final Map<String, String> prefixes = new HashMap<>();
            for (int r = 0; r < v.routes().size(); r++)
            {
                final String path = ConfigPaths.index(ConfigPaths.index("vrfs", i) + ".routes", r);
                final RouteConfig route = v.routes().get(r);
                if (route == null)
                {
                    error(path, "empty entry");
                    continue;
                }
                checkRoute(path, route, prefixes);
            }
        }
    }

    private void checkRoute(final String path, final RouteConfig route, final Map<String, String> prefixes)
    {
        IpText.Prefix prefix = null;
        if (route.prefix() == null)
        {
            error(path + ".prefix", "required");
        }
        else
        {
            prefix = prefix(path + ".prefix", route.prefix(), true);
            if (prefix != null)
            {
                final String key = prefix.canonical();
                if (prefixes.containsKey(key))
                {
                    error(path + ".prefix", "'" + route.prefix() + "' is already routed by " + prefixes.get(key));
                }
                else
                {
                    prefixes.put(key, path);
                }
            }
        }

        final List<String> kinds = new ArrayList<>();
        if (route.via() != null)
        {
            kinds.add("via");
        }
        if (route.encap() != null)
        {
            kinds.add("encap");
        }
        if (route.action() != null)
        {
            kinds.add("action");
        }
        if (route.bond() != null)
        {
            kinds.add("bond");
        }
        if (kinds.isEmpty() && route.port() == null)
        {
            error(path, "needs one of via, port (connected), encap, action or bond");
        }
        else if (kinds.size() > 1)
        {
            error(path, "has " + String.join(" and ", kinds) + "; give exactly one of via, port (connected), " +
                "encap, action or bond");
        }
        else if (route.port() != null && (route.encap() != null || route.action() != null || route.bond() != null))
        {
            error(path + ".port", "not allowed with " + kinds.get(0));
        }

        if (route.port() != null)
        {
            portRef(path + ".port", route.port(), false);
        }
        if (route.via() != null)
        {
            final byte[] via = address(path + ".via", route.via());
            if (via != null && prefix != null && via.length != prefix.address().length)
            {
                error(path + ".via", "'" + route.via() + "' is " + family(via) + " but prefix '" + route.prefix() +
                    "' is " + family(prefix.address()));
            }
            if (via != null && isLinkLocal(via) && route.port() == null)
            {
                error(path + ".via", "link-local next hop '" + route.via() + "' needs a port");
            }
        }
        if (route.encap() != null)
        {
            checkEncap(path + ".encap", route.encap());
        }
    }

    private void checkEncap(final String path, final EncapConfig encap)
    {
        if (encap.mode() != Behavior.H_ENCAPS && encap.mode() != Behavior.H_ENCAPS_RED)
        {
            error(path + ".mode", "'" + encap.mode() + "' is not a headend behavior (use H.Encaps or H.Encaps.Red)");
        }
        if (encap.segments().isEmpty())
        {
            error(path + ".segments", "required, 1.." + ConfigDefaults.MAX_SEGMENTS + " IPv6 SIDs");
        }
        else if (encap.segments().size() > ConfigDefaults.MAX_SEGMENTS)
        {
            error(path + ".segments", encap.segments().size() + " segments, at most " + ConfigDefaults.MAX_SEGMENTS);
        }
        for (int s = 0; s < encap.segments().size(); s++)
        {
            final String sPath = ConfigPaths.index(path + ".segments", s);
            final String segment = encap.segments().get(s);
            if (segment == null)
            {
                error(sPath, "empty entry");
            }
            else
            {
                ipv6Address(sPath, segment);
            }
        }
        vrfRef(path + ".vrf", encap.vrf());
    }

    private void checkLocators()
    {
        final Map<String, String> names = new HashMap<>();
        for (int i = 0; i < config.locators().size(); i++)
        {
            final String path = ConfigPaths.index("locators", i);
            final LocatorConfig l = config.locators().get(i);
            if (l == null)
            {
                error(path, "empty entry");
                continue;
            }
            checkName(path, l.name(), names);
            if (l.prefix() == null)
            {
                error(path + ".prefix", "required");
                continue;
            }
            final IpText.Prefix p = prefix(path + ".prefix", l.prefix(), true);
            if (p != null && !p.isIpv6())
            {
                error(path + ".prefix", "'" + l.prefix() + "' is IPv4; a locator is an IPv6 prefix");
            }
        }
    }

    private void checkSids()
    {
        final List<IpText.Prefix> locators = new ArrayList<>();
        for (final LocatorConfig l : config.locators())
        {
            if (l != null && l.prefix() != null)
            {
                try
                {
                    final IpText.Prefix p = IpText.prefix(l.prefix());
                    if (p.isIpv6())
                    {
                        locators.add(p);
                    }
                }
                catch (final IllegalArgumentException ignored)
                {
                    // reported by checkLocators
                }
            }
        }
        final Map<String, String> seen = new HashMap<>();
        for (int i = 0; i < config.sids().size(); i++)
        {
            final String path = ConfigPaths.index("sids", i);
            final SidConfig s = config.sids().get(i);
            if (s == null)
            {
                error(path, "empty entry");
                continue;
            }
            checkSidAddress(path, s, locators, seen);
            checkSidAttributes(path, s);
        }
    }

    private void checkSidAddress(
        final String path, final SidConfig s, final List<IpText.Prefix> locators, final Map<String, String> seen)
    {
        if (s.sid() == null)
        {
            error(path + ".sid", "required");
            return;
        }
        final byte[] sid = ipv6Address(path + ".sid", s.sid());
        if (sid == null)
        {
            return;
        }
        final String key = IpText.format(sid);
        if (seen.containsKey(key))
        {
            error(path + ".sid", "'" + s.sid() + "' is already defined by " + seen.get(key));
        }
        else
        {
            seen.put(key, path);
        }
        boolean inside = false;
        for (final IpText.Prefix l : locators)
        {
            inside |= l.contains(sid);
        }
        if (!inside)
        {
            error(path + ".sid", "'" + s.sid() + "' is not inside any configured locator");
        }
    }

    private void checkSidAttributes(final String path, final SidConfig s)
    {
        if (s.behavior() == null)
        {
            error(path + ".behavior", "required");
            return;
        }
        final SidRules.Rule rule = SidRules.of(s.behavior());
        if (rule == null)
        {
            error(path + ".behavior", "'" + s.behavior() + "' is a headend behavior, not a SID behavior " +
                "(use it in a route's encap)");
            return;
        }
        final String b = s.behavior().displayName();
        if (rule.needsVrf())
        {
            if (s.vrf() == null)
            {
                error(path + ".vrf", "required for " + b);
            }
            else
            {
                vrfRef(path + ".vrf", s.vrf());
            }
        }
        else if (s.vrf() != null)
        {
            error(path + ".vrf", "not allowed for " + b);
        }
        if (rule.via() == SidRules.Via.NONE)
        {
            if (s.via() != null)
            {
                error(path + ".via", "not allowed for " + b);
            }
            if (s.port() != null)
            {
                error(path + ".port", "not allowed for " + b);
            }
        }
        else
        {
            final boolean v6 = rule.via() == SidRules.Via.IPV6;
            if (s.via() == null)
            {
                error(path + ".via", "required for " + b + " (an " + (v6 ? "IPv6" : "IPv4") + " next hop)");
            }
            else
            {
                final byte[] via = address(path + ".via", s.via());
                if (via != null && (via.length == 16) != v6)
                {
                    error(path + ".via", b + " needs an " + (v6 ? "IPv6" : "IPv4") + " next hop, '" + s.via() +
                        "' is " + family(via));
                }
                else if (via != null && isLinkLocal(via) && s.port() == null)
                {
                    error(path + ".via", "link-local next hop '" + s.via() + "' needs a port");
                }
            }
            if (s.port() != null)
            {
                portRef(path + ".port", s.port(), false);
            }
        }
        if (!s.flavors().isEmpty() && !rule.allowsFlavors())
        {
            error(path + ".flavors", "not allowed for " + b + " (only End and End.X take flavors)");
        }
        else
        {
            final Set<Flavor> seen = new HashSet<>();
            for (int f = 0; f < s.flavors().size(); f++)
            {
                final Flavor flavor = s.flavors().get(f);
                final String fPath = ConfigPaths.index(path + ".flavors", f);
                if (flavor == null)
                {
                    error(fPath, "empty entry");
                }
                else if (!seen.add(flavor))
                {
                    error(fPath, "'" + flavor + "' is listed twice");
                }
            }
        }
    }

    private void checkPbr()
    {
        final Map<Integer, String> priorities = new HashMap<>();
        for (int i = 0; i < config.pbr().size(); i++)
        {
            final String path = ConfigPaths.index("pbr", i);
            final PbrRuleConfig rule = config.pbr().get(i);
            if (rule == null)
            {
                error(path, "empty entry");
                continue;
            }
            if (rule.priority() == PbrRuleConfig.NO_PRIORITY)
            {
                error(path + ".priority", "required");
            }
            else if (rule.priority() < 0 || rule.priority() > MAX_PBR_PRIORITY)
            {
                error(path + ".priority", rule.priority() + " out of range 0.." + MAX_PBR_PRIORITY);
            }
            else if (priorities.containsKey(rule.priority()))
            {
                error(path + ".priority", "priority " + rule.priority() + " is already used by " +
                    priorities.get(rule.priority()));
            }
            else
            {
                priorities.put(rule.priority(), path);
            }
            if (rule.from() == null && rule.to() == null)
            {
                error(path, "needs 'from' or 'to' (or both)");
            }
            final IpText.Prefix from = rule.from() == null ? null : prefix(path + ".from", rule.from(), true);
            final IpText.Prefix to = rule.to() == null ? null : prefix(path + ".to", rule.to(), true);
            if (from != null && to != null && from.isIpv6() != to.isIpv6())
            {
                error(path + ".to", "'" + rule.to() + "' is " + family(to.address()) + " but from '" + rule.from() +
                    "' is " + family(from.address()));
            }
            if (rule.vrf() == null)
            {
                error(path + ".vrf", "required");
            }
            else
            {
                vrfRef(path + ".vrf", rule.vrf());
            }
        }
    }

    private void checkName(final String path, final String name, final Map<String, String> seen)
    {
        if (name == null)
        {
            error(path + ".name", "required");
        }
        else if (!OBJECT_NAME.matcher(name).matches())
        {
            error(path + ".name", "'" + name + "' must match [A-Za-z0-9._-]+");
        }
        else if (seen.containsKey(name))
        {
            error(path + ".name", "'" + name + "' is already used by " + seen.get(name));
        }
        else
        {
            seen.put(name, path);
        }
    }

    private void vrfRef(final String path, final String vrf)
    {
        if (!vrfNames.contains(vrf))
        {
            error(path, "no VRF named '" + vrf + "'");
        }
    }

    private void portRef(final String path, final String port, final boolean required)
    {
        if (port == null)
        {
            if (required)
            {
                error(path, "required");
            }
        }
        else if (!portNames.contains(port))
        {
            error(path, "no port named '" + port + "'");
        }
    }

    private void mac(final String path, final String mac)
    {
        if (mac == null)
        {
            error(path, "required");
            return;
        }
        final String problem = MacText.problem(mac);
        if (problem != null)
        {
            error(path, problem);
        }
    }

    private byte[] address(final String path, final String text)
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

    private byte[] ipv6Address(final String path, final String text)
    {
        if (!IpText.isIpv6Text(text))
        {
            error(path, "'" + text + "' is not an IPv6 address");
            return null;
        }
        final byte[] a = address(path, text);
        if (a != null && (a[0] & 0xFF) == 0xFF)
        {
            error(path, "'" + text + "' is a multicast address");
            return null;
        }
        return a;
    }

    private IpText.Prefix prefix(final String path, final String text, final boolean canonical)
    {
        try
        {
            final IpText.Prefix p = IpText.prefix(text);
            if (canonical && p.hasHostBits())
            {
                error(path, "'" + text + "' has host bits set (did you mean " + p.canonical() + "?)");
                return null;
            }
            if (canonical)
            {
                // The vrf module's parsers build the tables; what validates here must load there.
                if (p.isIpv6())
                {
                    Ipv6Prefix.parse(text);
                }
                else
                {
                    Ipv4Prefix.parse(text);
                }
            }
            return p;
        }
        catch (final IllegalArgumentException ex)
        {
            error(path, ex.getMessage());
            return null;
        }
    }

    private static boolean isLinkLocal(final byte[] address)
    {
        return address.length == 16 && (address[0] & 0xFF) == 0xFE && (address[1] & 0xC0) == 0x80;
    }

    private static String family(final byte[] address)
    {
        return address.length == 16 ? "IPv6" : "IPv4";
    }
}
