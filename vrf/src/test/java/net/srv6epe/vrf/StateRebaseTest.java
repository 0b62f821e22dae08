package net.srv6epe.vrf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import net.srv6epe.srv6.Behavior;
import net.srv6epe.srv6.Ipv4Address;
import net.srv6epe.srv6.Ipv6Address;
import net.srv6epe.vrf.pbr.PbrRule;
import net.srv6epe.vrf.prefix.Ipv4Prefix;
import net.srv6epe.vrf.prefix.Ipv6Prefix;
import net.srv6epe.vrf.route.RouteAction;
import net.srv6epe.vrf.sid.LocalSid;
import org.junit.jupiter.api.Test;

class StateRebaseTest
{
    private static final Ipv6Prefix STATIC = Ipv6Prefix.parse("fd00:1::/64");
    private static final Ipv6Prefix LEARNED = Ipv6Prefix.parse("fd00:c0::/64");
    private static final Ipv4Prefix STATIC4 = Ipv4Prefix.parse("198.18.5.0/24");
    private static final RouteAction VIA_A = via("fe80::a", "p0");
    private static final RouteAction VIA_B = via("fe80::b", "p1");
    private static final RouteAction VIA_BGP = via("fe80::c", "p2");

    private static RouteAction via(final String nh, final String port)
    {
        return RouteAction.via(Ipv6Address.parseHi(nh), Ipv6Address.parseLo(nh), port);
    }

    private static LocalSid sid(final String sid, final Behavior behavior, final String vrf)
    {
        return LocalSid.of(Ipv6Address.parseHi(sid), Ipv6Address.parseLo(sid), behavior).withVrf(vrf);
    }

    /** The configured base: VRF peer-a with one IPv6 and one IPv4 route, a SID into it, a locator, a PBR rule. */
    private static ForwardingState base(final RouteAction staticAction)
    {
        final ForwardingStateBuilder b = ForwardingStateBuilder.from(ForwardingState.initial());
        b.addVrf("peer-a", 101);
        b.addRoute("peer-a", STATIC, staticAction);
        b.addRoute("peer-a", STATIC4, RouteAction.via4(Ipv4Address.parse("198.18.0.1"), "p0"));
        b.addLocator(Ipv6Prefix.parse("fc00:a::/48"));
        b.addSid(sid("fc00:a::d6", Behavior.END_DT6, "peer-a"));
        b.addPbrRule(PbrRule.ipv6(10, Ipv6Prefix.parse("fd00:10::a/128"), null, "peer-a"));
        return b.build();
    }

    /** The live state: the base plus a protocol's route and SID. */
    private static ForwardingState learnedOn(final ForwardingState base)
    {
        final ForwardingStateBuilder b = ForwardingStateBuilder.from(base);
        b.addRoute("peer-a", LEARNED, VIA_BGP);
        b.addSid(sid("fc00:a:0:1::", Behavior.END_DT6, "peer-a"));
        return b.build();
    }

    @Test
    void sameBaseLeavesTheLiveStateAsItIs()
    {
        final ForwardingState base = base(VIA_A);
        final ForwardingState live = learnedOn(base);
        assertSame(live, StateRebase.rebase(base, base(VIA_A), live));
    }

    @Test
    void changedStaticRouteMovesAndLearnedRoutesStay()
    {
        final ForwardingState oldBase = base(VIA_A);
        final ForwardingState live = learnedOn(oldBase);
        final ForwardingState after = StateRebase.rebase(oldBase, base(VIA_B), live);

        final Vrf vrf = after.vrf("peer-a");
        assertEquals(VIA_B, vrf.route6(Ipv6Address.parseHi("fd00:1::5"), Ipv6Address.parseLo("fd00:1::5")));
        assertEquals(VIA_BGP, vrf.route6(Ipv6Address.parseHi("fd00:c0::c"), Ipv6Address.parseLo("fd00:c0::c")));
        assertNotNull(after.localSids().find(Ipv6Address.parseHi("fc00:a:0:1::"),
            Ipv6Address.parseLo("fc00:a:0:1::")));
        assertEquals(live.generation() + 1, after.generation());
        // the state it started from is untouched
        assertEquals(VIA_A, live.vrf("peer-a").route6(Ipv6Address.parseHi("fd00:1::5"),
            Ipv6Address.parseLo("fd00:1::5")));
    }

