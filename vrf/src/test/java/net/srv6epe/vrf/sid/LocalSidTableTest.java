package net.srv6epe.vrf.sid;

import net.srv6epe.srv6.Behavior;
import net.srv6epe.srv6.Flavor;
import net.srv6epe.srv6.Ipv4Address;
import net.srv6epe.srv6.Ipv6Address;
import net.srv6epe.vrf.prefix.Ipv6Prefix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalSidTableTest
{
    private static LocalSid sid(final String text, final Behavior behavior)
    {
        return LocalSid.of(Ipv6Address.parseHi(text), Ipv6Address.parseLo(text), behavior);
    }

    private static final long NH_HI = Ipv6Address.parseHi("fe80::2");
    private static final long NH_LO = Ipv6Address.parseLo("fe80::2");

    @Test
    void findsEntriesByExactMatchAndKnowsItsLocators()
    {
        final LocalSid end = sid("fc00:1::1", Behavior.END).withFlavors(Flavor.PSP.bit());
        final LocalSid dt6 = sid("fc00:1::100", Behavior.END_DT6).withVrf("peerA");
        final LocalSid dx6 = sid("fc00:1::200", Behavior.END_DX6).withNextHop6(NH_HI, NH_LO).withPort("eth1");
        final LocalSidTable table = LocalSidTable.of(List.of(dt6, end, dx6), List.of(Ipv6Prefix.parse("fc00:1::/48")));

        assertEquals(3, table.size());
        assertSame(dt6, table.entry(table.lookup(dt6.sidHi(), dt6.sidLo())));
        assertSame(end, table.find(end.sidHi(), end.sidLo()));
        final long hi = Ipv6Address.parseHi("fc00:1::101");
        final long lo = Ipv6Address.parseLo("fc00:1::101");
        assertEquals(LocalSidTable.NOT_FOUND, table.lookup(hi, lo));
        assertTrue(table.inLocator(hi, lo), "inside our locator but no such SID");
        assertFalse(table.inLocator(Ipv6Address.parseHi("fc00:2::1"), Ipv6Address.parseLo("fc00:2::1")));
        assertEquals(List.of(end, dt6, dx6), table.entries());
        assertEquals("fc00:1::200 action End.DX6 nh6 fe80::2 dev eth1", dx6.toString());
        assertEquals("fc00:1::1 action End flavors psp", end.toString());
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void hashTableFindsEverySidAndNothingElse(final long seed)
    {
        final Random random = new Random(seed);
        final List<LocalSid> sids = new ArrayList<>();
        final long base = Ipv6Address.parseHi("fc00:1::");
        for (int i = 0; i < 5000; i++)
        {
            sids.add(LocalSid.of(base, random.nextLong() & 0xFFFF_FFFFL | ((long)i << 32), Behavior.END));
        }
        final LocalSidTable table = LocalSidTable.of(sids, List.of());
        for (final LocalSid s : sids)
        {
            assertSame(s, table.find(s.sidHi(), s.sidLo()));
        }
        for (int i = 0; i < 5000; i++)
        {
            assertNull(table.find(base + 1, random.nextLong()));
        }
    }

    @Test
    void rejectsDuplicateSids()
    {
        final LocalSid a = sid("fc00:1::1", Behavior.END);
        assertEquals("SID fc00:1::1 is defined twice", assertThrows(IllegalArgumentException.class,
            () -> LocalSidTable.of(List.of(a, a.withFlavors(Flavor.USD.bit())), List.of())).getMessage());
    }

    @Test
    void validatesAttributesPerBehavior()
    {
        assertInvalid(sid("fc00::6", Behavior.END_DT6), "End.DT6 SID fc00::6 needs a VRF to look the inner packet up in");
        assertInvalid(sid("fc00::4", Behavior.END_DT4), "End.DT4 SID fc00::4 needs a VRF to look the inner packet up in");
        assertInvalid(sid("fc00::46", Behavior.END_DT46),
            "End.DT46 SID fc00::46 needs a VRF to look the inner packet up in");
        assertInvalid(sid("fc00::5", Behavior.END_X), "End.X SID fc00::5 needs an IPv6 next hop");
        assertInvalid(sid("fc00::5", Behavior.END_X).withNextHop4(Ipv4Address.parse("192.0.2.1")),
            "End.X SID fc00::5 needs an IPv6 next hop (got an IPv4 one)");
        assertInvalid(sid("fc00::16", Behavior.END_DX6), "End.DX6 SID fc00::16 needs an IPv6 next hop");
        assertInvalid(sid("fc00::17", Behavior.END_DX4).withNextHop6(NH_HI, NH_LO),
            "End.DX4 SID fc00::17 needs an IPv4 next hop (got an IPv6 one)");
        assertInvalid(sid("fc00::6", Behavior.END_DT6).withVrf("a").withFlavors(Flavor.PSP.bit()),
            "End.DT6 SID fc00::6: flavors (PSP/USP/USD) are only allowed on End and End.X");
        assertInvalid(sid("fc00::1", Behavior.END).withVrf("a"),
            "End SID fc00::1 does not take a VRF (only End.DT4, End.DT6, End.DT46 do)");
        assertInvalid(sid("fc00::6", Behavior.END_DT6).withVrf("a").withNextHop6(NH_HI, NH_LO),
            "End.DT6 SID fc00::6 does not take a next hop of this family (End.X and End.DX6 take IPv6, " +
            "End.DX4 takes IPv4)");
        assertInvalid(sid("fc00::1", Behavior.END).withPort("eth0"),
            "End SID fc00::1 does not take a port (only End.X, End.DX4, End.DX6 do)");
        assertInvalid(sid("fc00::1", Behavior.H_ENCAPS),
            "H.Encaps is a headend behavior, not a local SID (fc00::1); put it on a route as an encap action");

        SidAttributeRules.validate(sid("fc00::1", Behavior.END).withFlavors(Flavor.PSP.bit() | Flavor.USD.bit()));
        SidAttributeRules.validate(sid("fc00::5", Behavior.END_X).withNextHop6(NH_HI, NH_LO).withPort("eth0")
            .withFlavors(Flavor.USP.bit()));
        SidAttributeRules.validate(sid("fc00::17", Behavior.END_DX4).withNextHop4(Ipv4Address.parse("192.0.2.1")));
        SidAttributeRules.validate(sid("fc00::46", Behavior.END_DT46).withVrf("peerA"));
    }

    private static void assertInvalid(final LocalSid sid, final String message)
    {
        assertEquals(message,
            assertThrows(IllegalArgumentException.class, () -> SidAttributeRules.validate(sid)).getMessage());
    }
}
