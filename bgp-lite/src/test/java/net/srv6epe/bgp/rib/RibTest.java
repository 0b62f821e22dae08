package net.srv6epe.bgp.rib;

import net.srv6epe.bgp.event.Cause;
import net.srv6epe.bgp.wire.attribute.AsPath;
import net.srv6epe.bgp.wire.attribute.AsPathSegment;
import net.srv6epe.bgp.wire.attribute.AttributeType;
import net.srv6epe.bgp.wire.attribute.LocalPref;
import net.srv6epe.bgp.wire.attribute.Origin;
import net.srv6epe.bgp.wire.attribute.PathAttribute;
import net.srv6epe.bgp.wire.error.ErrorAction;
import net.srv6epe.bgp.wire.error.ErrorSubcode;
import net.srv6epe.bgp.wire.error.UpdateError;
import net.srv6epe.bgp.wire.error.UpdateValidator;
import net.srv6epe.bgp.wire.error.ValidationResult;
import net.srv6epe.bgp.wire.message.NotificationMessage;
import net.srv6epe.bgp.wire.message.UpdateMessage;
import net.srv6epe.bgp.wire.nlri.AddressFamily;
import net.srv6epe.bgp.wire.nlri.RouteDistinguisher;
import net.srv6epe.srv6.Ipv6Address;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static net.srv6epe.bgp.rib.TestRoutes.basic;
import static net.srv6epe.bgp.rib.TestRoutes.unicast;
import static net.srv6epe.bgp.rib.TestRoutes.unicastWithdraw;
import static net.srv6epe.bgp.rib.TestRoutes.vpn;
import static net.srv6epe.bgp.rib.TestRoutes.vpnUpdate;
import static net.srv6epe.bgp.rib.TestRoutes.vpnWithdraw;
import static net.srv6epe.bgp.rib.TestRoutes.with;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RibTest
{
    private static final Cause CAUSE = new Cause("test", 0, 0);
    private static final RouteDistinguisher RD = RouteDistinguisher.as2(65000, 1);
    private static final long P_HI = Ipv6Address.parseHi("2001:db8:1::");

    private final List<String> changes = new ArrayList<>();
    private final List<String> maxPrefix = new ArrayList<>();
    private NotificationMessage cease;
    private final Rib rib = new Rib(new RibListener()
    {
        @Override
        public void onRouteChange(final int peer, final AddressFamily family, final long rd, final long hi,
            final long lo, final int length, final int label, final PathAttributes current,
            final PathAttributes previous, final Cause cause)
        {
            changes.add(peer + " " + family + " " + Ipv6Address.format(hi, lo) + "/" + length + " " +
                (current == null ? "withdrawn" : previous == null ? "added" : "replaced"));
        }
    }, new MaxPrefixListener()
    {
        @Override
        public void onMaxPrefixWarning(final RibPeer peer, final int count, final int limit)
        {
            maxPrefix.add("warning " + peer.name() + " " + count + "/" + limit);
        }

        @Override
        public void onMaxPrefixExceeded(final RibPeer peer, final int count, final int limit,
            final NotificationMessage notification)
        {
            maxPrefix.add("exceeded " + peer.name() + " " + count + "/" + limit);
            cease = notification;
        }
    });

    @Test
    void announcesReplacesAndWithdrawsWithHostBitsCleared()
    {
        final int p = rib.addPeer(RibPeer.ipv6("fd00::2", 65002, true, 2));
        rib.applyUpdate(p, unicast("fd00::2", basic(65002), "2001:db8:1::/48", "2001:db8:2::1/48"),
            ValidationResult.VALID, CAUSE);
        rib.applyUpdate(p, unicast("fd00::2", basic(65002, 7), "2001:db8:1::/48"), ValidationResult.VALID, CAUSE);
        assertEquals(2, rib.routeCount(p));
        assertNotNull(rib.route(p, AddressFamily.IPV6_UNICAST, 0, Ipv6Address.parseHi("2001:db8:2::"), 0, 48));
        rib.applyUpdate(p, unicastWithdraw("2001:db8:2::/48", "2001:db8:9::/48"), ValidationResult.VALID, CAUSE);
        assertEquals(List.of("0 ipv6-unicast 2001:db8:1::/48 added", "0 ipv6-unicast 2001:db8:2::/48 added",
            "0 ipv6-unicast 2001:db8:1::/48 replaced", "0 ipv6-unicast 2001:db8:2::/48 withdrawn"), changes);
        assertEquals(1, rib.routeCount(p));
        assertEquals(1, rib.attributeSets(), "the replaced set was released");
    }

    @Test
    void identicalAttributeSetsAreSharedAcrossUpdatesAndPeers()
    {
        final int a = rib.addPeer(RibPeer.ipv6("fd00::2", 65000, false, 2));
        final int b = rib.addPeer(RibPeer.ipv6("fd00::3", 65000, false, 3));
        rib.applyUpdate(a, vpnUpdate("fd00::9", basic(), vpn(RD, 16, "2001:db8:1::/48")), ValidationResult.VALID,
            CAUSE);
        rib.applyUpdate(b, vpnUpdate("fd00::9", basic(), vpn(RD, 16, "2001:db8:1::/48"),
            vpn(RD, 16, "2001:db8:2::/48")), ValidationResult.VALID, CAUSE);
        assertEquals(1, rib.attributeSets());
        final PathAttributes x = rib.route(a, AddressFamily.VPN_IPV6, RD.value(), P_HI, 0, 48);
        assertSame(x, rib.route(b, AddressFamily.VPN_IPV6, RD.value(), P_HI, 0, 48));
        assertEquals(3, x.references());
        rib.peerDown(b, CAUSE);
        assertEquals(1, x.references());
    }

    @Test
    void treatAsWithdrawFromTheValidatorRemovesTheAnnouncedRoutes()
    {
        final int p = rib.addPeer(RibPeer.ipv6("fd00::2", 65002, true, 2));
        rib.applyUpdate(p, unicast("fd00::2", basic(65002), "2001:db8:1::/48"), ValidationResult.VALID, CAUSE);
        // RFC 7606 3 d: a missing well-known mandatory attribute (ORIGIN, AS_PATH) -> treat-as-withdraw
        final UpdateMessage noOrigin = unicast("fd00::2", List.of(), "2001:db8:1::/48");
        final ValidationResult result = new UpdateValidator(true).validate(noOrigin);
        assertEquals(ErrorAction.TREAT_AS_WITHDRAW, result.action());
        rib.applyUpdate(p, noOrigin, result, CAUSE);
        assertEquals(0, rib.routeCount(p));
        assertEquals(1, rib.treatedAsWithdraw());
        assertEquals("0 ipv6-unicast 2001:db8:1::/48 withdrawn", changes.get(changes.size() - 1));
    }

    @Test
    void attributeDiscardFromTheValidatorKeepsTheRouteWithoutTheAttribute()
    {
        final int p = rib.addPeer(RibPeer.ipv6("fd00::2", 65002, true, 2));
        // RFC 7606 7.5: LOCAL_PREF from an external peer is discarded
        final UpdateMessage update = unicast("fd00::2", with(basic(65002), new LocalPref(500)), "2001:db8:1::/48");
        final ValidationResult result = new UpdateValidator(true).validate(update);
        assertEquals(ErrorAction.ATTRIBUTE_DISCARD, result.action());
        rib.applyUpdate(p, update, result, CAUSE);
        final PathAttributes kept = rib.route(p, AddressFamily.IPV6_UNICAST, 0, P_HI, 0, 48);
        assertNotNull(kept);
        assertEquals(PathAttributes.DEFAULT_LOCAL_PREF, kept.localPref());
        for (final PathAttribute a : kept.attributes())
        {
            assertTrue(a.typeCode() != AttributeType.LOCAL_PREF);
        }
        assertEquals(1, rib.attributesDiscarded());
    }

    @Test
    void sessionResetVerdictIsNotApplied()
    {
        final int p = rib.addPeer(RibPeer.ipv6("fd00::2", 65002, true, 2));
        final ValidationResult reset = new ValidationResult(List.of(new UpdateError(ErrorAction.SESSION_RESET, -1, -1,
            ErrorSubcode.MALFORMED_ATTRIBUTE_LIST, new byte[0], "test")));
        rib.applyUpdate(p, unicast("fd00::2", basic(65002), "2001:db8:1::/48"), reset, CAUSE);
        assertEquals(0, rib.routeCount(p));
        assertEquals(1, rib.sessionResetUpdatesIgnored());
    }

    @Test
    void sessionLossRemovesExactlyThatPeersRoutes()
    {
        final int a = rib.addPeer(RibPeer.ipv6("fd00::2", 65000, false, 2));
        final int b = rib.addPeer(RibPeer.ipv6("fd00::3", 65000, false, 3));
        rib.applyUpdate(a, vpnUpdate("fd00::9", basic(), vpn(RD, 16, "2001:db8:1::/48"),
            vpn(RD, 16, "2001:db8:2::/48")), ValidationResult.VALID, CAUSE);
        rib.applyUpdate(a, unicast("fd00::9", basic(), "2001:db8:5::/48"), ValidationResult.VALID, CAUSE);
        rib.applyUpdate(b, vpnUpdate("fd00::9", basic(), vpn(RD, 16, "2001:db8:1::/48")), ValidationResult.VALID,
            CAUSE);
        changes.clear();
        rib.peerDown(a, CAUSE);
        assertEquals(3, changes.size());
        assertTrue(changes.stream().allMatch(s -> s.startsWith("0 ") && s.endsWith("withdrawn")), changes::toString);
        assertEquals(0, rib.routeCount(a));
        assertEquals(1, rib.routeCount(b));
        rib.applyUpdate(b, vpnWithdraw(vpn(RD, 0x800000, "2001:db8:1::/48")), ValidationResult.VALID, CAUSE);
        assertEquals(0, rib.routeCount(b));
        assertEquals(0, rib.attributeSets());
    }

    @Test
    void maxPrefixWarnsAtTheThresholdThenCeasesWithRfc4486Data()
    {
        final int p = rib.addPeer(RibPeer.ipv6("fd00::2", 65000, false, 2).withMaxPrefix(4, 75));
        rib.applyUpdate(p, vpnUpdate("fd00::9", basic(), vpn(RD, 16, "2001:db8:1::/48"),
            vpn(RD, 16, "2001:db8:2::/48")), ValidationResult.VALID, CAUSE);
        assertEquals(List.of(), maxPrefix);
        rib.applyUpdate(p, vpnUpdate("fd00::9", basic(), vpn(RD, 16, "2001:db8:3::/48")), ValidationResult.VALID,
            CAUSE);
        assertEquals(List.of("warning fd00::2 3/4"), maxPrefix);
        // re-announcing a known prefix does not count; the 5th new one exceeds
        rib.applyUpdate(p, vpnUpdate("fd00::9", basic(), vpn(RD, 16, "2001:db8:3::/48"),
            vpn(RD, 16, "2001:db8:4::/48"), vpn(RD, 16, "2001:db8:5::/48"), vpn(RD, 16, "2001:db8:6::/48")),
            ValidationResult.VALID, CAUSE);
        assertEquals(List.of("warning fd00::2 3/4", "exceeded fd00::2 5/4"), maxPrefix);
        assertEquals(4, rib.routeCount(p));
        assertTrue(rib.isOverLimit(p));
        assertEquals(6, cease.code());
        assertEquals(1, cease.subcode());
        assertArrayEquals(new byte[]{0, 2, (byte)128, 0, 0, 0, 4}, cease.data());
        rib.applyUpdate(p, vpnUpdate("fd00::9", basic(), vpn(RD, 16, "2001:db8:7::/48")), ValidationResult.VALID,
            CAUSE);
        assertEquals(1, rib.updatesIgnoredOverLimit());
        rib.peerDown(p, CAUSE);
        assertFalse(rib.isOverLimit(p));
        assertEquals(0, rib.routeCount(p));
    }

    @Test
    void ipv4AndOtherFamiliesAreCountedAndIgnored()
    {
        final int p = rib.addPeer(RibPeer.ipv6("fd00::2", 65002, true, 2));
        rib.applyUpdate(p, new UpdateMessage(List.of(), basic(65002),
            List.of(net.srv6epe.bgp.wire.nlri.Ipv4Prefix.parse("192.0.2.0/24"))), ValidationResult.VALID, CAUSE);
        assertEquals(0, rib.routeCount(p));
        assertEquals(1, rib.otherFamilyRoutesIgnored());
    }

    @Test
    void familiesNotNegotiatedWithThePeerAreCountedAndIgnored()
    {
        final int p = rib.addPeer(RibPeer.ipv6("fd00::2", 65002, true, 2));
        rib.negotiated(p, List.of(AddressFamily.IPV6_UNICAST));
        rib.applyUpdate(p, vpnUpdate("fd00::9", basic(), vpn(RD, 16, "2001:db8:1::/48"),
            vpn(RD, 16, "2001:db8:2::/48")), ValidationResult.VALID, CAUSE);
        rib.applyUpdate(p, vpnWithdraw(vpn(RD, 0x800000, "2001:db8:1::/48")), ValidationResult.VALID, CAUSE);
        assertEquals(0, rib.routeCount(p, AddressFamily.VPN_IPV6));
        assertEquals(3, rib.otherFamilyRoutesIgnored());
        rib.applyUpdate(p, unicast("fd00::2", basic(65002), "2001:db8:3::/48"), ValidationResult.VALID, CAUSE);
        assertEquals(1, rib.routeCount(p, AddressFamily.IPV6_UNICAST), "the negotiated family is kept");

        // a new session that negotiated VPN-IPv6 takes it
        rib.peerDown(p, CAUSE);
        rib.negotiated(p, List.of(AddressFamily.VPN_IPV6));
        rib.applyUpdate(p, vpnUpdate("fd00::9", basic(), vpn(RD, 16, "2001:db8:1::/48")), ValidationResult.VALID,
            CAUSE);
        assertEquals(1, rib.routeCount(p, AddressFamily.VPN_IPV6));
        assertEquals(3, rib.otherFamilyRoutesIgnored());
    }

    @Test
    void aRouteWhosePathHoldsOurAsIsNotKeptAndReplacesWhatThePeerHad()
    {
        rib.localAs(65000);
        final int p = rib.addPeer(RibPeer.ipv6("fd00::2", 65002, true, 2));
        rib.applyUpdate(p, unicast("fd00::2", basic(65002), "2001:db8:1::/48", "2001:db8:2::/48"),
            ValidationResult.VALID, CAUSE);
        assertEquals(2, rib.routeCount(p));
        // the same prefix again, now through us: it looped, and the peer no longer offers a usable route for it
        rib.applyUpdate(p, unicast("fd00::2", basic(65002, 65010, 65000), "2001:db8:1::/48"),
            ValidationResult.VALID, CAUSE);
        assertEquals(1, rib.routeCount(p));
        assertNull(rib.route(p, AddressFamily.IPV6_UNICAST, 0, Ipv6Address.parseHi("2001:db8:1::"), 0, 48));
        assertNotNull(rib.route(p, AddressFamily.IPV6_UNICAST, 0, Ipv6Address.parseHi("2001:db8:2::"), 0, 48));
        assertEquals(1, rib.asPathLoops());
        // a path that only passes an AS like ours in a set is a loop as well (RFC 4271 9.1.2 says "contains")
        rib.applyUpdate(p, unicast("fd00::2", List.of(new Origin(Origin.IGP),
            new AsPath(List.of(AsPathSegment.sequence(65002), AsPathSegment.set(65000, 65003)))), "2001:db8:3::/48"),
            ValidationResult.VALID, CAUSE);
        assertEquals(1, rib.routeCount(p));
        assertEquals(2, rib.asPathLoops());
    }

    @Test
    void routeTableMatchesAHashMapUnderRandomChurn()
    {
        final RouteTable<Integer> table = new RouteTable<>();
        final Map<List<Long>, Integer> reference = new HashMap<>();
        final Random random = new Random(42);
        for (int i = 0; i < 200_000; i++)
        {
            final long rd = random.nextInt(3);
            final long hi = random.nextInt(2000);
            final int length = 48 + random.nextInt(2);
            final List<Long> key = List.of(rd, hi, (long)length);
            if (random.nextInt(3) == 0)
            {
                assertEquals(reference.remove(key), table.remove(rd, hi, 0, length));
            }
            else
            {
                assertEquals(reference.put(key, i), table.put(rd, hi, 0, length, i, i));
            }
            if (i % 997 == 0)
            {
                for (final Map.Entry<List<Long>, Integer> e : reference.entrySet())
                {
                    assertEquals(e.getValue(), table.get(e.getKey().get(0), e.getKey().get(1), 0,
                        e.getKey().get(2).intValue()));
                }
            }
        }
        assertEquals(reference.size(), table.size());
        final int[] seen = {0};
        table.forEach((rd, hi, lo, length, label, value) ->
        {
            assertEquals(reference.get(List.of(rd, hi, (long)length)), value);
            assertEquals(value.intValue(), label);
            seen[0]++;
        });
        assertEquals(reference.size(), seen[0]);
        assertNull(table.get(9, 9, 9, 9));
    }
}
