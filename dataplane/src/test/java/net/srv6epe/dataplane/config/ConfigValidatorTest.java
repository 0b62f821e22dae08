package net.srv6epe.dataplane.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Semantic rules: every problem found, each naming the path of its key. */
class ConfigValidatorTest
{
    private static final String BASE = String.join("\n",
        "router: { name: r1, encap-source: 'fd00:100::1' }",
        "ports:",
        "  - { name: p0, interface: eth0, mac: '02:00:00:00:00:01', addresses: ['fd00:1::2/64', '198.18.1.2/24'] }",
        "locators:",
        "  - { name: main, prefix: 'fc00:a::/48' }",
        "vrfs:",
        "  - name: v",
        "    table: 7",
        "    routes:",
        "");

    @Test
    void reportsEverySemanticProblemOfAFileWithItsPath()
    {
        final ConfigException ex =
            assertThrows(ConfigException.class, () -> ConfigLoader.load(ConfigFiles.of("bad-semantics.yaml")));

        assertEquals(List.of(
            "router.name: 'CS_1' must match [a-z0-9-]+",
            "router.encap-source: required because vrfs[0].routes[5] encapsulates",
            "router.workers: 0 out of range 1..256",
            "router.icmp.rate-per-second: -5 must not be negative",
            "ports[0].mac: '01:00:5e:00:00:01' is a multicast MAC (least significant bit of the first octet set)",
            "ports[0].addresses[0]: 'fd00:1::2/129' has a bad prefix length (expected 0..128)",
            "ports[0].mtu: 1000 out of range 1280..9216",
            "ports[0].vrf: no VRF named 'nowhere'",
            "ports[1].name: 'p0' is already used by ports[0]",
            "ports[1].read: backend pcap-file needs 'read' (a capture to replay), 'write' (a capture " +
                "for sent frames), or both",
            "ports[1].mac: '02:00:00:00:00:zz' is not a MAC address (expected six hex octets like 02:00:00:00:01:01)",
            "ports[2].read: only for backend pcap-file",
            "ports[2].mac: '00:00:00:00:00:00' is the all-zero MAC",
            "neighbors[0].port: no port named 'p9'",
            "neighbors[1].address: 'fd00:1::g' is not an IPv6 or IPv4 address",
            "vrfs[1].table: table 100 is already used by vrfs[0]",
            "vrfs[2].name: 'peer-a' is already used by vrfs[0]",
            "vrfs[2].table: table 254 belongs to the default VRF",
            "vrfs[3].table: the default VRF always uses table 254",
            "vrfs[0].routes[0].prefix: 'fd00::1/64' has host bits set (did you mean fd00::/64?)",
            "vrfs[0].routes[1].via: '198.18.1.1' is IPv4 but prefix 'fd00:2::/64' is IPv6",
            "vrfs[0].routes[2]: needs one of via, port (connected), encap, action or bond",
            "vrfs[0].routes[3]: has via and action; give exactly one of via, port (connected), encap, action or bond",
            "vrfs[0].routes[4].port: no port named 'p7'",
            "vrfs[0].routes[5].encap.mode: 'End' is not a headend behavior (use H.Encaps or H.Encaps.Red)",
            "vrfs[0].routes[5].encap.segments: required, 1..16 IPv6 SIDs",
            "vrfs[0].routes[5].encap.vrf: no VRF named 'other'",
            "vrfs[0].routes[6].encap.segments[0]: '198.18.1.1' is not an IPv6 address",
            "vrfs[0].routes[7].prefix: 'fd00:2::/64' is already routed by vrfs[0].routes[1]",
            "vrfs[0].routes[8].via: link-local next hop 'fe80::1' needs a port",
            "locators[1].prefix: '10.0.0.0/8' is IPv4; a locator is an IPv6 prefix",
            "sids[0].vrf: required for End.DT6",
            "sids[1].sid: 'fc00:a::1' is already defined by sids[0]",
            "sids[2].sid: 'fc00:b::1' is not inside any configured locator",
            "sids[2].via: End.X needs an IPv6 next hop, '198.18.1.1' is IPv4",
            "sids[3].via: End.DX4 needs an IPv4 next hop, 'fd00:1::1' is IPv6",
            "sids[4].via: not allowed for End.DT46",
            "sids[4].flavors: not allowed for End.DT46 (only End and End.X take flavors)",
            "sids[5].behavior: 'H.Encaps' is a headend behavior, not a SID behavior (use it in a route's encap)",
            "sids[6].vrf: not allowed for End",
            "sids[6].flavors[1]: 'PSP' is listed twice",
            "sids[7].via: required for End.DX6 (an IPv6 next hop)",
            "pbr[0].from: 'fd00:100::a/64' has host bits set (did you mean fd00:100::/64?)",
            "pbr[0].vrf: no VRF named 'peer-z'",
            "pbr[1].priority: priority 10 is already used by pbr[0]",
            "pbr[1].to: '198.18.0.0/16' is IPv4 but from 'fd00:100::/64' is IPv6",
            "pbr[2].priority: required",
            "pbr[2]: needs 'from' or 'to' (or both)"
),
            ConfigLoaderTest.messages(ex));
    }

