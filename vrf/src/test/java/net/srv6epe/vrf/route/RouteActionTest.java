package net.srv6epe.vrf.route;

import net.srv6epe.srv6.Behavior;
import net.srv6epe.srv6.Ipv4Address;
import net.srv6epe.srv6.Ipv6Address;
import net.srv6epe.srv6.behavior.EncapTemplate;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RouteActionTest
{
    private static EncapTemplate template(final Behavior mode, final String... sids)
    {
        final long[] segs = new long[2 * sids.length];
        for (int i = 0; i < sids.length; i++)
        {
            segs[2 * i] = Ipv6Address.parseHi(sids[i]);
            segs[2 * i + 1] = Ipv6Address.parseLo(sids[i]);
        }
        return EncapTemplate.create(mode, Ipv6Address.parseHi("fd00:db8::1"), Ipv6Address.parseLo("fd00:db8::1"), segs);
    }

    @Test
    void printsInIproute2Spelling()
    {
        assertEquals("via fe80::1 dev eth0",
            RouteAction.via(Ipv6Address.parseHi("fe80::1"), Ipv6Address.parseLo("fe80::1"), "eth0").toString());
        assertEquals("via 198.18.2.1", RouteAction.via4(Ipv4Address.parse("198.18.2.1"), null).toString());
        assertEquals("dev eth1 scope link", RouteAction.connected("eth1").toString());
        assertEquals("encap seg6 mode encap segs 2 [ fc00:1::100 fc00:2::100 ] vrf underlay",
            RouteAction.encap(template(Behavior.H_ENCAPS, "fc00:1::100", "fc00:2::100"), "underlay").toString());
        assertEquals("encap seg6 mode encap.red segs 1 [ fc00:1::100 ] vrf default",
            RouteAction.encap(template(Behavior.H_ENCAPS_RED, "fc00:1::100"), "default").toString());
        assertEquals("local", RouteAction.local().toString());
        assertEquals("blackhole", RouteAction.blackhole().toString());
        assertEquals("unreachable", RouteAction.unreachable().toString());
    }

    @Test
    void equalityIgnoresTheResolvedUnderlayId()
    {
        final RouteAction a = RouteAction.encap(template(Behavior.H_ENCAPS, "fc00:1::100"), "core");
        assertEquals(a, a.withUnderlayVrfId(3));
        assertEquals(a.hashCode(), a.withUnderlayVrfId(3).hashCode());
        assertEquals(RouteAction.UNRESOLVED, a.underlayVrfId());
        assertEquals(3, a.withUnderlayVrfId(3).underlayVrfId());
        assertNotEquals(a, RouteAction.encap(template(Behavior.H_ENCAPS, "fc00:1::101"), "core"));
        assertNotEquals(RouteAction.connected("eth0"), RouteAction.connected("eth1"));
    }

    @Test
    void rejectsIncompleteActions()
    {
        assertEquals("a connected route needs a port",
            assertThrows(IllegalArgumentException.class, () -> RouteAction.connected("")).getMessage());
        assertEquals("an encap route needs the underlay VRF in which to route the outer packet",
            assertThrows(IllegalArgumentException.class,
                () -> RouteAction.encap(template(Behavior.H_ENCAPS, "fc00::1"), null)).getMessage());
    }

    @Test
    void bondActionsNameTheirBondAndCompareByIt()
    {
        final RouteAction down = RouteAction.bond("down", 1);
        assertEquals(RouteAction.Kind.BOND, down.kind());
        assertEquals("down", down.bond());
        assertEquals(1, down.bondId());
        assertEquals("bond down id 1", down.toString());
        assertEquals(down, RouteAction.bond("down", 1));
        assertEquals(down.hashCode(), RouteAction.bond("down", 1).hashCode());
        assertNotEquals(down, RouteAction.bond("down", 2));
        assertNotEquals(down, RouteAction.bond("up", 1));
        assertEquals("a bond id is 1..65535, got 0",
            assertThrows(IllegalArgumentException.class, () -> RouteAction.bond("down", 0)).getMessage());
        assertEquals("a bond route needs the bond's name",
            assertThrows(IllegalArgumentException.class, () -> RouteAction.bond(null, 1)).getMessage());
    }
}
