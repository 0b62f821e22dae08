package net.srv6epe.bgp.wire.nlri;

import net.srv6epe.bgp.wire.WireHex;
import net.srv6epe.bgp.wire.error.MalformedException;
import net.srv6epe.srv6.Ipv4Address;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class NlriTest
{
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ipv6-default | 2 | 1 | 00 | ::/0",
        "ipv6-48 | 2 | 1 | 3020010db80001 | 2001:db8:1::/48",
        "ipv6-host | 2 | 1 | 8020010db8000000000000000000000001 | 2001:db8::1/128",
        "ipv6-host-bits-kept | 2 | 1 | 0f20ff | 20ff::/15",
        "ipv4-24 | 1 | 1 | 18c0a801 | 192.168.1.0/24",
        "vpnv6-rd-type0 | 2 | 128 | 980001010000fde80000006420010db800010000 | [65000:100]2001:db8:1::/64 label 16 (0x000101)",
        "vpnv6-rd-type1 | 2 | 128 | 98000031" + "0001c0000201000720010db800010000 | [192.0.2.1:7]2001:db8:1::/64 label 3 (0x000031)",
        "vpnv6-rd-type2 | 2 | 128 | 98000031" + "0002fa56ea01000720010db800010000 | [4200000001:7]2001:db8:1::/64 label 3 (0x000031)",
        // one label field whatever its bottom-of-stack bit (no Multiple Labels capability, RFC 8277 2.2):
        // FRR's withdrawals carry 0x000000, RFC 9252 transposition puts SID function bits there
        "vpnv6-frr-withdraw-label-zero | 2 | 128 | 88000000" + "0000fde800000064fd0000c10000 | [65000:100]fd00:c1::/48 label 0 (0x000000)",
        "vpnv6-transposed-no-bos | 2 | 128 | 98012340" + "0000fde80000006420010db800010000 | [65000:100]2001:db8:1::/64 label 4660 (0x012340)",
        "vpnv6-withdraw-label | 2 | 128 | 58800000" + "0000fde800000064 | [65000:100]::/0 label 524288 (0x800000)",
    })
    void decodesAndReencodesPrefixes(final String name, final int afi, final int safi, final String hex,
        final String view)
    {
        final byte[] bytes = WireHex.bytes(hex);
        final List<Nlri> decoded = NlriCodec.decode(new AddressFamily(afi, safi), new UnsafeBuffer(bytes), 0,
            bytes.length);
        assertEquals(1, decoded.size());
        assertEquals(view, decoded.get(0).toString());
        final ExpandableArrayBuffer out = new ExpandableArrayBuffer(64);
        assertEquals(bytes.length, NlriCodec.encode(decoded, out, 0));
        final byte[] back = new byte[bytes.length];
        out.getBytes(0, back);
        assertEquals(hex, WireHex.hex(back));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ipv6-length-129 | 2 | 1 | 81 | IPv6 prefix length 129 > 128",
        "ipv6-truncated | 2 | 1 | 302001 | IPv6 prefix /48: needs 6 octets, 2 left",
        "ipv4-length-33 | 1 | 1 | 21 | IPv4 prefix length 33 > 32",
        "vpn-label-only | 2 | 128 | 18000031 | VPN-IPv6 prefix of 24 bits: no room for the RD",
        "vpn-label-without-rd | 2 | 128 | 30000010000020 | VPN-IPv6 prefix of 48 bits: no room for the RD",
        "vpn-no-label | 2 | 128 | 100000 | VPN-IPv6 prefix of 16 bits: no room for a label",
    })
    void rejectsMalformedPrefixesAsInvalidNetworkField(final String name, final int afi, final int safi,
        final String hex, final String reason)
    {
        final byte[] bytes = WireHex.bytes(hex);
        final MalformedException ex = assertThrows(MalformedException.class, () -> NlriCodec.decode(
            new AddressFamily(afi, safi), new UnsafeBuffer(bytes), 0, bytes.length));
        assertEquals(reason, ex.getMessage());
        assertEquals(10, ex.subcode());
    }

    @Test
    void printsRouteDistinguishersAsFrrAndGoBgpDo()
    {
        assertEquals("65000:100", RouteDistinguisher.as2(65000, 100).toString());
        assertEquals("192.0.2.1:7", RouteDistinguisher.ipv4(Ipv4Address.parse("192.0.2.1"), 7).toString());
        assertEquals("4200000001:7", RouteDistinguisher.as4(4200000001L, 7).toString());
    }
}
