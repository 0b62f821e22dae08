package net.srv6epe.dataplane.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Strict binding: unknown keys, duplicate keys and wrong types are errors, all of them reported at once. */
class ConfigStructureTest
{
    @Test
    void reportsEveryStructuralProblemOfAFileAtOnce()
    {
        final ConfigException ex =
            assertThrows(ConfigException.class, () -> ConfigLoader.load(ConfigFiles.of("bad-structure.yaml")));

        assertEquals(List.of(
            "router.name: expected a string, got an integer",
            "router.workers: expected an integer, got a string",
            "router.worker-idle: worker-idle 'nap': backoff, spin, yield or wait",
            "router.icmp: expected a mapping, got a list",
            "router.colour: unknown key 'colour' (known: control-socket, encap-source, flow-stats, icmp, journal-dir, journal-retention-hours, metrics, name, worker-cpus, worker-idle, workers)",
            "ports[0].mtu: expected an integer, got a decimal number",
            "ports[0].backend: unknown backend 'af_xdp' (known: af-packet, af-xdp, pcap, pcap-file, memory)",
            "ports[0].rx-ring: rx-ring 'v2': blocks or frames",
            "ports[0].addresses: expected a list, got a string",
            "vrfs[0].routes[0].metric: unknown key 'metric' (known: action, bond, encap, port, prefix, via)",
            "sids[0].behavior: unknown SRv6 behavior 'End.DT5' (known: End, End.X, End.DX6, End.DX4, End.DT6, " +
                "End.DT4, End.DT46, H.Encaps, H.Encaps.Red)",
            "sids[1].flavors[1]: unknown SRv6 flavor 'XSP' (known: PSP, USP, USD)",
            "extra: unknown key 'extra' (known: bgp, bonds, locators, neighbors, pbr, ports, router, sids, vrfs)",
            "vrfs[0].table: 4294967296 out of range 1..4294967295",
            "sids[0].sid: 'fc00:a::1' is not inside any configured locator",
            "sids[1].sid: 'fc00:a::2' is not inside any configured locator"),
            ConfigLoaderTest.messages(ex));
    }

    @Test
    void rejectsDuplicateKeysNamingThePath()
    {
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> ConfigLoader.load(ConfigFiles.of("bad-duplicate-key.yaml")));

        assertEquals(List.of("ports[0].mac: duplicate key 'mac' (line 7)"), ConfigLoaderTest.messages(ex));
    }

    @Test
    void reportsYamlSyntaxErrorsWithTheirLine()
    {
        final ConfigException ex =
            assertThrows(ConfigException.class, () -> ConfigLoader.load(ConfigFiles.of("bad-syntax.yaml")));

        assertEquals(1, ex.errors().size());
        assertEquals("YAML syntax error: while parsing a flow mapping: expected ',' or '}', but got <stream end> " +
            "(line 3)", ex.errors().get(0).toString());
    }

    @Test
    void rejectsADocumentThatIsNotAMapping()
    {
        final ConfigException ex = assertThrows(ConfigException.class, () -> ConfigLoader.parse("- a\n- b\n"));

        assertEquals(List.of("expected a mapping, got a list"), ConfigLoaderTest.messages(ex));
    }

    @Test
    void doesNotAcceptJavaPropertyNamesForKebabKeys()
    {
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> ConfigLoader.parse("router: { name: r1, controlSocket: /tmp/x.sock }\n"));

        assertEquals(List.of("router.controlSocket: unknown key 'controlSocket' " +
            "(known: control-socket, encap-source, flow-stats, icmp, journal-dir, journal-retention-hours, metrics, name, worker-cpus, worker-idle, workers)"), ConfigLoaderTest.messages(ex));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
        workers: true                          | router.workers: expected an integer, got a boolean
        workers: 99999999999                   | router.workers: 99999999999 is not an integer
        control-socket: [a, b]                 | router.control-socket: expected a string, got a list
        icmp: { enabled: 1 }                   | router.icmp.enabled: expected true or false, got an integer
        icmp: { burst: '5' }                   | router.icmp.burst: expected an integer, got a string
        encap-source: { a: 1 }                 | router.encap-source: expected a string, got a mapping
        """)
    void rejectsWrongTypesInTheRouterSection(final String line, final String expected)
    {
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> ConfigLoader.parse("router:\n  name: r1\n  " + line + "\n"));

        assertEquals(expected, ex.errors().get(0).toString());
    }
}