    @Test
    void acceptsTheBaseOfTheInlineCases() throws ConfigException
    {
        assertEquals("v", ConfigLoader.parse(BASE + "      - { prefix: '::/0', via: 'fd00:1::1' }\n").vrfs().get(0).name());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        { prefix: '198.18.0.0/16', via: 'fd00:1::1' }      | vrfs[0].routes[0].via: 'fd00:1::1' is IPv6 but prefix '198.18.0.0/16' is IPv4
        { prefix: '10.1.2.3/8', action: blackhole }        | vrfs[0].routes[0].prefix: '10.1.2.3/8' has host bits set (did you mean 10.0.0.0/8?)
        { prefix: '10.0.0.0', action: blackhole }          | vrfs[0].routes[0].prefix: '10.0.0.0' is not a prefix (expected address/length)
        { prefix: 'fd00::/64', port: p0, action: blackhole } | vrfs[0].routes[0].port: not allowed with action
        { prefix: 'fd00::/64', port: p0, encap: { segments: ['fc00:a::1'] } } | vrfs[0].routes[0].port: not allowed with encap
        { prefix: 'fd00::/64', encap: { segments: ['ff02::1'] } } | vrfs[0].routes[0].encap.segments[0]: 'ff02::1' is a multicast address
        { prefix: 'fd00::/64', encap: { mode: End.DT6, segments: ['fc00:a::1'] } } | vrfs[0].routes[0].encap.mode: 'End.DT6' is not a headend behavior (use H.Encaps or H.Encaps.Red)
        { prefix: 'fd00::/64', via: 'fd00:1::1', encap: { segments: ['fc00:a::1'] } } | vrfs[0].routes[0]: has via and encap; give exactly one of via, port (connected), encap, action or bond
        { prefix: 'fd00::/64', via: 'fe80::1', port: p0 }  | OK
        """)
    void checksEachRoute(final String route, final String expected)
    {
        assertEquals(expected, firstError(BASE + "      - " + route + "\n"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        { sid: 'fc00:a::1', behavior: End.DT4 }                         | sids[0].vrf: required for End.DT4
        { sid: 'fc00:a::1', behavior: End.DT6, vrf: v, port: p0 }       | sids[0].port: not allowed for End.DT6
        { sid: 'fc00:a::1', behavior: End.DX6, via: 'fd00:1::1', vrf: v } | sids[0].vrf: not allowed for End.DX6
        { sid: 'fc00:a::1', behavior: End.DX4 }                         | sids[0].via: required for End.DX4 (an IPv4 next hop)
        { sid: 'fc00:a::1', behavior: End.DX6, via: 'fd00:1::1', flavors: [USD] } | sids[0].flavors: not allowed for End.DX6 (only End and End.X take flavors)
        { sid: 'fc00:a::1', behavior: End.X, via: 'fd00:1::1', port: p5 } | sids[0].port: no port named 'p5'
        { sid: 'fc00:a::1', behavior: End.DT46, vrf: w }                | sids[0].vrf: no VRF named 'w'
        { sid: 'fc00:a::1', behavior: H.Encaps.Red }                    | sids[0].behavior: 'H.Encaps.Red' is a headend behavior, not a SID behavior (use it in a route's encap)
        { sid: '198.18.1.1', behavior: End }                            | sids[0].sid: '198.18.1.1' is not an IPv6 address
        { behavior: End }                                               | sids[0].sid: required
        { sid: 'fc00:a::1', behavior: End, flavors: [PSP, USP, USD] }   | OK
        { sid: 'fc00:a::1', behavior: End.X, flavors: [USP], via: 'fd00:1::1' } | OK
        """)
    void checksEachSidAgainstItsBehaviorRow(final String sid, final String expected)
    {
        assertEquals(expected, firstError(BASE + "      - { prefix: '::/0', via: 'fd00:1::1' }\nsids:\n  - " + sid + "\n"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        { name: p1, interface: e1, mac: '02:00:00:00:00:02', addresses: ['fd00:1::2'] } | ports[1].addresses[0]: 'fd00:1::2' is not a prefix (expected address/length)
        { name: p1, interface: e1, mac: '02:00:00:00:00:02', addresses: ['fd00:1::2/64', 'fd00:1::2/64'] } | ports[1].addresses[1]: 'fd00:1::2/64' is listed twice
        { name: p1, mac: '02:00:00:00:00:02' }                          | ports[1].interface: required for backend af-packet
        { name: p1, backend: pcap, mac: '02:00:00:00:00:02' }           | ports[1].interface: required for backend pcap
        { name: p1, backend: af-packet, interface: e1, mac: '02:00:00:00:00:02' } | OK
        { name: p1, backend: pcap, interface: e1, mac: '02:00:00:00:00:02' } | OK
        { name: p1, backend: af-packet, interface: e1, read: a.pcap, mac: '02:00:00:00:00:02' } | ports[1].read: only for backend pcap-file
        { name: p1, backend: af-packet, interface: e1, write: b.pcap, mac: '02:00:00:00:00:02' } | ports[1].write: only for backend pcap-file
        { name: p1, backend: memory, mac: '02:00:00:00:00:02' }         | ports[1].backend: memory is for tests only; use af-packet, pcap or pcap-file
        { name: p1, interface: e1, mac: '02-00-00-00-00-02' }           | ports[1].mac: '02-00-00-00-00-02' is not a MAC address (expected six hex octets like 02:00:00:00:01:01)
        { name: p1, interface: e1 }                                     | ports[1].mac: required
        { name: 'p 1', interface: e1, mac: '02:00:00:00:00:02' }        | ports[1].name: 'p 1' must match [A-Za-z0-9._-]+
        { name: p1, interface: e1, mac: '02:00:00:00:00:02', mtu: 9217 } | ports[1].mtu: 9217 out of range 1280..9216
        { name: p1, backend: pcap-file, read: a.pcap, write: b.pcap, mac: '02:00:00:00:00:02' } | OK
        { name: p1, interface: e1, mac: '02:00:00:00:00:02', rx-ring: frames } | OK
        { name: p1, backend: af-xdp, interface: e1, mac: '02:00:00:00:00:02' } | OK
        { name: p1, backend: af-xdp, mac: '02:00:00:00:00:02' }        | ports[1].interface: required for backend af-xdp
        { name: p1, interface: e1, mac: '02:00:00:00:00:02', rx-ring: blocks } | OK
        { name: p1, backend: pcap, interface: e1, mac: '02:00:00:00:00:02', rx-ring: frames } | ports[1].rx-ring: only for backend af-packet (the pcap backend has no receive ring)
        """)
    void checksEachPort(final String port, final String expected)
    {
        assertEquals(expected, firstError(insertAfterFirstPort(port)));
    }

    @Test
    void requiresAnEncapSourceWhenARouteEncapsulates()
    {
        final String yaml = BASE.replace(", encap-source: 'fd00:100::1'", "") +
            "      - { prefix: '::/0', encap: { segments: ['fc00:a::1'] } }\n";

        assertEquals("router.encap-source: required because vrfs[0].routes[0] encapsulates", firstError(yaml));
    }

    @Test
    void limitsTheSegmentListToSixteen()
    {
        final StringBuilder segments = new StringBuilder();
        for (int i = 1; i <= 17; i++)
        {
            segments.append(i == 1 ? "" : ", ").append("'fc00:a::").append(Integer.toHexString(i)).append("'");
        }
        final String yaml = BASE + "      - { prefix: '::/0', encap: { segments: [" + segments + "] } }\n";

        assertEquals("vrfs[0].routes[0].encap.segments: 17 segments, at most 16", firstError(yaml));
    }

    @Test
    void rejectsAControlSocketPathLongerThanAUnixSocketAllows()
    {
        final String yaml = BASE.replace("name: r1,", "name: r1, control-socket: /tmp/" + "x".repeat(120) + ",") +
            "      - { prefix: '::/0', via: 'fd00:1::1' }\n";

        assertEquals("router.control-socket: path longer than 107 bytes (the Unix domain socket limit)",
            firstError(yaml));
    }

    @Test
    void rejectsDuplicateStaticNeighbors()
    {
        final String yaml = BASE + "      - { prefix: '::/0', via: 'fd00:1::1' }\n" +
            "neighbors:\n" +
            "  - { port: p0, address: 'fd00:1::1', mac: '02:00:00:00:01:02' }\n" +
            "  - { port: p0, address: 'fd00:1::1', mac: '02:00:00:00:01:03' }\n";

        assertEquals("neighbors[1].address: 'fd00:1::1' on port 'p0' is already in neighbors[0]", firstError(yaml));
    }

    @Test
    void requiresATableForEveryVrfButDefault()
    {
        final String yaml = BASE.replace("    table: 7\n", "") + "      - { prefix: '::/0', via: 'fd00:1::1' }\n";

        assertEquals("vrfs[0].table: required", firstError(yaml));
    }

    @Test
    void validatesAProgrammaticallyBuiltConfigToo()
    {
        final RouterConfig config = new RouterConfig(
            new RouterSettings("r1", "/tmp/r1.sock", null, 1, IcmpSettings.DEFAULT),
            List.of(), List.of(), List.of(), List.of(), List.of(), List.of());

        assertTrue(ConfigValidator.validate(config).isEmpty());
    }

    private static String insertAfterFirstPort(final String port)
    {
        final int end = BASE.indexOf("\nlocators:");
        return BASE.substring(0, end) + "\n  - " + port + BASE.substring(end) + "      - { prefix: '::/0', via: 'fd00:1::1' }\n";
    }

    @ParameterizedTest(name = "{0} with workers {1}")
    @CsvSource(delimiter = '|', textBlock = """
        af-packet | 2 | OK
        af-packet | 1 | OK
        af-xdp    | 2 | OK
        pcap      | 1 | OK
        pcap      | 2 | ports[1].backend: port 'p1': backend pcap cannot be shared by router.workers 2; use af-packet or af-xdp, or router.workers 1
        pcap-file | 4 | ports[1].backend: port 'p1': backend pcap-file cannot be shared by router.workers 4; use af-packet or af-xdp, or router.workers 1
        """)
    void refusesSeveralWorkersOnAPortThatCannotFanOut(final String backend, final int workers, final String expected)
    {
        final String port = backend.equals("pcap-file") ?
            "  - { name: p1, backend: pcap-file, read: in.pcap, mac: '02:00:00:00:00:02' }\n" :
            "  - { name: p1, backend: " + backend + ", interface: e1, mac: '02:00:00:00:00:02' }\n";
        final String yaml = BASE.replace("router: { name: r1,", "router: { name: r1, workers: " + workers + ",")
            .replace("locators:", port + "locators:") + "      - { prefix: '::/0', via: 'fd00:1::1' }\n";
        assertEquals(expected, firstError(yaml));
    }

    @ParameterizedTest(name = "workers {0}, worker-cpus {1}")
    @CsvSource(delimiter = '|', textBlock = """
        1 | [0]       | OK
        2 | [1, 0]    | OK
        1 | []        | OK
        2 | [0]       | router.worker-cpus: 1 CPUs for 2 workers (give one CPU per worker, or none)
        1 | [0, 1]    | router.worker-cpus: 2 CPUs for 1 worker (give one CPU per worker, or none)
        1 | [-1]      | router.worker-cpus[0]: -1 is not a CPU number 0..1023
        1 | [1024]    | router.worker-cpus[0]: 1024 is not a CPU number 0..1023
        """)
    void pinsOneCpuPerWorker(final int workers, final String cpus, final String expected)
    {
        final String port = "  - { name: p1, backend: af-packet, interface: e1, mac: '02:00:00:00:00:02' }\n";
        final String yaml = BASE.replace("router: { name: r1,",
                "router: { name: r1, workers: " + workers + ", worker-cpus: " + cpus + ",")
            .replace("locators:", port + "locators:") + "      - { prefix: '::/0', via: 'fd00:1::1' }\n";
        assertEquals(expected, firstError(yaml));
    }

    private static String firstError(final String yaml)
    {
        try
        {
            ConfigLoader.parse(yaml);
            return "OK";
        }
        catch (final ConfigException ex)
        {
            return ex.errors().get(0).toString();
        }
    }
}
