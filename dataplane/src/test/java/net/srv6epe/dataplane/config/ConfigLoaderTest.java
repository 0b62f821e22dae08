package net.srv6epe.dataplane.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import net.srv6epe.dataplane.port.PortBackend;
import net.srv6epe.dataplane.port.afpacket.RxRingKind;
import net.srv6epe.dataplane.worker.WorkerIdle;
import net.srv6epe.srv6.Behavior;
import net.srv6epe.srv6.Flavor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest
{
    @Test
    void loadsTheExampleIntoTheExpectedRecords() throws ConfigException
    {
        final Path file = ConfigFiles.of("example.yaml");
        final RouterConfig config = ConfigLoader.load(file);

        assertEquals(new RouterSettings("cs1", "/run/srv6-epe/cs1.sock", "fd00:100::1", 1,
            new IcmpSettings(true, 200, 20)), config.router());

        final Path dir = file.getParent();
        assertEquals(List.of(
            new PortConfig("p0", "veth-cs1", PortBackend.PCAP, null, null, "02:00:00:00:01:01",
                List.of("fd00:1::2/64", "198.18.1.2/24"), 9000, "default", null),
            new PortConfig("p1", null, PortBackend.PCAP_FILE, dir.resolve("in.pcap").toString(),
                dir.resolve("out.pcap").toString(), "02:00:00:00:02:01", List.of("fd00:3::2/64"), 1500, "peer-a", null)),
            config.ports());

        assertEquals(List.of(
            new NeighborConfig("p0", "fd00:1::1", "02:00:00:00:01:02"),
            new NeighborConfig("p0", "198.18.1.1", "02:00:00:00:01:02")), config.neighbors());

        final VrfConfig peerA = config.vrf("peer-a").orElseThrow();
        assertEquals(100, peerA.table());
        assertEquals(List.of(
            new RouteConfig("fd00:2::/64", "fd00:1::1", "p0", null, null),
            new RouteConfig("fd00:3::/64", null, "p1", null, null),
            new RouteConfig("fd00:9::/48", null, null,
                new EncapConfig(Behavior.H_ENCAPS, List.of("fc00:a::d6"), "default"), null),
            new RouteConfig("198.18.9.0/24", null, null,
                new EncapConfig(Behavior.H_ENCAPS_RED, List.of("fc00:a::d46", "fc00:b::1"), "default"), null),
            new RouteConfig("fd00:dead::/32", null, null, null, RouteAction.BLACKHOLE),
            new RouteConfig("198.18.10.0/24", "198.18.1.1", null, null, null),
            new RouteConfig("fd00:beef::/32", null, null, null, RouteAction.UNREACHABLE)), peerA.routes());
        assertEquals(List.of(RouteConfig.Kind.FORWARD, RouteConfig.Kind.CONNECTED, RouteConfig.Kind.ENCAP,
            RouteConfig.Kind.ENCAP, RouteConfig.Kind.DROP, RouteConfig.Kind.FORWARD, RouteConfig.Kind.DROP),
            peerA.routes().stream().map(RouteConfig::kind).toList());

        assertEquals(List.of(new LocatorConfig("main", "fc00:a::/48")), config.locators());
        assertEquals(List.of(
            new SidConfig("fc00:a::d6", Behavior.END_DT6, List.of(), "peer-a", null, null),
            new SidConfig("fc00:a::d46", Behavior.END_DT46, List.of(), "peer-a", null, null),
            new SidConfig("fc00:a::1", Behavior.END, List.of(), null, null, null),
            new SidConfig("fc00:a::2", Behavior.END_X, List.of(Flavor.PSP), null, "fd00:1::1", "p0"),
            new SidConfig("fc00:a::3", Behavior.END_DX6, List.of(), null, "fd00:1::1", "p0"),
            new SidConfig("fc00:a::4", Behavior.END_DX4, List.of(), null, "198.18.1.1", null)), config.sids());
        assertEquals(Flavor.PSP.bit(), config.sids().get(3).flavorBits());

        assertEquals(List.of(
            new PbrRuleConfig(10, "fd00:100::a/128", null, "peer-a"),
            new PbrRuleConfig(20, "fd00:100::/64", "fd00:9::/48", "default")), config.pbr());
    }

    @Test
    void appliesEveryDefaultToAMinimalConfig() throws ConfigException
    {
        final RouterConfig config = ConfigLoader.load(ConfigFiles.of("minimal.yaml"));

        assertEquals(new RouterSettings("edge-1", "/run/srv6-epe/edge-1.sock", null, ConfigDefaults.WORKERS,
            IcmpSettings.DEFAULT), config.router());
        assertTrue(config.ports().isEmpty());
        assertEquals(List.of(VrfConfig.implicitDefault()), config.allVrfs());
        assertEquals("router edge-1: 0 ports, 0 neighbors, 1 vrf, 0 routes, 0 locators, 0 sids, 0 pbr rules",
            config.summary());
    }

    @Test
    void readsTheReceiveRingAndTheWorkerIdleMode() throws ConfigException
    {
        final RouterConfig config = ConfigLoader.parse(String.join("\n",
            "router: { name: r1, worker-idle: spin }",
            "ports:",
            "  - { name: a, interface: e1, mac: '02:00:00:00:00:01', rx-ring: frames }",
            "  - { name: b, interface: e2, mac: '02:00:00:00:00:02' }", ""));

        assertEquals(WorkerIdle.SPIN, config.router().workerIdle());
        assertEquals(RxRingKind.FRAMES, config.ports().get(0).rxRingOrDefault());
        assertNull(config.ports().get(1).rxRing());
        assertEquals(RxRingKind.BLOCKS, config.ports().get(1).rxRingOrDefault());
        assertEquals(WorkerIdle.BACKOFF, ConfigLoader.parse("router: { name: r }\n").router().workerIdle());
    }

    @Test
    void appliesPortAndEncapDefaults() throws ConfigException
    {
        final RouterConfig config = ConfigLoader.parse(String.join("\n",
            "router: { name: r1, encap-source: 'fd00::1' }",
            "ports:",
            "  - { name: p0, interface: eth0, mac: '02:00:00:00:00:01' }",
            "vrfs:",
            "  - name: v",
            "    table: 7",
            "    routes:",
            "      - { prefix: '::/0', encap: { segments: ['fc00::1'] } }",
            ""));

        final PortConfig p0 = config.ports().get(0);
        assertEquals(PortBackend.AF_PACKET, p0.backend());
        assertEquals(ConfigDefaults.MTU, p0.mtu());
        assertEquals(ConfigDefaults.DEFAULT_VRF, p0.vrf());
        assertTrue(p0.addresses().isEmpty());
        final EncapConfig encap = config.vrf("v").orElseThrow().routes().get(0).encap();
        assertEquals(Behavior.H_ENCAPS, encap.mode());
        assertEquals(ConfigDefaults.DEFAULT_VRF, encap.vrf());
    }

    @ParameterizedTest(name = "backend: {0}")
    @CsvSource({"af-packet, AF_PACKET", "pcap, PCAP"})
    void bindsEachLiveBackendByItsName(final String name, final PortBackend expected) throws ConfigException
    {
        final RouterConfig config = ConfigLoader.parse(String.join("\n",
            "router: { name: r1 }",
            "ports:",
            "  - { name: p0, backend: " + name + ", interface: eth0, mac: '02:00:00:00:00:01' }",
            ""));

        assertEquals(expected, config.ports().get(0).backend());
        assertTrue(expected.live());
    }

    @Test
    void listsTheDefaultVrfFirstAndOnlyOnce() throws ConfigException
    {
        final RouterConfig config = ConfigLoader.load(ConfigFiles.of("example.yaml"));

        assertEquals(List.of("default", "peer-a"), config.allVrfs().stream().map(VrfConfig::name).toList());
        assertEquals(1, config.allVrfs().get(0).routes().size());
        assertTrue(config.vrf("default").isPresent());
        assertFalse(config.vrf("nope").isPresent());
        assertEquals("router cs1: 2 ports, 2 neighbors, 2 vrfs, 8 routes, 1 locator, 6 sids, 2 pbr rules",
            config.summary());
    }

    @Test
    void derivesConnectedPrefixesFromPortAddresses() throws ConfigException
    {
        final PortConfig p0 = ConfigLoader.load(ConfigFiles.of("example.yaml")).port("p0").orElseThrow();

        assertEquals(List.of("fd00:1::/64", "198.18.1.0/24"), p0.connectedPrefixes());
        assertEquals("fd00:1::2", PortConfig.hostPart(p0.addresses().get(0)));
    }

    @Test
    void reportsAMissingFile()
    {
        final ConfigException ex =
            assertThrows(ConfigException.class, () -> ConfigLoader.load(Path.of("/nonexistent/router.yaml")));

        assertEquals(List.of("no such file: /nonexistent/router.yaml"), messages(ex));
    }

    @Test
    void rejectsAnEmptyDocument()
    {
        final ConfigException ex = assertThrows(ConfigException.class, () -> ConfigLoader.parse("# nothing\n"));

        assertEquals(List.of("empty configuration (expected a mapping with a 'router' key)"), messages(ex));
    }

    @Test
    void requiresTheRouterSection()
    {
        final ConfigException ex = assertThrows(ConfigException.class, () -> ConfigLoader.parse("ports: []\n"));

        assertEquals(List.of("router: required"), messages(ex));
        assertNull(ConfigDefaults.controlSocket(null));
    }

    static List<String> messages(final ConfigException ex)
    {
        return ex.errors().stream().map(ConfigError::toString).toList();
    }
}
