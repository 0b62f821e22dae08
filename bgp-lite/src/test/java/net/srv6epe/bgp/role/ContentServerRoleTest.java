package net.srv6epe.bgp.role;

import net.srv6epe.bgp.event.EventStamper;
import net.srv6epe.bgp.event.RouteEvent;
import net.srv6epe.bgp.event.RouteEventRing;
import net.srv6epe.bgp.rib.RibPeer;
import net.srv6epe.bgp.rib.TestRoutes.RecordingSink;
import net.srv6epe.bgp.wire.attribute.PathAttribute;
import net.srv6epe.bgp.wire.error.ValidationResult;
import net.srv6epe.bgp.wire.nlri.MplsLabel;
import net.srv6epe.bgp.wire.nlri.RouteDistinguisher;
import net.srv6epe.bgp.wire.prefixsid.PrefixSid;
import net.srv6epe.bgp.wire.prefixsid.Srv6EndpointBehaviorCode;
import net.srv6epe.bgp.wire.prefixsid.Srv6Sid;
import net.srv6epe.bgp.wire.prefixsid.Srv6SidInformation;
import net.srv6epe.bgp.wire.prefixsid.Srv6SidStructure;
import net.srv6epe.srv6.Behavior;
import net.srv6epe.srv6.Ipv6Address;
import net.srv6epe.vrf.route.RouteAction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static net.srv6epe.bgp.rib.TestRoutes.RT_A;
import static net.srv6epe.bgp.rib.TestRoutes.RT_B;
import static net.srv6epe.bgp.rib.TestRoutes.RT_C;
import static net.srv6epe.bgp.rib.TestRoutes.basic;
import static net.srv6epe.bgp.rib.TestRoutes.localPref;
import static net.srv6epe.bgp.rib.TestRoutes.rts;
import static net.srv6epe.bgp.rib.TestRoutes.vpn;
import static net.srv6epe.bgp.rib.TestRoutes.vpnUpdate;
import static net.srv6epe.bgp.rib.TestRoutes.vpnWithdraw;
import static net.srv6epe.bgp.rib.TestRoutes.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContentServerRoleTest
{
    private static final RouteDistinguisher RD1 = RouteDistinguisher.as2(65000, 1);
    private static final RouteDistinguisher RD2 = RouteDistinguisher.as2(65000, 2);
    /** FRR 8.4 form: function (16 bits at offset 64) in the label, behavior opaque. */
    private static final Srv6SidStructure FRR_STRUCTURE = new Srv6SidStructure(40, 24, 16, 0, 16, 64);
    private static final int FRR_LABEL = (0x0042 << 8) | MplsLabel.BOTTOM_OF_STACK;

    private final long[] clock = {1_700_000_000_000L, 5_000};
    private final RecordingSink sink = new RecordingSink();
    private final RouteEventRing ring = new RouteEventRing(64, null);
    private ContentServerRole role;
    private int rr1;
    private int rr2;

    @BeforeEach
    void setUp()
    {
        final ContentServerConfig config = new ContentServerConfig(List.of(
            ImportVrf.of("vrf-a", List.of(RT_A), Behavior.H_ENCAPS, "fd00:100::a", "underlay"),
            ImportVrf.of("vrf-b", List.of(RT_B), Behavior.H_ENCAPS_RED, "fd00:100::b", "underlay")));
        role = new ContentServerRole(config, sink, new EventStamper(() -> clock[0], () -> clock[1], ring), null);
        rr1 = role.addPeer(RibPeer.ipv6("fd00::1", 65000, false, 0x0A000001));
        rr2 = role.addPeer(RibPeer.ipv6("fd00::2", 65000, false, 0x0A000002));
    }

    static PrefixSid plainSid(final String sid, final int behavior)
    {
        return PrefixSid.srv6L3Service(new Srv6SidInformation(Srv6Sid.parse(sid), behavior,
            new Srv6SidStructure(32, 16, 16, 0, 0, 0)));
    }

    static PrefixSid frrSid(final String locatorPart)
    {
        return PrefixSid.srv6L3Service(new Srv6SidInformation(Srv6Sid.parse(locatorPart),
            Srv6EndpointBehaviorCode.OPAQUE, FRR_STRUCTURE));
    }

    private static List<PathAttribute> attrs(final PathAttribute... more)
    {
        return with(basic(), more);
    }

    private static Srv6Sid encapSid(final RouteAction action)
    {
        assertEquals(RouteAction.Kind.ENCAP, action.kind());
        return new Srv6Sid(action.encap().segmentHi(0), action.encap().segmentLo(0));
    }

    @Test
    void importsByRouteTargetIntoTheRightVrfsWithThePlainGoBgpFormSid()
    {
        role.onUpdate(rr1, vpnUpdate("fd00::9", attrs(rts(RT_A), plainSid("fc00:0:9:1::", 18)),
            vpn(RD1, MplsLabel.bottomOfStack(3), "2001:db8:1::/48")), ValidationResult.VALID);
        role.onUpdate(rr1, vpnUpdate("fd00::9", attrs(rts(RT_A, RT_B), plainSid("fc00:0:9:2::", 20)),
            vpn(RD1, MplsLabel.bottomOfStack(3), "2001:db8:2::/48")), ValidationResult.VALID);
        role.onUpdate(rr1, vpnUpdate("fd00::9", attrs(rts(RT_C), plainSid("fc00:0:9:3::", 18)),
            vpn(RD1, MplsLabel.bottomOfStack(3), "2001:db8:3::/48")), ValidationResult.VALID);

        assertEquals(2, sink.count("vrf-a"));
        assertEquals(1, sink.count("vrf-b"));
        assertEquals(Srv6Sid.parse("fc00:0:9:1::"), encapSid(sink.route("vrf-a", "2001:db8:1::/48")));
        assertEquals(Srv6Sid.parse("fc00:0:9:2::"), encapSid(sink.route("vrf-a", "2001:db8:2::/48")));
        final RouteAction b = sink.route("vrf-b", "2001:db8:2::/48");
        assertEquals(Srv6Sid.parse("fc00:0:9:2::"), encapSid(b));
        assertEquals(Behavior.H_ENCAPS_RED, b.encap().mode());
        assertEquals("underlay", b.underlayVrf());
        assertEquals(Ipv6Address.parseLo("fd00:100::b"), b.encap().sourceLo());
        assertEquals(Behavior.H_ENCAPS, sink.route("vrf-a", "2001:db8:1::/48").encap().mode());
        assertNull(sink.route("vrf-a", "2001:db8:3::/48"));
        assertEquals(3, sink.flushes, "one flush per UPDATE");
    }

    @Test
    void rebuildsTheTransposedFrrFormSid()
    {
        role.onUpdate(rr1, vpnUpdate("fd00::9", attrs(rts(RT_A), frrSid("fc00:0:1:1::")),
            vpn(RD1, FRR_LABEL, "2001:db8:1::/48")), ValidationResult.VALID);
        assertEquals(Srv6Sid.parse("fc00:0:1:1:42::"), encapSid(sink.route("vrf-a", "2001:db8:1::/48")));
        assertEquals(Srv6Sid.parse("fc00:0:1:1:42::"),
            role.sid("vrf-a", net.srv6epe.vrf.prefix.Ipv6Prefix.parse("2001:db8:1::/48")));
    }

    @Test
    void routeWithoutAUsableSidIsNotInstalledAndCountedWithAReason()
    {
        role.onUpdate(rr1, vpnUpdate("fd00::9", attrs(rts(RT_A)), vpn(RD1, 16, "2001:db8:1::/48")),
            ValidationResult.VALID);
        role.onUpdate(rr1, vpnUpdate("fd00::9", attrs(rts(RT_A, RT_B), new PrefixSid(List.of())),
            vpn(RD1, 16, "2001:db8:2::/48")), ValidationResult.VALID);
        role.onUpdate(rr1, vpnUpdate("fd00::9", attrs(rts(RT_A), plainSid("::", 18)), vpn(RD1, 16, "2001:db8:3::/48")),
            ValidationResult.VALID);
        assertEquals(0, sink.count("vrf-a"));
        assertEquals(0, sink.count("vrf-b"));
        assertEquals(Map.of("no Prefix-SID attribute", 1L, "no SRv6 L3 Service SID", 1L, "zero SID", 1L),
            role.notInstalled());
    }

    @Test
    void malformedPrefixSidIsTreatedAsWithdrawAndTheRouteLeavesTheVrf()
    {
        role.onUpdate(rr1, vpnUpdate("fd00::9", attrs(rts(RT_A), plainSid("fc00:0:9:1::", 18)),
            vpn(RD1, 16, "2001:db8:1::/48")), ValidationResult.VALID);
        assertEquals(1, sink.count("vrf-a"));
        // RFC 8669 6 / RFC 9252 3: a malformed Prefix-SID -> treat-as-withdraw, as the wire layer decides
        final net.srv6epe.bgp.wire.message.UpdateMessage bad = vpnUpdate("fd00::9", attrs(rts(RT_A),
            new net.srv6epe.bgp.wire.attribute.MalformedAttribute(0xC0, 40, new byte[]{5, 0, 9}, 9, "overrun")),
            vpn(RD1, 16, "2001:db8:1::/48"));
        final ValidationResult result = new net.srv6epe.bgp.wire.error.UpdateValidator(false).validate(bad);
        assertEquals(net.srv6epe.bgp.wire.error.ErrorAction.TREAT_AS_WITHDRAW, result.action());
        role.onUpdate(rr1, bad, result);
        assertEquals(0, sink.count("vrf-a"));
        assertEquals(0, role.rib().routeCount(rr1));
    }

    @Test
    void aRouteLosingItsSidIsRemoved()
    {
        role.onUpdate(rr1, vpnUpdate("fd00::9", attrs(rts(RT_A), plainSid("fc00:0:9:1::", 18)),
            vpn(RD1, 16, "2001:db8:1::/48")), ValidationResult.VALID);
        role.onUpdate(rr1, vpnUpdate("fd00::9", attrs(rts(RT_A)), vpn(RD1, 16, "2001:db8:1::/48")),
            ValidationResult.VALID);
        assertEquals(0, sink.count("vrf-a"));
    }

    @Test
    void routeTargetChangeMovesTheRouteBetweenVrfs()
    {
        role.onUpdate(rr1, vpnUpdate("fd00::9", attrs(rts(RT_A), plainSid("fc00:0:9:1::", 18)),
            vpn(RD1, 16, "2001:db8:1::/48")), ValidationResult.VALID);
        role.onUpdate(rr1, vpnUpdate("fd00::9", attrs(rts(RT_B), plainSid("fc00:0:9:1::", 18)),
            vpn(RD1, 16, "2001:db8:1::/48")), ValidationResult.VALID);
        assertEquals(0, sink.count("vrf-a"));
        assertEquals(1, sink.count("vrf-b"));
    }

    @Test
    void bestPathAcrossReflectorsAndWithdrawalsRemoveExactly()
    {
        // the same prefix from two reflectors with different SIDs; rr2's has the higher LOCAL_PREF
        role.onUpdate(rr1, vpnUpdate("fd00::9", attrs(rts(RT_A), plainSid("fc00:0:9:1::", 18)),
            vpn(RD1, 16, "2001:db8:1::/48"), vpn(RD1, 16, "2001:db8:2::/48")), ValidationResult.VALID);
        role.onUpdate(rr2, vpnUpdate("fd00::9", attrs(rts(RT_A), localPref(200), plainSid("fc00:0:8:1::", 18)),
            vpn(RD2, 16, "2001:db8:1::/48")), ValidationResult.VALID);
        assertEquals(Srv6Sid.parse("fc00:0:8:1::"), encapSid(sink.route("vrf-a", "2001:db8:1::/48")));

        // withdrawing rr2's path falls back to rr1's
        role.onUpdate(rr2, vpnWithdraw(vpn(RD2, 0x800000, "2001:db8:1::/48")), ValidationResult.VALID);
        assertEquals(Srv6Sid.parse("fc00:0:9:1::"), encapSid(sink.route("vrf-a", "2001:db8:1::/48")));
        assertEquals(2, sink.count("vrf-a"));

        // rr2 announces again, then loses its session: only its path goes
        role.onUpdate(rr2, vpnUpdate("fd00::9", attrs(rts(RT_A), localPref(200), plainSid("fc00:0:8:1::", 18)),
            vpn(RD2, 16, "2001:db8:1::/48"), vpn(RD2, 16, "2001:db8:7::/48")), ValidationResult.VALID);
        assertEquals(3, sink.count("vrf-a"));
        role.onSessionDown(rr2, "hold timer expired");
        assertEquals(2, sink.count("vrf-a"));
        assertEquals(Srv6Sid.parse("fc00:0:9:1::"), encapSid(sink.route("vrf-a", "2001:db8:1::/48")));
        assertNull(sink.route("vrf-a", "2001:db8:7::/48"));

        // rr1 withdraws one prefix: exactly that one goes
        role.onUpdate(rr1, vpnWithdraw(vpn(RD1, 0x800000, "2001:db8:2::/48")), ValidationResult.VALID);
        assertEquals(1, sink.count("vrf-a"));
        assertNotNull(sink.route("vrf-a", "2001:db8:1::/48"));
        role.onSessionDown(rr1, "peer closed");
        assertEquals(0, sink.count("vrf-a"));
        assertEquals(0, role.routeCount("vrf-a"));
        assertEquals(0, role.rib().attributeSets());
    }

    @Test
    void everyFibChangeIsStampedWithItsCause()
    {
        clock[0] = 1_700_000_000_123L;
        clock[1] = 10_000;
        role.onUpdate(rr1, vpnUpdate("fd00::9", attrs(rts(RT_A), plainSid("fc00:0:9:1::", 18)),
            vpn(RD1, 16, "2001:db8:1::/48")), ValidationResult.VALID);
        role.onSessionDown(rr1, "hold timer expired");
        final List<RouteEvent> events = ring.snapshot();
        assertEquals(2, events.size());
        final RouteEvent install = events.get(0);
        assertEquals(RouteEvent.Kind.ROUTE_INSTALL, install.kind());
        assertEquals("vrf-a", install.vrf());
        assertEquals("2001:db8:1::/48", install.subject());
        assertTrue(install.detail().contains("fc00:0:9:1::"), install.detail());
        assertEquals("peer fd00::1 UPDATE received at 2023-11-14T22:13:20.123Z", install.cause().text());
        assertEquals(1_700_000_000_123L, install.wallMillis());
        assertEquals(10_000, install.monotonicNanos());
        assertEquals(RouteEvent.Kind.ROUTE_WITHDRAW, events.get(1).kind());
        assertTrue(events.get(1).cause().text().startsWith("peer fd00::1 session down at "));
        assertTrue(events.get(1).cause().text().endsWith("(hold timer expired)"));
    }

    @Test
    void bestIpv6UnicastRoutesGoToTheUnicastVrfWhenConfigured()
    {
        final ContentServerRole r = new ContentServerRole(new ContentServerConfig(List.of(
            ImportVrf.of("vrf-a", List.of(RT_A), Behavior.H_ENCAPS, "fd00:100::a", "underlay")), "underlay"), sink,
            EventStamper.system(null), null);
        final int a = r.addPeer(RibPeer.ipv6("fd00::1", 65000, false, 1));
        final int b = r.addPeer(RibPeer.ipv6("fd00::2", 65000, false, 2));
        r.onUpdate(a, net.srv6epe.bgp.rib.TestRoutes.unicast("fd00:ff::1", basic(), "fc00:0:1::/48"),
            ValidationResult.VALID);
        r.onUpdate(b, net.srv6epe.bgp.rib.TestRoutes.unicast("fd00:ff::2", with(basic(), localPref(200)),
            "fc00:0:1::/48"), ValidationResult.VALID);
        assertEquals(Ipv6Address.parseLo("fd00:ff::2"), sink.route("underlay", "fc00:0:1::/48").nextHopLo());
        r.onSessionDown(b, "gone");
        assertEquals(Ipv6Address.parseLo("fd00:ff::1"), sink.route("underlay", "fc00:0:1::/48").nextHopLo());
        r.onUpdate(a, net.srv6epe.bgp.rib.TestRoutes.unicastWithdraw("fc00:0:1::/48"), ValidationResult.VALID);
        assertNull(sink.route("underlay", "fc00:0:1::/48"));
        assertEquals(0, sink.count("vrf-a"));
    }

    @Test
    void configNamesTheBadField()
    {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> ImportVrf.of("vrf-x", List.of(), Behavior.H_ENCAPS, "fd00::1", "underlay"));
        assertTrue(e.getMessage().contains("import-rt"), e.getMessage());
        final IllegalArgumentException m = assertThrows(IllegalArgumentException.class,
            () -> ImportVrf.of("vrf-x", List.of(RT_A), Behavior.END_DT6, "fd00::1", "underlay"));
        assertTrue(m.getMessage().contains("encap-mode"), m.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ContentServerConfig(List.of(
            ImportVrf.of("v", List.of(RT_A), Behavior.H_ENCAPS, "fd00::1", "u"),
            ImportVrf.of("v", List.of(RT_B), Behavior.H_ENCAPS, "fd00::1", "u"))));
    }
}
