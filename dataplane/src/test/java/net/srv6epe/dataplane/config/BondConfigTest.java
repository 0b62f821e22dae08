package net.srv6epe.dataplane.config;

import net.srv6epe.dataplane.app.ForwardingCompiler;
import net.srv6epe.srv6.Behavior;
import net.srv6epe.srv6.Ipv6Address;
import net.srv6epe.vrf.ForwardingState;
import net.srv6epe.vrf.Vrf;
import net.srv6epe.vrf.route.RouteAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bonding configuration (docs/BONDING.md): {@code bonds:}, a route's {@code bond:} and a tail-end SID's
 * {@code bond:}. A good one binds with its defaults; each bad value or reference names its path.
 */
class BondConfigTest
{
    private static final String ONE_MEMBER = "[ { name: x, segments: ['fc00:a::1', 'fc00:9::1'] } ]";

    static final String BASE = String.join("\n",
        "router: { name: bond-head, encap-source: 'fd00:b0::1' }",
        "ports:",
        "  - { name: pa, backend: pcap-file, write: a.pcap, mac: '02:00:00:00:00:0a', addresses: ['fd00:a::1/64'] }",
        "  - { name: pb, backend: pcap-file, write: b.pcap, mac: '02:00:00:00:00:0b', addresses: ['fd00:b::1/64'] }",
        "vrfs:",
        "  - name: default",
        "    routes:",
        "      - { prefix: 'fc00:a::/48', via: 'fd00:a::2', port: pa }",
        "      - { prefix: 'fc00:b::/48', via: 'fd00:b::2', port: pb }",
        "      - { prefix: 'fd00:c1::/64', bond: down }",
        "  - { name: lan, table: 100 }",
        "bonds:",
        "  - name: down",
        "    id: 1",
        "    source: 'fd00:b0::2'",
        "    members:",
        "      - { name: a, segments: ['fc00:a::1', 'fc00:c::b1'], capacity-mbit: 10 }",
        "      - { name: b, segments: ['fc00:b::1', 'fc00:c::b1'] }",
        "  - { name: up, id: 2, vrf: lan, probe-interval-ms: 10, dead-after-ms: 300, feedback-timeout-ms: 2000,",
        "      members: " + ONE_MEMBER + " }",
        "locators:",
        "  - { name: main, prefix: 'fc00:d::/48' }",
        "sids:",
        "  - { sid: 'fc00:d::b1', behavior: End.DT46, vrf: lan, bond: { feedback-paths: [['fc00:a::1']] } }",
        "  - { sid: 'fc00:d::1', behavior: End }",
        "  - { sid: 'fc00:d::b2', behavior: End.DT6, vrf: lan,",
        "      bond: { buffer-packets: 256, hold-min-ms: 5, hold-max-ms: 50, feedback-interval-ms: 10 } }",
        "");

    @Test
    void goodHeadEndBindsWithDefaults() throws ConfigException
    {
        final RouterConfig config = ConfigLoader.parse(BASE);
        assertEquals(2, config.bonds().size());
        final BondConfig down = config.bonds().get(0);
        assertEquals("down", down.name());
        assertEquals(1, down.id());
        assertEquals("fd00:b0::2", down.source());
        assertEquals("default", down.vrf());
        assertEquals(BondConfig.PROBE_INTERVAL_MS, down.probeIntervalMs());
        assertEquals(50, down.probeIntervalMs());
        assertEquals(BondConfig.DEAD_AFTER_MS, down.deadAfterMs());
        assertEquals(120, down.deadAfterMs());
        assertEquals(BondConfig.FEEDBACK_TIMEOUT_MS, down.feedbackTimeoutMs());
        assertEquals(1000, down.feedbackTimeoutMs());
        assertEquals(2, down.members().size());
        assertEquals("a", down.members().get(0).name());
        assertEquals(List.of("fc00:a::1", "fc00:c::b1"), down.members().get(0).segments());
        assertEquals(10.0, down.members().get(0).capacityMbit());
        assertEquals(0.0, down.members().get(1).capacityMbit(), "capacity-mbit absent: 0 (the default estimate)");

        final BondConfig up = config.bonds().get(1);
        assertNull(up.source(), "source absent: null (router.encap-source applies)");
        assertEquals("lan", up.vrf());
        assertEquals(10, up.probeIntervalMs());
        assertEquals(300, up.deadAfterMs());
        assertEquals(2000, up.feedbackTimeoutMs());
        assertEquals(up, config.bond("up").orElseThrow());

        final RouteConfig route = config.vrfs().get(0).routes().get(2);
        assertEquals("down", route.bond());
        assertEquals(RouteConfig.Kind.BOND, route.kind());
    }

