package net.srv6epe.dataplane.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code bgp:} section: a good one binds with its defaults; each bad value or reference names its path. */
class BgpConfigTest
{
    private static final String BASE = String.join("\n",
        "router: { name: asbr, encap-source: 'fd00:20::1' }",
        "ports:",
        "  - { name: peer-a, backend: pcap-file, write: out.pcap, mac: '02:00:00:00:00:01',",
        "      addresses: ['fd00:a::1/64'] }",
        "vrfs:",
        "  - { name: epe-a, table: 101 }",
        "  - { name: cs-a, table: 201 }",
        "locators:",
        "  - { name: main, prefix: 'fc00:0:1::/48' }",
        "bgp:",
        "  asn: 65000",
        "  router-id: 198.18.0.1",
        "  listen: ['127.0.0.1:1179']",
        "  neighbors:",
        "    - { address: 'fd00:a::2', remote-as: 4200000001, role: egress-peer, families: [ipv6-unicast],",
        "        max-prefix: { limit: 1000, warning-percent: 80 }, passive: true }",
        "    - { address: 198.18.0.2, remote-as: 65000, role: ibgp, hold-time: 30, local-address: 198.18.0.1 }",
        "  content-server:",
        "    import-vrfs:",
        "      - { vrf: cs-a, route-targets: ['65000:100', '198.18.0.1:7'], mode: H.Encaps.Red }",
        "  asbr:",
        "    dataplane-address: 'fd00:20::1'",
        "    locator: { prefix: 'fc00:0:1::/48', block-length: 32, function-length: 16 }",
        "    transposition: true",
        "    egress-peers:",
        "      - { neighbor: 'fd00:a::2', vrf: epe-a, rd: '65000:100', export-route-targets: ['65000:100'],",
        "          behavior: End.DX6, next-hop: 'fd00:a::2', port: peer-a, announce: ['2001:db8:100::/48'] }",
        "");

    @Test
    void goodSectionBindsWithDefaults() throws ConfigException
    {
        final BgpConfig bgp = ConfigLoader.parse(BASE).bgp();
        assertEquals(65000L, bgp.asn());
        assertEquals("198.18.0.1", bgp.routerId());
        assertEquals(List.of("127.0.0.1:1179"), bgp.listen());
        final BgpNeighborConfig peer = bgp.neighbors().get(0);
        assertEquals(4200000001L, peer.remoteAs());
        assertEquals(179, peer.port());
        assertEquals(90, peer.holdTime());
        assertTrue(peer.passive());
        assertEquals(1000, peer.maxPrefix().limit());
        assertEquals(80, peer.maxPrefix().warningPercent());
        final BgpNeighborConfig ibgp = bgp.neighbors().get(1);
        assertEquals(List.of("ipv6-unicast", "vpnv6"), ibgp.families());
        assertFalse(ibgp.passive());
        assertEquals(30, ibgp.holdTime());
        assertEquals("default", bgp.contentServer().importVrfs().get(0).underlayVrf());
        assertEquals("H.Encaps.Red", bgp.contentServer().importVrfs().get(0).mode());
        assertEquals(16, bgp.asbr().locator().functionLength());
        assertEquals(0, bgp.asbr().egressPeers().get(0).function());
        assertEquals("End.DX6", bgp.asbr().egressPeers().get(0).behavior());
        assertEquals(List.of("2001:db8:100::/48"), bgp.asbr().egressPeers().get(0).announce());
    }

    @Test
    void exampleFilesAreValid() throws Exception
    {
        final RouterConfig asbr = ConfigLoader.load(ConfigFiles.of("bgp-asbr.yaml"));
        assertEquals("epe-a", asbr.bgp().asbr().egressPeers().get(0).vrf());
        assertEquals(List.of("2001:db8:100::/48"), asbr.bgp().asbr().egressPeers().get(0).announce());
        final RouterConfig cs = ConfigLoader.load(ConfigFiles.of("bgp-content-server.yaml"));
        assertEquals(List.of("65000:100"), cs.bgp().contentServer().importVrfs().get(0).routeTargets());
    }

    @Test
    void noSectionMeansNoBgp() throws ConfigException
    {
        assertNull(ConfigLoader.parse("router: { name: r }\n").bgp());
    }

