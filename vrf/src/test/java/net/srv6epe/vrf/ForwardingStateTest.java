package net.srv6epe.vrf;

import net.srv6epe.srv6.Behavior;
import net.srv6epe.srv6.Ipv4Address;
import net.srv6epe.srv6.Ipv6Address;
import net.srv6epe.srv6.behavior.EncapTemplate;
import net.srv6epe.vrf.pbr.PbrRule;
import net.srv6epe.vrf.pbr.PbrTable;
import net.srv6epe.vrf.prefix.Ipv4Prefix;
import net.srv6epe.vrf.prefix.Ipv6Prefix;
import net.srv6epe.vrf.route.RouteAction;
import net.srv6epe.vrf.sid.LocalSid;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ForwardingStateTest
{
    private static long hi(final String a)
    {
        return Ipv6Address.parseHi(a);
    }

    private static long lo(final String a)
    {
        return Ipv6Address.parseLo(a);
    }

    private static final RouteAction VIA_A = RouteAction.via(hi("fe80::a"), lo("fe80::a"), "eth0");
    private static final RouteAction VIA_B = RouteAction.via(hi("fe80::b"), lo("fe80::b"), "eth1");

    private static RouteAction encapTo(final String sid, final String underlay)
    {
        return RouteAction.encap(EncapTemplate.create(
            Behavior.H_ENCAPS_RED, hi("2001:db8::1"), lo("2001:db8::1"), new long[]{hi(sid), lo(sid)}), underlay);
    }

    @Test
    void initialStateHasOnlyTheEmptyDefaultVrf()
    {
        final ForwardingState s = ForwardingState.initial();
        assertEquals(0, s.generation());
        assertEquals(Vrf.DEFAULT_NAME, s.defaultVrf().name());
        assertEquals(Vrf.DEFAULT_TABLE_ID, s.vrf(0).tableId());
        assertNull(s.defaultVrf().route6(hi("::1"), lo("::1")));
        assertNull(s.vrf(1));
        assertNull(s.vrf("nope"));
    }

    @Test
    void readerHoldingTheOldSnapshotStillSeesOldRoutesAfterAPublish()
    {
        final ForwardingStatePublisher publisher = new ForwardingStatePublisher();
        final ForwardingStateBuilder b1 = publisher.builder();
        b1.addRoute(Vrf.DEFAULT_NAME, Ipv6Prefix.parse("fd00::/16"), VIA_A);
        publisher.publish(b1.build());

        final ForwardingState reader = publisher.current();
        final ForwardingStateBuilder b2 = publisher.builder();
        b2.addRoute(Vrf.DEFAULT_NAME, Ipv6Prefix.parse("fd00:1::/48"), VIA_B);
        b2.removeRoute(Vrf.DEFAULT_NAME, Ipv6Prefix.parse("fd00::/16"));
        publisher.publish(b2.build());

        assertEquals(VIA_A, reader.defaultVrf().route6(hi("fd00:1::1"), lo("fd00:1::1")));
        assertEquals(1, reader.generation());
        final ForwardingState now = publisher.current();
        assertEquals(2, now.generation());
        assertEquals(VIA_B, now.defaultVrf().route6(hi("fd00:1::1"), lo("fd00:1::1")));
        assertNull(now.defaultVrf().route6(hi("fd00:2::1"), lo("fd00:2::1")));
    }

    @Test
    void refusesToPublishAStaleSnapshot()
    {
        final ForwardingStatePublisher publisher = new ForwardingStatePublisher();
        final ForwardingStateBuilder stale = publisher.builder();
        publisher.publish(publisher.builder().build());
        stale.addRoute(Vrf.DEFAULT_NAME, Ipv6Prefix.parse("fd00::/16"), VIA_A);
        final ForwardingState built = stale.build();
        assertEquals("refusing to publish generation 1 over generation 1 (built from a stale snapshot?)",
            assertThrows(IllegalStateException.class, () -> publisher.publish(built)).getMessage());
    }

    @Test
    void unchangedVrfsAreSharedBetweenSnapshots()
    {
        final ForwardingStateBuilder b = ForwardingStateBuilder.from(ForwardingState.initial());
        b.addVrf("peerA", 100);
        b.addRoute("peerA", Ipv6Prefix.parse("::/0"), VIA_A);
        final ForwardingState first = b.build();
        b.addRoute(Vrf.DEFAULT_NAME, Ipv4Prefix.parse("10.0.0.0/8"), RouteAction.connected("eth2"));
        final ForwardingState second = b.build();
        assertSame(first.vrf("peerA"), second.vrf("peerA"));
        assertNotSame(first.defaultVrf(), second.defaultVrf());
        assertEquals(2, second.generation());
        assertEquals(RouteAction.connected("eth2"), second.defaultVrf().route4(Ipv4Address.parse("10.1.2.3")));
        assertNull(first.defaultVrf().route4(Ipv4Address.parse("10.1.2.3")));
    }

    @Test
    void encapRoutesResolveTheirUnderlayVrfWithinTheSnapshot()
    {
        final ForwardingStateBuilder b = ForwardingStateBuilder.from(ForwardingState.initial());
        final int peerA = b.addVrf("peerA", 100);
        b.addRoute("peerA", Ipv6Prefix.parse("::/0"), encapTo("fc00:1::100", Vrf.DEFAULT_NAME));
        b.addRoute(Vrf.DEFAULT_NAME, Ipv6Prefix.parse("fc00:1::/48"), VIA_A);
        final ForwardingState s = b.build();

        final RouteAction action = s.vrf(peerA).route6(hi("2a00::1"), lo("2a00::1"));
        assertEquals(RouteAction.Kind.ENCAP, action.kind());
        final Vrf underlay = s.vrf(action.underlayVrfId());
        assertSame(s.defaultVrf(), underlay);
        assertEquals(VIA_A, underlay.route6(action.encap().segmentHi(0), action.encap().segmentLo(0)));
        assertEquals(List.of("::/0 encap seg6 mode encap.red segs 1 [ fc00:1::100 ] vrf default"),
            s.vrf("peerA").showRoutes6());
    }

    @Test
    void identicalActionsShareOneIndexAndFreedIndexesAreReused()
    {
        final ForwardingStateBuilder b = ForwardingStateBuilder.from(ForwardingState.initial());
        for (int i = 0; i < 100; i++)
        {
            b.addRoute(Vrf.DEFAULT_NAME, Ipv6Prefix.of(hi("fd00::") + ((long)i << 16), 0, 48), VIA_A);
        }
        b.addRoute(Vrf.DEFAULT_NAME, Ipv6Prefix.parse("fe00::/16"), VIA_B);
        assertEquals(2, b.build().defaultVrf().actionCount());
        b.removeRoute(Vrf.DEFAULT_NAME, Ipv6Prefix.parse("fe00::/16"));
        b.addRoute(Vrf.DEFAULT_NAME, Ipv6Prefix.parse("fe00::/16"), RouteAction.blackhole());
        final Vrf vrf = b.build().defaultVrf();
        assertEquals(2, vrf.actionCount());
        assertEquals(RouteAction.blackhole(), vrf.route6(hi("fe00::1"), lo("fe00::1")));
        assertEquals(VIA_A, vrf.route6(hi("fd00:0:63::1"), lo("fd00:0:63::1")));
    }

    @Test
    void sidsAndRulesResolveVrfIdsAndKeepCounterIndexes()
    {
        final ForwardingStateBuilder b = ForwardingStateBuilder.from(ForwardingState.initial());
        final int peerA = b.addVrf("peerA", 100);
        final int peerB = b.addVrf("peerB", 101);
        b.addLocator(Ipv6Prefix.parse("fc00:1::/48"));
        b.addSid(LocalSid.of(hi("fc00:1::100"), lo("fc00:1::100"), Behavior.END_DT6).withVrf("peerA"));
        b.addSid(LocalSid.of(hi("fc00:1::200"), lo("fc00:1::200"), Behavior.END_DT46).withVrf("peerB"));
        b.addPbrRule(PbrRule.ipv6(100, Ipv6Prefix.parse("2001:db8:b::/64"), null, "peerB"));
        final ForwardingState s1 = b.build();

        final LocalSid dt6 = s1.localSids().find(hi("fc00:1::100"), lo("fc00:1::100"));
        assertEquals(peerA, dt6.vrfId());
        assertEquals(peerB, s1.localSids().find(hi("fc00:1::200"), lo("fc00:1::200")).vrfId());
        assertEquals(peerB, s1.pbr().lookup6(hi("2001:db8:b::1"), lo("2001:db8:b::1"), 0, 0));
        assertEquals(PbrTable.NO_MATCH, s1.pbr().lookup6(hi("2001:db8:c::1"), lo("2001:db8:c::1"), 0, 0));

        final int counter200 = s1.localSids().find(hi("fc00:1::200"), lo("fc00:1::200")).counterIndex();
        b.removeSid(hi("fc00:1::100"), lo("fc00:1::100"));
        b.addSid(LocalSid.of(hi("fc00:1::300"), lo("fc00:1::300"), Behavior.END));
        final ForwardingState s2 = b.build();
        assertEquals(counter200, s2.localSids().find(hi("fc00:1::200"), lo("fc00:1::200")).counterIndex());
        assertEquals(dt6.counterIndex(), s2.localSids().find(hi("fc00:1::300"), lo("fc00:1::300")).counterIndex(),
            "a new SID takes the lowest free counter index");
        assertNull(s2.localSids().find(hi("fc00:1::100"), lo("fc00:1::100")));
        assertEquals(dt6, s1.localSids().find(hi("fc00:1::100"), lo("fc00:1::100")), "old snapshot unchanged");
    }

    @Test
    void rejectsDanglingReferencesWithClearMessages()
    {
        final ForwardingStateBuilder b = ForwardingStateBuilder.from(ForwardingState.initial());
        b.addVrf("peerA", 100);
        assertEquals("VRF 'peerA' already exists",
            assertThrows(IllegalArgumentException.class, () -> b.addVrf("peerA", 102)).getMessage());
        assertEquals("table 100 already belongs to VRF 'peerA'",
            assertThrows(IllegalArgumentException.class, () -> b.addVrf("peerB", 100)).getMessage());
        assertEquals("no VRF named 'nope'", assertThrows(IllegalArgumentException.class,
            () -> b.addRoute("nope", Ipv6Prefix.DEFAULT, VIA_A)).getMessage());
        assertEquals("route ::/0 in VRF 'peerA': underlay VRF 'core' does not exist",
            assertThrows(IllegalArgumentException.class,
                () -> b.addRoute("peerA", Ipv6Prefix.DEFAULT, encapTo("fc00::1", "core"))).getMessage());
        assertEquals("End.DT6 SID fc00::1 names VRF 'nope' which does not exist",
            assertThrows(IllegalArgumentException.class, () -> b.addSid(
                LocalSid.of(hi("fc00::1"), lo("fc00::1"), Behavior.END_DT6).withVrf("nope"))).getMessage());
        assertEquals("the default VRF cannot be removed",
            assertThrows(IllegalArgumentException.class, () -> b.removeVrf(Vrf.DEFAULT_NAME)).getMessage());

        b.addVrf("core", 200);
        b.addRoute("peerA", Ipv6Prefix.DEFAULT, encapTo("fc00::1", "core"));
        b.build();
        b.removeVrf("core");
        assertEquals("VRF 'core' is removed but routes in VRF 'peerA' still encapsulate into it " +
            "(encap seg6 mode encap.red segs 1 [ fc00::1 ] vrf core)",
            assertThrows(IllegalStateException.class, b::build).getMessage());
    }

    @Test
    void removedVrfIdIsReusedByTheNextVrf()
    {
        final ForwardingStateBuilder b = ForwardingStateBuilder.from(ForwardingState.initial());
        final int a = b.addVrf("a", 10);
        b.addVrf("b", 11);
        b.removeVrf("a");
        assertEquals(a, b.addVrf("c", 12));
        final ForwardingState s = b.build();
        assertEquals("c", s.vrf(a).name());
        assertEquals(3, s.vrfs().size());
    }
}