    @Test
    void goodTailEndSidBindsWithDefaults() throws ConfigException
    {
        final RouterConfig config = ConfigLoader.parse(BASE);
        final SidConfig tail = config.sids().get(0);
        assertEquals(Behavior.END_DT46, tail.behavior());
        final SidBondConfig b = tail.bond();
        assertNotNull(b);
        assertEquals(SidBondConfig.BUFFER_PACKETS, b.bufferPackets());
        assertEquals(1024, b.bufferPackets());
        assertEquals(SidBondConfig.HOLD_MIN_MS, b.holdMinMs());
        assertEquals(2, b.holdMinMs());
        assertEquals(SidBondConfig.HOLD_MAX_MS, b.holdMaxMs());
        assertEquals(100, b.holdMaxMs());
        assertEquals(SidBondConfig.FEEDBACK_INTERVAL_MS, b.feedbackIntervalMs());
        assertEquals(20, b.feedbackIntervalMs());
        assertEquals(List.of(List.of("fc00:a::1")), b.feedbackPaths());

        assertNull(config.sids().get(1).bond(), "a SID without bond: is no tail end");

        final SidBondConfig explicit = config.sids().get(2).bond();
        assertEquals(256, explicit.bufferPackets());
        assertEquals(5, explicit.holdMinMs());
        assertEquals(50, explicit.holdMaxMs());
        assertEquals(10, explicit.feedbackIntervalMs());
        assertEquals(List.of(), explicit.feedbackPaths(), "feedback-paths absent: none (routed plainly)");
    }

    @Test
    void emptyBondSectionOfASidTakesEveryDefault() throws ConfigException
    {
        final String yaml = replaceOnce(BASE, "bond: { feedback-paths: [['fc00:a::1']] }", "bond: {}");
        final SidBondConfig b = ConfigLoader.parse(yaml).sids().get(0).bond();
        assertEquals(new SidBondConfig(1024, 2, 100, 20, List.of()), b);
    }

    @Test
    void noSectionMeansNoBonds() throws ConfigException
    {
        assertEquals(List.of(), ConfigLoader.parse("router: { name: r }\n").bonds());
    }

    @Test
    void compilerRoutesTheBondAndMakesEachSourceLocal() throws ConfigException
    {
        final ForwardingState state = ForwardingCompiler.compile(ConfigLoader.parse(BASE));
        final Vrf def = state.vrf(Vrf.DEFAULT_NAME);
        final RouteAction bonded = def.route6(Ipv6Address.parseHi("fd00:c1::10"), Ipv6Address.parseLo("fd00:c1::10"));
        assertEquals(RouteAction.Kind.BOND, bonded.kind());
        assertEquals(1, bonded.bondId());
        // bond "down": its own source, in its VRF (default)
        assertEquals(RouteAction.Kind.LOCAL,
            def.route6(Ipv6Address.parseHi("fd00:b0::2"), Ipv6Address.parseLo("fd00:b0::2")).kind());
        // bond "up": router.encap-source, in its VRF (lan)
        assertEquals(RouteAction.Kind.LOCAL, state.vrf("lan")
            .route6(Ipv6Address.parseHi("fd00:b0::1"), Ipv6Address.parseLo("fd00:b0::1")).kind());
    }

