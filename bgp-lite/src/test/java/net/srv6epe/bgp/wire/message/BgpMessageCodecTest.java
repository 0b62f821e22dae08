package net.srv6epe.bgp.wire.message;

import net.srv6epe.bgp.wire.WireHex;
import net.srv6epe.bgp.wire.WireOptions;
import net.srv6epe.bgp.wire.attribute.AsPath;
import net.srv6epe.bgp.wire.attribute.MpReachNlri;
import net.srv6epe.bgp.wire.attribute.Origin;
import net.srv6epe.bgp.wire.attribute.PathAttribute;
import net.srv6epe.bgp.wire.capability.ExtendedMessageCapability;
import net.srv6epe.bgp.wire.capability.FourOctetAsCapability;
import net.srv6epe.bgp.wire.capability.MultiprotocolCapability;
import net.srv6epe.bgp.wire.capability.RouteRefreshCapability;
import net.srv6epe.bgp.wire.error.ErrorSubcode;
import net.srv6epe.bgp.wire.nlri.AddressFamily;
import net.srv6epe.bgp.wire.nlri.Ipv4Prefix;
import net.srv6epe.bgp.wire.nlri.Ipv6Prefix;
import net.srv6epe.srv6.Ipv4Address;
import net.srv6epe.srv6.Ipv6Address;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BgpMessageCodecTest
{
    private static final WireOptions AS2 = WireOptions.DEFAULT.withFourOctetAs(false);

    /** Good vectors: decode, check the readable view, encode back byte-exact. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "keepalive | ffffffffffffffffffffffffffffffff001304 | KEEPALIVE",
        "open-gobgp-one-capability-per-parameter | ffffffffffffffffffffffffffffffff004301045ba0005a0a00000126020601040002000102060104000200800202020002064104fa56ea0102020600020440020078" +
            " | OPEN version 4 as 4200000001 (my-as 23456) hold-time 90 id 10.0.0.1 [multiprotocol ipv6-unicast, multiprotocol l3vpn-ipv6-unicast, route-refresh, 4-octet-as 4200000001, extended-message, capability 64 0x0078]",
        "open-frr-all-capabilities-in-one-parameter | ffffffffffffffffffffffffffffffff00310104fde900b4c00002021402120104000200808000020041040000fde94600" +
            " | OPEN version 4 as 65001 hold-time 180 id 192.0.2.2 [multiprotocol l3vpn-ipv6-unicast, route-refresh (cisco), route-refresh, 4-octet-as 65001, capability 70]",
        "open-no-parameters | ffffffffffffffffffffffffffffffff001d0104fde90000c000020200 | OPEN version 4 as 65001 hold-time 0 id 192.0.2.2 []",
        "notification-cease-shutdown-communication | ffffffffffffffffffffffffffffffff001e0306020873687574646f776e" +
            " | NOTIFICATION 6/2 Cease / Administrative Shutdown data 0x0873687574646f776e",
        "notification-malformed-as-path | ffffffffffffffffffffffffffffffff001503030b | NOTIFICATION 3/11 UPDATE Message Error / Malformed AS_PATH",
        "route-refresh-ipv6 | ffffffffffffffffffffffffffffffff00170500020001 | ROUTE-REFRESH ipv6-unicast",
        "route-refresh-vpnv6-borr | ffffffffffffffffffffffffffffffff00170500020180 | ROUTE-REFRESH l3vpn-ipv6-unicast BoRR",
        "update-end-of-rib-ipv4 | ffffffffffffffffffffffffffffffff00170200000000 | UPDATE",
    })
    void decodesAndReencodesGoodMessages(final String name, final String hex, final String view) throws Exception
    {
        final BgpMessage message = WireHex.decode(hex, WireOptions.DEFAULT);
        assertEquals(view, message.toString());
        assertEquals(hex, WireHex.encode(message, WireOptions.DEFAULT));
    }

    /** Header and OPEN errors: the NOTIFICATION each must produce (RFC 4271 6.1, 6.2; RFC 7313 5). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "marker-not-all-ones | fffffffffffffffffffffffffffffffe001304 | 1 | 1 | ''",
        "length-below-19 | ffffffffffffffffffffffffffffffff001204 | 1 | 2 | 0012",
        "length-above-4096 | ffffffffffffffffffffffffffffffff100102 | 1 | 2 | 1001",
        "unknown-type | ffffffffffffffffffffffffffffffff001306 | 1 | 3 | 06",
        "keepalive-with-body | ffffffffffffffffffffffffffffffff00140400 | 1 | 2 | 0014",
        "update-too-short | ffffffffffffffffffffffffffffffff0015020000 | 1 | 2 | 0015",
        "open-too-short | ffffffffffffffffffffffffffffffff001c0104fde90000c0000202 | 1 | 2 | 001c",
        "open-version-3 | ffffffffffffffffffffffffffffffff001d0103fde90000c000020200 | 2 | 1 | 0004",
        "open-hold-time-2 | ffffffffffffffffffffffffffffffff001d0104fde90002c000020200 | 2 | 6 | ''",
        "open-bgp-id-zero | ffffffffffffffffffffffffffffffff001d0104fde900b40000000000 | 2 | 3 | ''",
        "open-param-length-mismatch | ffffffffffffffffffffffffffffffff001d0104fde900b4c000020201 | 2 | 0 | ''",
        "open-capability-overrun | ffffffffffffffffffffffffffffffff00210104fde900b4c00002020402020104 | 2 | 0 | ''",
        "open-multiprotocol-length-3 | ffffffffffffffffffffffffffffffff00240104fde900b4c000020207020501030002 01 | 2 | 0 | ''",
        "notification-too-short | ffffffffffffffffffffffffffffffff00140306 | 1 | 2 | 0014",
        "route-refresh-borr-too-long | ffffffffffffffffffffffffffffffff0018050002018000 | 7 | 1 | ffffffffffffffffffffffffffffffff0018050002018000",
        "route-refresh-too-short | ffffffffffffffffffffffffffffffff0016050002 00 | 1 | 2 | 0016",
    })
    void answersHeaderAndOpenErrorsWithTheirNotification(final String name, final String hex, final int code,
        final int subcode, final String data)
    {
        final MessageDecodeException ex = assertThrows(MessageDecodeException.class,
            () -> WireHex.decode(hex, WireOptions.DEFAULT));
        assertEquals(code, ex.notification().code(), ex.getMessage());
        assertEquals(subcode, ex.notification().subcode(), ex.getMessage());
        assertEquals(data, WireHex.hex(ex.notification().data()));
    }

    @Test
    void buildsTheOpenGoBgpSends() throws Exception
    {
        final OpenMessage open = OpenMessage.create(4200000001L, 90, Ipv4Address.parse("10.0.0.1"), List.of(
            new MultiprotocolCapability(AddressFamily.VPN_IPV6), new RouteRefreshCapability(),
            new FourOctetAsCapability(4200000001L), new ExtendedMessageCapability()));
        final OpenMessage back = (OpenMessage)WireHex.decode(WireHex.encode(open, WireOptions.DEFAULT),
            WireOptions.DEFAULT);
        assertEquals(open, back);
        assertEquals(AsPath.AS_TRANS, back.myAs());
        assertEquals(4200000001L, back.asNumber());
        assertTrue(back.supports(AddressFamily.VPN_IPV6) && back.supportsRouteRefresh() &&
            back.supportsExtendedMessage() && back.supportsFourOctetAs());
    }

    @Test
    void carriesUpdatesAbove4096OctetsOnlyWithExtendedMessages() throws Exception
    {
        final List<Ipv6Prefix> prefixes = new ArrayList<>();
        for (int i = 0; i < 600; i++)
        {
            prefixes.add(new Ipv6Prefix(Ipv6Address.parseHi("2001:db8::") | ((long)i << 16), 0, 48));
        }
        final UpdateMessage big = UpdateMessage.of(List.<PathAttribute>of(
            MpReachNlri.ipv6Unicast(Ipv6Address.parseHi("2001:db8::1"), Ipv6Address.parseLo("2001:db8::1"), prefixes),
            new Origin(Origin.IGP), new AsPath(List.of())));
        final WireOptions extended = WireOptions.DEFAULT.withMaxMessageLength(WireOptions.EXTENDED_MAX_MESSAGE_LENGTH);
        final String hex = WireHex.encode(big, extended);
        assertTrue(hex.length() / 2 > 4096);
        assertEquals(hex, WireHex.encode(WireHex.decode(hex, extended), extended));
        final MessageDecodeException ex = assertThrows(MessageDecodeException.class,
            () -> WireHex.decode(hex, WireOptions.DEFAULT));
        assertEquals(ErrorSubcode.BAD_MESSAGE_LENGTH.subcode(), ex.notification().subcode());
        assertThrows(IllegalArgumentException.class, () -> WireHex.encode(big, WireOptions.DEFAULT));
    }

    @Test
    void framesOnlyOnceTheHeaderHasArrived() throws Exception
    {
        final byte[] keepalive = WireHex.bytes("ffffffffffffffffffffffffffffffff001304");
        assertEquals(-1, BgpMessageCodec.frameLength(new UnsafeBuffer(keepalive), 0, 18, WireOptions.DEFAULT));
        assertEquals(19, BgpMessageCodec.frameLength(new UnsafeBuffer(keepalive), 0, 19, WireOptions.DEFAULT));
    }

    @Test
    void writesAsTransForFourOctetAsnsToTwoOctetSpeakers()
    {
        final UpdateMessage update = UpdateMessage.of(List.<PathAttribute>of(new Origin(Origin.IGP),
            new AsPath(List.of(net.srv6epe.bgp.wire.attribute.AsPathSegment.sequence(65001, 4200000001L)))));
        // RFC 6793 4.2.2: 4200000001 does not fit 2 octets -> AS_TRANS (0x5ba0)
        assertEquals("ffffffffffffffffffffffffffffffff0024020000000d" + "40010100" + "4002060202fde95ba0",
            WireHex.encode(update, AS2));
    }

    @Test
    void recognisesEndOfRibMarkers() throws Exception
    {
        assertTrue(((UpdateMessage)WireHex.decode("ffffffffffffffffffffffffffffffff00170200000000",
            WireOptions.DEFAULT)).isEndOfRib());
        assertTrue(((UpdateMessage)WireHex.decode("ffffffffffffffffffffffffffffffff001d0200000006800f03000280",
            WireOptions.DEFAULT)).isEndOfRib());
        assertFalse(((UpdateMessage)WireHex.decode("ffffffffffffffffffffffffffffffff0031020000001a800f17000280988000" +
            "00000000fde80000006420010db800010000", WireOptions.DEFAULT)).isEndOfRib());
    }

    @Test
    void namesTheFamiliesAnUpdateCarries() throws Exception
    {
        // an empty UPDATE is the IPv4 unicast End-of-RIB; an empty MP_UNREACH_NLRI that of its family
        assertEquals(List.of(AddressFamily.IPV4_UNICAST), ((UpdateMessage)WireHex.decode(
            "ffffffffffffffffffffffffffffffff00170200000000", WireOptions.DEFAULT)).families());
        assertEquals(List.of(AddressFamily.VPN_IPV6), ((UpdateMessage)WireHex.decode(
            "ffffffffffffffffffffffffffffffff001d0200000006800f03000280", WireOptions.DEFAULT)).families());
        // a VPN-IPv6 withdrawal
        assertEquals(List.of(AddressFamily.VPN_IPV6), ((UpdateMessage)WireHex.decode(
            "ffffffffffffffffffffffffffffffff0031020000001a800f17000280988000" +
            "00000000fde80000006420010db800010000", WireOptions.DEFAULT)).families());
        // an IPv6 unicast announcement, and one with an IPv4 prefix in the classic field beside it
        final MpReachNlri reach = MpReachNlri.ipv6Unicast(1L << 48, 1, List.of(
            Ipv6Prefix.parse("2001:db8::/32")));
        final List<PathAttribute> attributes = List.of(reach, new Origin(Origin.IGP), new AsPath(List.of()));
        assertEquals(List.of(AddressFamily.IPV6_UNICAST), UpdateMessage.of(attributes).families());
        assertEquals(List.of(AddressFamily.IPV4_UNICAST, AddressFamily.IPV6_UNICAST), new UpdateMessage(List.of(),
            attributes, List.of(Ipv4Prefix.parse("198.18.0.0/15"))).families());
    }
}
