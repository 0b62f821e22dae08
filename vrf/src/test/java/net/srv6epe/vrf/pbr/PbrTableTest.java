package net.srv6epe.vrf.pbr;

import net.srv6epe.srv6.Ipv4Address;
import net.srv6epe.srv6.Ipv6Address;
import net.srv6epe.vrf.prefix.Ipv4Prefix;
import net.srv6epe.vrf.prefix.Ipv6Prefix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PbrTableTest
{
    private static final PbrTable TABLE = PbrTable.of(List.of(
        PbrRule.ipv6(200, Ipv6Prefix.parse("2001:db8::/32"), null, "wide").withVrfId(2),
        PbrRule.ipv6(100, Ipv6Prefix.parse("2001:db8:a::/64"), null, "peerA").withVrfId(3),
        PbrRule.ipv6(100, Ipv6Prefix.parse("2001:db8:b::/64"), Ipv6Prefix.parse("2001:db8:ffff::/48"), "peerB")
            .withVrfId(4),
        PbrRule.ipv6(50, Ipv6Prefix.parse("2001:db8:a::99/128"), null, "special").withVrfId(5),
        PbrRule.ipv4(10, Ipv4Prefix.parse("198.51.100.0/24"), null, "v4a").withVrfId(6),
        PbrRule.ipv4(5, Ipv4Prefix.parse("198.51.100.0/24"), Ipv4Prefix.parse("203.0.113.0/24"), "v4b").withVrfId(7)));

    @ParameterizedTest
    @CsvSource({
        "2001:db8:a::1, 2001:db8:ffff::1, 3",
        "2001:db8:a::99, 2001:db8:ffff::1, 5",
        "2001:db8:b::1, 2001:db8:ffff::1, 4",
        "2001:db8:b::1, 2001:db8:eeee::1, 2",
        "2001:db8:c::1, ::1, 2",
        "2001:db9::1, ::1, -1",
    })
    void firstMatchByAscendingPriorityIpv6(final String src, final String dst, final int vrfId)
    {
        assertEquals(vrfId, TABLE.lookup6(Ipv6Address.parseHi(src), Ipv6Address.parseLo(src),
            Ipv6Address.parseHi(dst), Ipv6Address.parseLo(dst)));
    }

    @ParameterizedTest
    @CsvSource({
        "198.51.100.7, 203.0.113.1, 7",
        "198.51.100.7, 192.0.2.1, 6",
        "198.51.101.7, 203.0.113.1, -1",
    })
    void firstMatchByAscendingPriorityIpv4(final String src, final String dst, final int vrfId)
    {
        assertEquals(vrfId, TABLE.lookup4(Ipv4Address.parse(src), Ipv4Address.parse(dst)));
    }

    @Test
    void listsRulesInEvaluationOrderInIpRuleSpelling()
    {
        assertEquals("5: from 198.51.100.0/24 to 203.0.113.0/24 lookup v4b", TABLE.rules().get(0).toString());
        assertEquals("50: from 2001:db8:a::99/128 lookup special", TABLE.rules().get(2).toString());
        assertEquals(List.of(5, 10, 50, 100, 100, 200), TABLE.rules().stream().map(PbrRule::priority).toList());
        assertEquals("peerA", TABLE.rules().get(3).vrfName(), "equal priorities keep insertion order");
    }

    @Test
    void emptyTableMatchesNothing()
    {
        assertEquals(PbrTable.NO_MATCH, PbrTable.empty().lookup6(0, 0, 0, 0));
        assertEquals(PbrTable.NO_MATCH, PbrTable.empty().lookup4(0, 0));
    }

    @Test
    void rejectsRuleWithoutVrf()
    {
        assertEquals("PBR rule 1 needs a target VRF", assertThrows(IllegalArgumentException.class,
            () -> PbrRule.ipv6(1, Ipv6Prefix.DEFAULT, null, "")).getMessage());
    }
}
