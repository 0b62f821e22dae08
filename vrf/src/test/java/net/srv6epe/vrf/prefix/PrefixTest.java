package net.srv6epe.vrf.prefix;

import net.srv6epe.srv6.Ipv4Address;
import net.srv6epe.srv6.Ipv6Address;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrefixTest
{
    @ParameterizedTest
    @CsvSource({
        "fd00:1::/48, fd00:1::/48",
        "FD00:0001:0000::/48, fd00:1::/48",
        "::/0, ::/0",
        "2001:db8::1/128, 2001:db8::1/128",
        "fc00:0:0:1::/64, fc00:0:0:1::/64",
    })
    void parsesAndFormatsIpv6(final String text, final String canonical)
    {
        final Ipv6Prefix p = Ipv6Prefix.parse(text);
        assertEquals(canonical, p.toString());
        assertEquals(p, Ipv6Prefix.parse(p.toString()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "fd00::1/64|fd00::1/64 has host bits set; did you mean fd00::/64?",
        "fd00:1::/15|fd00:1::/15 has host bits set; did you mean fd00::/15?",
        "fd00::/129|prefix length 129 in 'fd00::/129' is outside 0..128",
        "fd00::|not an IPv6 prefix: 'fd00::' (expected address/length)",
        "fd00::/|bad prefix length in 'fd00::/' (expected 0..128)",
        "fd00::/-1|bad prefix length in 'fd00::/-1' (expected 0..128)",
        "fd00::zz/64|not an IPv6 prefix: 'fd00::zz/64' (bad address)",
        "10.0.0.0/8|not an IPv6 prefix: '10.0.0.0/8' (bad address)",
    })
    void rejectsBadIpv6WithAClearMessage(final String text, final String message)
    {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> Ipv6Prefix.parse(text)).getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "192.0.2.1/24|192.0.2.1/24 has host bits set; did you mean 192.0.2.0/24?",
        "10.0.0.0/33|prefix length 33 in '10.0.0.0/33' is outside 0..32",
        "10.0.0/8|not an IPv4 prefix: '10.0.0/8' (bad address)",
        "10.0.0.0|not an IPv4 prefix: '10.0.0.0' (expected address/length)",
    })
    void rejectsBadIpv4WithAClearMessage(final String text, final String message)
    {
        assertEquals(message, assertThrows(IllegalArgumentException.class, () -> Ipv4Prefix.parse(text)).getMessage());
    }

    @ParameterizedTest
    @CsvSource({
        "fd00:1::/48, fd00:1::1, true",
        "fd00:1::/48, fd00:1:0:ffff::1, true",
        "fd00:1::/48, fd00:2::1, false",
        "::/0, ffff::1, true",
        "fd00::1/128, fd00::1, true",
        "fd00::1/128, fd00::2, false",
        "fd00::8000:0:0:0/65, fd00::ffff:0:0:1, true",
        "fd00::8000:0:0:0/65, fd00::7fff:0:0:1, false",
    })
    void ipv6Contains(final String prefix, final String address, final boolean expected)
    {
        assertEquals(expected,
            Ipv6Prefix.parse(prefix).contains(Ipv6Address.parseHi(address), Ipv6Address.parseLo(address)));
    }

    @ParameterizedTest
    @CsvSource({
        "10.0.0.0/8, 10.255.255.255, true",
        "10.0.0.0/8, 11.0.0.0, false",
        "0.0.0.0/0, 255.255.255.255, true",
        "192.0.2.1/32, 192.0.2.1, true",
        "192.0.2.1/32, 192.0.2.2, false",
    })
    void ipv4Contains(final String prefix, final String address, final boolean expected)
    {
        assertEquals(expected, Ipv4Prefix.parse(prefix).contains(Ipv4Address.parse(address)));
    }

    @Test
    void prefixContainsMoreSpecifics()
    {
        assertTrue(Ipv6Prefix.parse("fd00::/16").contains(Ipv6Prefix.parse("fd00:1::/48")));
        assertFalse(Ipv6Prefix.parse("fd00:1::/48").contains(Ipv6Prefix.parse("fd00::/16")));
        assertTrue(Ipv4Prefix.parse("10.0.0.0/8").contains(Ipv4Prefix.parse("10.1.0.0/16")));
        assertFalse(Ipv4Prefix.parse("10.1.0.0/16").contains(Ipv4Prefix.parse("10.0.0.0/8")));
    }

    @Test
    void ordersByAddressThenLength()
    {
        final List<Ipv6Prefix> list = new ArrayList<>(List.of(
            Ipv6Prefix.parse("fd00:1::/48"), Ipv6Prefix.parse("8000::/1"), Ipv6Prefix.parse("fd00::/16"),
            Ipv6Prefix.parse("::/0"), Ipv6Prefix.parse("fd00::/8")));
        Collections.sort(list);
        assertEquals("[::/0, 8000::/1, fd00::/8, fd00::/16, fd00:1::/48]", list.toString());
        final List<Ipv4Prefix> four = new ArrayList<>(List.of(
            Ipv4Prefix.parse("192.0.2.0/24"), Ipv4Prefix.parse("10.0.0.0/8"), Ipv4Prefix.parse("128.0.0.0/1")));
        Collections.sort(four);
        assertEquals("[10.0.0.0/8, 128.0.0.0/1, 192.0.2.0/24]", four.toString());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 63, 64, 65, 127, 128})
    void masksMatchLength(final int length)
    {
        assertEquals(length, Long.bitCount(Ipv6Prefix.maskHi(length)) + Long.bitCount(Ipv6Prefix.maskLo(length)));
    }
}
