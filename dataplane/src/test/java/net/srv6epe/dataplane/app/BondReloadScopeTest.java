package net.srv6epe.dataplane.app;

import net.srv6epe.dataplane.config.ConfigException;
import net.srv6epe.dataplane.config.ConfigLoader;
import net.srv6epe.dataplane.config.RouterConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A reload may change the routes (also those naming a bond), but not {@code bonds:} nor a SID's {@code bond:}:
 * the workers' sequence numbers, reorder buffers and the estimators live as long as the process.
 */
class BondReloadScopeTest
{
    private static final String BASE = String.join("\n",
        "router: { name: bond-head, encap-source: 'fd00:b0::1' }",
        "ports:",
        "  - { name: pa, backend: pcap-file, write: a.pcap, mac: '02:00:00:00:00:0a', addresses: ['fd00:a::1/64'] }",
        "vrfs:",
        "  - name: default",
        "    routes:",
        "      - { prefix: 'fc00:a::/48', via: 'fd00:a::2', port: pa }",
        "      - { prefix: 'fd00:c1::/64', bond: down }",
        "  - { name: lan, table: 100 }",
        "bonds:",
        "  - name: down",
        "    id: 1",
        "    members:",
        "      - { name: a, segments: ['fc00:a::1', 'fc00:c::b1'], capacity-mbit: 10 }",
        "locators:",
        "  - { name: main, prefix: 'fc00:d::/48' }",
        "sids:",
        "  - { sid: 'fc00:d::b1', behavior: End.DT46, vrf: lan, bond: { hold-max-ms: 80 } }",
        "  - { sid: 'fc00:d::1', behavior: End }",
        "");

    @Test
    void sameConfigurationNeedsNoRestart() throws ConfigException
    {
        assertEquals(List.of(), ReloadScope.restartOnly(parse(BASE), parse(BASE)));
    }

    @Test
    void changedBondsAreRestartOnly() throws ConfigException
    {
        final RouterConfig running = parse(BASE);
        assertEquals(List.of("bonds"), ReloadScope.restartOnly(running,
            parse(BASE.replace("capacity-mbit: 10", "capacity-mbit: 20"))));
        assertEquals(List.of("bonds"), ReloadScope.restartOnly(running, parse(BASE.replace("id: 1", "id: 7"))));
        assertEquals(List.of("bonds"), ReloadScope.restartOnly(running, parse(BASE.replace(
            "capacity-mbit: 10 }", "capacity-mbit: 10 }\n      - { name: b, segments: ['fc00:a::2', 'fc00:c::b1'] }"))));
    }

    @Test
    void removedBondsAreRestartOnly() throws ConfigException
    {
        final String without = BASE
            .replace("      - { prefix: 'fd00:c1::/64', bond: down }\n", "")
            .replace("bonds:\n  - name: down\n    id: 1\n    members:\n" +
                "      - { name: a, segments: ['fc00:a::1', 'fc00:c::b1'], capacity-mbit: 10 }\n", "");
        assertTrue(!without.contains("bonds:"), without);
        assertEquals(List.of("bonds"), ReloadScope.restartOnly(parse(BASE), parse(without)));
    }

    @Test
    void changedTailEndBondIsRestartOnly() throws ConfigException
    {
        final RouterConfig running = parse(BASE);
        assertEquals(List.of("sids[].bond"), ReloadScope.restartOnly(running,
            parse(BASE.replace("bond: { hold-max-ms: 80 }", "bond: { hold-max-ms: 90 }"))));
        assertEquals(List.of("sids[].bond"), ReloadScope.restartOnly(running,
            parse(BASE.replace("bond: { hold-max-ms: 80 }", "bond: { hold-max-ms: 80, feedback-paths: [['fc00:a::1']] }"))));
        // the SID is no tail end any more
        assertEquals(List.of("sids[].bond"), ReloadScope.restartOnly(running,
            parse(BASE.replace(", bond: { hold-max-ms: 80 }", ""))));
        // a new tail end
        assertEquals(List.of("sids[].bond"), ReloadScope.restartOnly(running,
            parse(BASE.replace("{ sid: 'fc00:d::1', behavior: End }",
                "{ sid: 'fc00:d::1', behavior: End }\n  - { sid: 'fc00:d::b2', behavior: End.DT6, vrf: lan, bond: {} }"))));
    }

    @Test
    void routesAndSidsWithoutBondStayReloadable() throws ConfigException
    {
        final RouterConfig running = parse(BASE);
        // a route naming the bond may come and go: the bond itself is unchanged
        assertEquals(List.of(), ReloadScope.restartOnly(running, parse(BASE.replace(
            "      - { prefix: 'fd00:c1::/64', bond: down }",
            "      - { prefix: 'fd00:c1::/64', bond: down }\n      - { prefix: 'fd00:c2::/64', bond: down }"))));
        // a SID that is no tail end
        assertEquals(List.of(), ReloadScope.restartOnly(running,
            parse(BASE.replace("{ sid: 'fc00:d::1', behavior: End }", "{ sid: 'fc00:d::2', behavior: End }"))));
    }

    @Test
    void bondAndRouterChangeTogetherNameBoth() throws ConfigException
    {
        final List<String> sections = ReloadScope.restartOnly(parse(BASE), parse(BASE
            .replace("name: bond-head", "name: other")
            .replace("capacity-mbit: 10", "capacity-mbit: 11")
            .replace("hold-max-ms: 80", "hold-max-ms: 81")));
        assertEquals(List.of("router", "bonds", "sids[].bond"), sections);
    }

    private static RouterConfig parse(final String yaml) throws ConfigException
    {
        return ConfigLoader.parse(yaml);
    }
}
