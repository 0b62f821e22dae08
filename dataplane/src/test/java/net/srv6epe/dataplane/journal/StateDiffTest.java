package net.srv6epe.dataplane.journal;

import net.srv6epe.srv6.Behavior;
import net.srv6epe.srv6.Ipv4Address;
import net.srv6epe.srv6.Ipv6Address;
import net.srv6epe.vrf.ForwardingState;
import net.srv6epe.vrf.ForwardingStateBuilder;
import net.srv6epe.vrf.pbr.PbrRule;
import net.srv6epe.vrf.prefix.Ipv4Prefix;
import net.srv6epe.vrf.prefix.Ipv6Prefix;
import net.srv6epe.vrf.route.RouteAction;
import net.srv6epe.vrf.sid.LocalSid;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StateDiffTest
{
    private static final Ipv6Prefix PREFIX = Ipv6Prefix.parse("fd00:c0::/64");

    private final ForwardingState base = baseState();

    private static ForwardingState baseState()
    {
        final ForwardingStateBuilder b = ForwardingStateBuilder.from(ForwardingState.initial());
        b.addVrf("epe-a", 101);
        b.addRoute("default", PREFIX, via("fd00:20::2", "core"));
        b.addSid(sid("fc00:b::a6", Behavior.END_DT6).withVrf("epe-a"));
        b.addPbrRule(PbrRule.ipv6(10, Ipv6Prefix.parse("fd00:10::a/128"), null, "epe-a"));
        return b.build();
    }

    @Test
    void identicalSnapshotsHaveNoChanges()
    {
        assertEquals(List.of(), StateDiff.between(base, base));
    }

    @Test
    void reportsAnAddedRouteWithItsIproute2Action()
    {
        final ForwardingState next = ForwardingStateBuilder.from(base)
            .addRoute("epe-a", Ipv6Prefix.parse("2001:db8::/32"), via("fd00:20::3", "core")).build();

        assertEquals(List.of(new StateChange(ChangeKind.ROUTE, "epe-a", "2001:db8::/32", null,
            "via fd00:20::3 dev core")), StateDiff.between(base, next));
    }

    @Test
    void reportsARemovedRoute()
    {
        final ForwardingStateBuilder b = ForwardingStateBuilder.from(base);
        assertTrue(b.removeRoute("default", PREFIX));

        assertEquals(List.of(new StateChange(ChangeKind.ROUTE, "default", "fd00:c0::/64", "via fd00:20::2 dev core",
            null)), StateDiff.between(base, b.build()));
    }

    @Test
    void reportsAReplacedRouteWithOldAndNewAction()
    {
        final ForwardingState next = ForwardingStateBuilder.from(base)
            .addRoute("default", PREFIX, RouteAction.blackhole()).build();

        assertEquals(List.of(new StateChange(ChangeKind.ROUTE, "default", "fd00:c0::/64", "via fd00:20::2 dev core",
            "blackhole")), StateDiff.between(base, next));
    }

    @Test
    void reportsIpv4Routes()
    {
        final ForwardingState next = ForwardingStateBuilder.from(base)
            .addRoute("default", Ipv4Prefix.parse("192.0.2.0/24"),
                RouteAction.via4(Ipv4Address.parse("10.0.0.2"), "core")).build();

        assertEquals(List.of(new StateChange(ChangeKind.ROUTE, "default", "192.0.2.0/24", null,
            "via 10.0.0.2 dev core")), StateDiff.between(base, next));
    }

    @Test
    void reportsSidAddRemoveAndReplace()
    {
        final ForwardingStateBuilder b = ForwardingStateBuilder.from(base);
        b.removeSid(Ipv6Address.parseHi("fc00:b::a6"), Ipv6Address.parseLo("fc00:b::a6"));
        b.addSid(sid("fc00:b::a6", Behavior.END_DT46).withVrf("epe-a"));
        b.addSid(sid("fc00:b::1", Behavior.END));
        final ForwardingState next = b.build();

        final List<StateChange> changes = StateDiff.between(base, next);

        // SIDs in address order
        assertEquals(List.of(
            new StateChange(ChangeKind.SID, "", "fc00:b::1", null, "action End"),
            new StateChange(ChangeKind.SID, "epe-a", "fc00:b::a6", "action End.DT6 vrftable epe-a",
                "action End.DT46 vrftable epe-a")), changes);

        final ForwardingStateBuilder back = ForwardingStateBuilder.from(next);
        back.removeSid(Ipv6Address.parseHi("fc00:b::1"), Ipv6Address.parseLo("fc00:b::1"));
        assertEquals(List.of(new StateChange(ChangeKind.SID, "", "fc00:b::1", "action End", null)),
            StateDiff.between(next, back.build()));
    }

    @Test
    void reportsRuleAddRemoveAndReplace()
    {
        final ForwardingStateBuilder b = ForwardingStateBuilder.from(base);
        b.addVrf("epe-b", 102);
        b.removePbrRules(10);
        b.addPbrRule(PbrRule.ipv6(10, Ipv6Prefix.parse("fd00:10::a/128"), null, "epe-b"));
        b.addPbrRule(PbrRule.ipv6(20, Ipv6Prefix.parse("fd00:10::b/128"), null, "epe-b"));
        final ForwardingState next = b.build();

        assertEquals(List.of(
            new StateChange(ChangeKind.RULE, "epe-b", "10: from fd00:10::a/128", "lookup epe-a", "lookup epe-b"),
            new StateChange(ChangeKind.RULE, "epe-b", "20: from fd00:10::b/128", null, "lookup epe-b")),
            StateDiff.between(base, next));

        final ForwardingStateBuilder back = ForwardingStateBuilder.from(next);
        back.removePbrRules(20);
        assertEquals(List.of(
            new StateChange(ChangeKind.RULE, "epe-b", "20: from fd00:10::b/128", "lookup epe-b", null)),
            StateDiff.between(next, back.build()));
    }

    @Test
    void aRemovedVrfRemovesItsRoutes()
    {
        final ForwardingState withRoute = ForwardingStateBuilder.from(ForwardingState.initial())
            .addRoute("default", PREFIX, RouteAction.blackhole()).build();
        final ForwardingStateBuilder b = ForwardingStateBuilder.from(ForwardingState.initial());
        b.addVrf("x", 7);
        final ForwardingState withVrf = b.addRoute("x", PREFIX, RouteAction.unreachable()).build();
        final ForwardingStateBuilder drop = ForwardingStateBuilder.from(withVrf);
        drop.removeVrf("x");

        assertEquals(List.of(new StateChange(ChangeKind.ROUTE, "x", "fd00:c0::/64", "unreachable", null)),
            StateDiff.between(withVrf, drop.build()));
        assertEquals(1, StateDiff.between(ForwardingState.initial(), withRoute).size());
    }

    private static RouteAction via(final String address, final String port)
    {
        return RouteAction.via(Ipv6Address.parseHi(address), Ipv6Address.parseLo(address), port);
    }

    private static LocalSid sid(final String address, final Behavior behavior)
    {
        return LocalSid.of(Ipv6Address.parseHi(address), Ipv6Address.parseLo(address), behavior);
    }
}