    @Test
    void removedVrfSidRuleAndLocatorGoAddedOnesCome()
    {
        final ForwardingState oldBase = base(VIA_A);
        final ForwardingStateBuilder lb = ForwardingStateBuilder.from(oldBase);
        lb.addRoute("peer-a", LEARNED, VIA_BGP);
        final ForwardingState live = lb.build();
        final ForwardingStateBuilder nb = ForwardingStateBuilder.from(ForwardingState.initial());
        nb.addVrf("peer-b", 102);
        nb.addRoute("peer-b", STATIC, VIA_B);
        nb.addLocator(Ipv6Prefix.parse("fc00:b::/48"));
        nb.addSid(sid("fc00:b::d6", Behavior.END_DT6, "peer-b"));
        nb.addPbrRule(PbrRule.ipv6(20, Ipv6Prefix.parse("fd00:10::b/128"), null, "peer-b"));
        final ForwardingState after = StateRebase.rebase(oldBase, nb.build(), live);

        assertNull(after.vrf("peer-a"), "VRF peer-a and what was learned into it are gone");
        assertEquals(102, after.vrf("peer-b").tableId());
        assertEquals(VIA_B, after.vrf("peer-b").route6(Ipv6Address.parseHi("fd00:1::1"),
            Ipv6Address.parseLo("fd00:1::1")));
        assertEquals(List.of(Ipv6Prefix.parse("fc00:b::/48")), List.copyOf(after.localSids().locators()));
        assertNull(after.localSids().find(Ipv6Address.parseHi("fc00:a::d6"), Ipv6Address.parseLo("fc00:a::d6")));
        assertNotNull(after.localSids().find(Ipv6Address.parseHi("fc00:b::d6"), Ipv6Address.parseLo("fc00:b::d6")));
        assertEquals(1, after.pbr().rules().size());
        assertEquals("peer-b", after.pbr().rules().get(0).vrfName());
    }

    @Test
    void removedStaticRouteGoesButALearnedOneOfAnotherPrefixStays()
    {
        final ForwardingState oldBase = base(VIA_A);
        final ForwardingState live = learnedOn(oldBase);
        final ForwardingStateBuilder nb = ForwardingStateBuilder.from(oldBase);
        nb.removeRoute("peer-a", STATIC);
        nb.removeRoute("peer-a", STATIC4);
        final ForwardingState after = StateRebase.rebase(oldBase, nb.build(), live);

        final Vrf vrf = after.vrf("peer-a");
        assertNull(vrf.route6(Ipv6Address.parseHi("fd00:1::5"), Ipv6Address.parseLo("fd00:1::5")));
        assertNull(vrf.route4(Ipv4Address.parse("198.18.5.1")));
        assertEquals(VIA_BGP, vrf.route6(Ipv6Address.parseHi("fd00:c0::c"), Ipv6Address.parseLo("fd00:c0::c")));
    }

    @Test
    void aRouteTheReloadDoesNotTouchKeepsWhatTheProtocolMadeOfIt()
    {
        final ForwardingState oldBase = base(VIA_A);
        final ForwardingStateBuilder lb = ForwardingStateBuilder.from(oldBase);
        lb.addRoute("peer-a", STATIC, VIA_BGP); // a protocol replaced the configured route
        final ForwardingState live = lb.build();
        final ForwardingStateBuilder nb = ForwardingStateBuilder.from(oldBase);
        nb.addRoute("peer-a", Ipv6Prefix.parse("fd00:2::/64"), VIA_B);
        final ForwardingState after = StateRebase.rebase(oldBase, nb.build(), live);

        assertEquals(VIA_BGP, after.vrf("peer-a").route6(Ipv6Address.parseHi("fd00:1::5"),
            Ipv6Address.parseLo("fd00:1::5")));
        assertEquals(VIA_B, after.vrf("peer-a").route6(Ipv6Address.parseHi("fd00:2::5"),
            Ipv6Address.parseLo("fd00:2::5")));
    }

    @Test
    void refusesToRemoveAVrfAProtocolsSidStillUses()
    {
        final ForwardingState oldBase = base(VIA_A);
        final ForwardingStateBuilder nb = ForwardingStateBuilder.from(oldBase);
        nb.removeSid(Ipv6Address.parseHi("fc00:a::d6"), Ipv6Address.parseLo("fc00:a::d6"));
        nb.removePbrRules(10);
        nb.removeVrf("peer-a");
        final IllegalStateException ex = assertThrows(IllegalStateException.class,
            () -> StateRebase.rebase(oldBase, nb.build(), learnedOn(oldBase)));
        assertTrue(ex.getMessage().contains("VRF 'peer-a' is removed but End.DT6 SID fc00:a:0:1:: still uses it"),
            ex.getMessage());
    }

    @Test
    void refusesToMoveAVrfToAnotherTable()
    {
        final ForwardingState oldBase = base(VIA_A);
        final ForwardingStateBuilder nb = ForwardingStateBuilder.from(ForwardingState.initial());
        nb.addVrf("peer-a", 201);
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> StateRebase.rebase(oldBase, nb.build(), oldBase));
        assertTrue(ex.getMessage().contains("VRF 'peer-a' would move from table 101 to 201"), ex.getMessage());
    }
}