    @Test
    void routeDistinguishersAndTargetsReadLikeFrrAndGobgp()
    {
        assertEquals("65000:100", BgpText.routeDistinguisher("65000:100").toString());
        assertEquals("198.18.0.1:7", BgpText.routeDistinguisher("198.18.0.1:7").toString());
        assertEquals("4200000001:7", BgpText.routeDistinguisher("4200000001:7").toString());
        assertTrue(BgpText.routeTarget("65000:100").isRouteTarget());
        assertEquals("198.18.0.1:7", BgpText.routeTarget("198.18.0.1:7").globalLocal());
        assertThrows(IllegalArgumentException.class, () -> BgpText.routeTarget("65000"));
        assertThrows(IllegalArgumentException.class, () -> BgpText.routeTarget("4200000001:70000"));
        assertThrows(IllegalArgumentException.class, () -> BgpText.routeDistinguisher("198.18.0.300:1"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "asn: 65000|asn: 4294967296|bgp.asn",
        "listen: ['127.0.0.1:1179']|listen: []|bgp.neighbors[0].passive",
        "router-id: 198.18.0.1|router-id: 0.0.0.0|bgp.router-id",
        "router-id: 198.18.0.1|router-id: 'fd00::1'|bgp.router-id",
        "listen: ['127.0.0.1:1179']|listen: ['127.0.0.1:99999']|bgp.listen[0]",
        "remote-as: 4200000001, role: egress-peer|remote-as: 4200000001, role: transit|bgp.neighbors[0].role",
        "remote-as: 4200000001, role: egress-peer|remote-as: 65000, role: egress-peer|bgp.neighbors[0].remote-as",
        "families: [ipv6-unicast]|families: [ipv4-unicast]|bgp.neighbors[0].families[0]",
        "warning-percent: 80|warning-percent: 0|bgp.neighbors[0].max-prefix.warning-percent",
        "limit: 1000|limit: 0|bgp.neighbors[0].max-prefix.limit",
        "hold-time: 30|hold-time: 2|bgp.neighbors[1].hold-time",
        "local-address: 198.18.0.1|local-address: 'fd00::1'|bgp.neighbors[1].local-address",
        "remote-as: 65000, role: ibgp|remote-as: 65001, role: ibgp|bgp.neighbors[1].remote-as",
        "vrf: cs-a|vrf: nowhere|bgp.content-server.import-vrfs[0].vrf",
        "'198.18.0.1:7'|'198.18.0.1'|bgp.content-server.import-vrfs[0].route-targets[1]",
        "mode: H.Encaps.Red|mode: End.DT6|bgp.content-server.import-vrfs[0].mode",
        "dataplane-address: 'fd00:20::1'|dataplane-address: 198.18.0.9|bgp.asbr.dataplane-address",
        "function-length: 16|function-length: 24|bgp.asbr.locator.function-length",
        "block-length: 32|block-length: 64|bgp.asbr.locator.block-length",
        "prefix: 'fc00:0:1::/48', block|prefix: 'fc00:0:1::1/48', block|bgp.asbr.locator.prefix",
        "neighbor: 'fd00:a::2', vrf|neighbor: 'fd00:a::9', vrf|bgp.asbr.egress-peers[0].neighbor",
        "vrf: epe-a, rd|vrf: nowhere, rd|bgp.asbr.egress-peers[0].vrf",
        "rd: '65000:100'|rd: 'x:100'|bgp.asbr.egress-peers[0].rd",
        "export-route-targets: ['65000:100']|export-route-targets: []|bgp.asbr.egress-peers[0].export-route-targets",
        "behavior: End.DX6|behavior: End.X|bgp.asbr.egress-peers[0].behavior",
        "port: peer-a|port: nowhere|bgp.asbr.egress-peers[0].port",
        "next-hop: 'fd00:a::2'|next-hop: 'nope'|bgp.asbr.egress-peers[0].next-hop",
        "announce: ['2001:db8:100::/48']|announce: ['2001:db8:100::1/48']|bgp.asbr.egress-peers[0].announce[0]",
        "announce: ['2001:db8:100::/48']|announce: ['198.18.0.0/15']|bgp.asbr.egress-peers[0].announce[0]",
        "announce: ['2001:db8:100::/48']|announce: ['nope']|bgp.asbr.egress-peers[0].announce[0]",
        "announce: ['2001:db8:100::/48']|announce: ['2001:db8:100::/48', '2001:db8:100::/48']|" +
            "bgp.asbr.egress-peers[0].announce[1]",
        "addresses: ['fd00:a::1/64']|addresses: ['fe80::1/64']|bgp.asbr.egress-peers[0].announce",
        "addresses: ['fd00:a::1/64']|addresses: ['nope/64']|ports[0].addresses[0]",
    })
    void badValueNamesItsPath(final String good, final String bad, final String path)
    {
        assertTrue(BASE.contains(good), good);
        final String yaml = BASE.replace(good, bad);
        final ConfigException ex = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml));
        assertTrue(ex.errors().stream().anyMatch(e -> e.path().equals(path)), () -> path + " not in " + ex.errors());
    }

    @Test
    void unknownKeyIsRefusedWithItsPath()
    {
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> ConfigLoader.parse(BASE.replace("asn: 65000", "asn: 65000\n  as-number: 1")));
        assertTrue(ex.errors().get(0).path().startsWith("bgp"), ex.errors().toString());
    }

    @Test
    void contentServerNeedsTheEncapSource()
    {
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> ConfigLoader.parse(BASE.replace(", encap-source: 'fd00:20::1'", "")));
        assertTrue(ex.errors().stream().anyMatch(e -> e.path().equals("router.encap-source")), ex.errors().toString());
    }
}