    static Stream<Arguments> badValues()
    {
        final String seventeen = IntStream.range(0, 17)
            .mapToObj(i -> "{ name: m" + i + ", segments: ['fc00:a::1', 'fc00:9::1'] }")
            .collect(Collectors.joining(", ", "[ ", " ]"));
        return Stream.of(
            Arguments.of("    id: 1\n", "    id: 0\n", "bonds[0].id"),
            Arguments.of("    id: 1\n", "    id: 70000\n", "bonds[0].id"),
            Arguments.of("id: 2, vrf", "id: 1, vrf", "bonds[1].id"),
            Arguments.of("name: up, id", "name: down, id", "bonds[1].name"),
            Arguments.of("  - name: down\n", "  - name: Down_1\n", "bonds[0].name"),
            Arguments.of("source: 'fd00:b0::2'", "source: '198.18.0.1'", "bonds[0].source"),
            Arguments.of("source: 'fd00:b0::2'", "source: 'ff02::1'", "bonds[0].source"),
            Arguments.of("{ name: bond-head, encap-source: 'fd00:b0::1' }", "{ name: bond-head }", "bonds[1].source"),
            Arguments.of("vrf: lan, probe", "vrf: nowhere, probe", "bonds[1].vrf"),
            Arguments.of("members: " + ONE_MEMBER, "members: []", "bonds[1].members"),
            Arguments.of("members: " + ONE_MEMBER, "members: " + seventeen, "bonds[1].members"),
            Arguments.of("{ name: b, segments", "{ name: a, segments", "bonds[0].members[1].name"),
            Arguments.of("['fc00:b::1', 'fc00:c::b1']", "['fc00:b::1', 'nope']", "bonds[0].members[1].segments[1]"),
            Arguments.of("['fc00:b::1', 'fc00:c::b1']", "[]", "bonds[0].members[1].segments"),
            Arguments.of("capacity-mbit: 10", "capacity-mbit: -1", "bonds[0].members[0].capacity-mbit"),
            Arguments.of("probe-interval-ms: 10", "probe-interval-ms: 0", "bonds[1].probe-interval-ms"),
            Arguments.of("{ prefix: 'fd00:c1::/64', bond: down }", "{ prefix: 'fd00:c1::/64', bond: nowhere }",
                "vrfs[0].routes[2].bond"),
            Arguments.of("{ prefix: 'fd00:c1::/64', bond: down }",
                "{ prefix: 'fd00:c1::/64', via: 'fd00:a::2', bond: down }", "vrfs[0].routes[2]"),
            Arguments.of("{ sid: 'fc00:d::1', behavior: End }", "{ sid: 'fc00:d::1', behavior: End, bond: {} }",
                "sids[1].bond"),
            Arguments.of("buffer-packets: 256", "buffer-packets: 300", "sids[2].bond.buffer-packets"),
            Arguments.of("buffer-packets: 256", "buffer-packets: 8", "sids[2].bond.buffer-packets"),
            Arguments.of("hold-max-ms: 50", "hold-max-ms: 4", "sids[2].bond.hold-max-ms"),
            Arguments.of("feedback-interval-ms: 10", "feedback-interval-ms: 0", "sids[2].bond.feedback-interval-ms"),
            Arguments.of("feedback-paths: [['fc00:a::1']]", "feedback-paths: [['fc00:a::1', 'x::y::z']]",
                "sids[0].bond.feedback-paths[0][1]"),
            Arguments.of("feedback-paths: [['fc00:a::1']]", "feedback-paths: [['fc00:a::1'], []]",
                "sids[0].bond.feedback-paths[1]"));
    }

    @ParameterizedTest(name = "{2}: {1}")
    @MethodSource("badValues")
    void badValueNamesItsPath(final String good, final String bad, final String path)
    {
        final String yaml = replaceOnce(BASE, good, bad);
        final ConfigException ex = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml));
        assertTrue(ex.errors().stream().anyMatch(e -> e.path().equals(path)), () -> path + " not in " + ex.errors());
    }

    @Test
    void unknownKeyInABondIsRefusedWithItsPath()
    {
        final ConfigException ex = assertThrows(ConfigException.class,
            () -> ConfigLoader.parse(replaceOnce(BASE, "    id: 1\n", "    id: 1\n    weight: 3\n")));
        assertTrue(ex.errors().get(0).path().startsWith("bonds[0]"), ex.errors().toString());
    }

    /** {@code text} with its one occurrence of {@code good} replaced (fails if there is not exactly one). */
    static String replaceOnce(final String text, final String good, final String bad)
    {
        final int at = text.indexOf(good);
        assertTrue(at >= 0, () -> "'" + good + "' not in the base configuration");
        assertEquals(-1, text.indexOf(good, at + 1), () -> "'" + good + "' occurs more than once");
        return text.substring(0, at) + bad + text.substring(at + good.length());
    }
}
