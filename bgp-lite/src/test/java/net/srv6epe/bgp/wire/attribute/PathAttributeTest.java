package net.srv6epe.bgp.wire.attribute;

import net.srv6epe.bgp.wire.WireHex;
import net.srv6epe.bgp.wire.WireOptions;
import net.srv6epe.bgp.wire.message.UpdateMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PathAttributeTest
{
    /** Wraps attributes (header and value, in hex) into a whole UPDATE message without NLRI. */
    static String update(final String attributesHex)
    {
        final int attributes = attributesHex.length() / 2;
        return "ffffffffffffffffffffffffffffffff" + String.format("%04x", 19 + 4 + attributes) + "02" + "0000" +
            String.format("%04x", attributes) + attributesHex;
    }

    /** One attribute per row: decode, check the readable view, encode back byte-exact. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "origin-igp | 40010100 | ORIGIN igp",
        "origin-egp | 40010101 | ORIGIN egp",
        "origin-incomplete | 40010102 | ORIGIN incomplete",
        "as-path-sequence-and-set | 40021402020000fde9fa56ea0101020000fdeb0000fdec | AS_PATH [65001 4200000001 {65003,65004}]",
        "as-path-confederations | 40021003020000fc000000fc0104010000fc02 | AS_PATH [(64512 64513) [64514]]",
        "as-path-empty | 400200 | AS_PATH []",
        "next-hop | 400304c0000201 | NEXT_HOP 192.0.2.1",
        "med | 800404ffffffff | MED 4294967295",
        "local-pref | 40050400000064 | LOCAL_PREF 100",
        "atomic-aggregate | 400600 | ATOMIC_AGGREGATE",
        "aggregator | c00708fa56ea01c0000209 | AGGREGATOR 4200000001 192.0.2.9",
        "communities | c00810fde80064ffffff01ffffff02ffffff03 | COMMUNITIES [65000:100 no-export no-advertise no-export-subconfed]",
        "originator-id | 800904c0000207 | ORIGINATOR_ID 192.0.2.7",
        "cluster-list | 800a08c0000264c0000265 | CLUSTER_LIST [192.0.2.100 192.0.2.101]",
        "ext-communities-rt-three-forms | c010180002fde8000000640102c000020100070202fa56ea010007 | EXTENDED_COMMUNITIES [rt 65000:100, rt 192.0.2.1:7, rt 4200000001:7]",
        "ext-communities-soo-and-opaque | c010100003fde800000001030c000000000008 | EXTENDED_COMMUNITIES [soo 65000:1, 0x030c000000000008]",
        "as4-path | c011060201fa56ea01 | AS4_PATH [4200000001]",
        "as4-aggregator | c01208fa56ea01c0000201 | AS4_AGGREGATOR 4200000001 192.0.2.1",
        "mp-reach-ipv6-global | 800e1c0002011020010db8000000000000000000000001003020010db80001 | MP_REACH_NLRI ipv6-unicast nexthop 2001:db8::1 [2001:db8:1::/48]",
        "mp-reach-ipv6-link-local | 800e260002012020010db8000000000000000000000001fe8000000000000000000000000000010000 | MP_REACH_NLRI ipv6-unicast nexthop 2001:db8::1 link-local fe80::1 [::/0]",
        "mp-reach-vpnv6-24 | 800e3100028018000000000000000020010db800000000000000000000000100980001010000fde80000006420010db800010000 | MP_REACH_NLRI l3vpn-ipv6-unicast nexthop 2001:db8::1 [[65000:100]2001:db8:1::/64 label 16 (0x000101)]",
        "mp-reach-vpnv6-48 | 800e4900028030000000000000000020010db80000000000000000000000020000000000000000fe80000000000000000000000000000200980100010001c0000201000720010db800020000 | MP_REACH_NLRI l3vpn-ipv6-unicast nexthop 2001:db8::2 link-local fe80::2 [[192.0.2.1:7]2001:db8:2::/64 label 4096 (0x010001)]",
        "mp-reach-vpnv6-rd-as4 | 800e3000028018000000000000000020010db800000000000000000000000100900000310002fa56ea01000720010db8000300 | MP_REACH_NLRI l3vpn-ipv6-unicast nexthop 2001:db8::1 [[4200000001:7]2001:db8:3::/56 label 3 (0x000031)]",
        "mp-reach-other-family-opaque | 800e0e00010404c000020100200001010a | MP_REACH_NLRI afi 1 safi 4 nexthop 0xc0000201 [] opaque 0x200001010a",
        "mp-unreach-ipv6 | 800f0a0002013020010db80001 | MP_UNREACH_NLRI ipv6-unicast [2001:db8:1::/48]",
        "mp-unreach-vpnv6 | 800f17000280988000000000fde80000006420010db800010000 | MP_UNREACH_NLRI l3vpn-ipv6-unicast [[65000:100]2001:db8:1::/64 label 524288 (0x800000)]",
        "prefix-sid-srv6-l3 | c028250500220001001e00fd00000000000001001200000000000000001200010006281810000000 | PREFIX_SID [srv6-l3-service [sid fd00:0:0:1:12:: behavior End.DT6 structure lbl 40 lnl 24 fl 16 al 0 tl 0 to 0]]",
        "prefix-sid-label-index | c0280a01000700000000000064 | PREFIX_SID [tlv 1 0x00000000000064]",
        "prefix-sid-l2-and-unknown-sub-tlvs | c028270600040009000005001d0001001900fd0000000000000000000000000000018000100009000107 | PREFIX_SID [srv6-l2-service [tlv 9 0x], srv6-l3-service [sid fd00::1 behavior End.DX6 flags 0x80 tlv 9 0x07]]",
        "unknown-optional-transitive | c06303010203 | type 99 flags OT value 0x010203",
        "unknown-partial-extended-length | f0c80001aa | type 200 flags OTPE value 0xaa",
    })
    void decodesAndReencodesEveryAttribute(final String name, final String hex, final String view)
    {
        final String message = update(hex);
        final UpdateMessage decoded = WireHex.decodeUpdate(message, WireOptions.DEFAULT);
        assertTrue(decoded.defects().isEmpty(), decoded::toString);
        assertEquals(1, decoded.attributes().size(), decoded::toString);
        final PathAttribute attribute = decoded.attributes().get(0);
        assertFalse(attribute instanceof MalformedAttribute, attribute::toString);
        assertEquals(view, attribute.toString());
        assertEquals(message, WireHex.encode(decoded, WireOptions.DEFAULT));
    }

    @Test
    void passesUnknownOptionalTransitiveAttributesOnWithThePartialBit()
    {
        final UnknownAttribute transitive = (UnknownAttribute)WireHex.decodeUpdate(update("c06303010203"),
            WireOptions.DEFAULT).attributes().get(0);
        assertTrue(transitive.isPropagated());
        assertEquals(0xE0, transitive.withPartial().flags());
        final UnknownAttribute nonTransitive = (UnknownAttribute)WireHex.decodeUpdate(update("806303010203"),
            WireOptions.DEFAULT).attributes().get(0);
        assertFalse(nonTransitive.isPropagated());
    }

    @Test
    void setsExtendedLengthWhenTheValueExceeds255Octets()
    {
        final List<Long> communities = new ArrayList<>();
        for (long i = 0; i < 70; i++)
        {
            communities.add((65000L << 16) | i);
        }
        final String hex = WireHex.encode(UpdateMessage.of(List.of(new Communities(communities))), WireOptions.DEFAULT);
        assertTrue(hex.startsWith("d0080118", 46), hex.substring(0, 60));
        final UpdateMessage back = WireHex.decodeUpdate(hex, WireOptions.DEFAULT);
        assertEquals(70, ((Communities)back.attributes().get(0)).communities().size());
        assertEquals(hex, WireHex.encode(back, WireOptions.DEFAULT));
    }

    @Test
    void readsTwoOctetAsPathAndAs4PathFromAnOldSpeaker()
    {
        final String hex = "ffffffffffffffffffffffffffffffff00420200000028400101004002060202fde95ba0400304c0000201" +
            "c011060201fa56ea01c01208fa56ea01c0000201100a02";
        final WireOptions twoOctet = WireOptions.DEFAULT.withFourOctetAs(false);
        final UpdateMessage update = WireHex.decodeUpdate(hex, twoOctet);
        assertEquals("AS_PATH [65001 23456]", update.attribute(AttributeType.AS_PATH).toString());
        assertEquals("AS4_PATH [4200000001]", update.attribute(AttributeType.AS4_PATH).toString());
        assertEquals(hex, WireHex.encode(update, twoOctet));
        assertInstanceOf(MalformedAttribute.class, WireHex.decodeUpdate(hex, WireOptions.DEFAULT)
            .attribute(AttributeType.AS_PATH), "6 octets are not whole 4-octet ASNs");
    }

    @Test
    void buildsAttributesWithTheirUsualFlags()
    {
        assertEquals(AttributeFlags.WELL_KNOWN, new Origin(Origin.IGP).flags());
        assertEquals(AttributeFlags.OPTIONAL_NON_TRANSITIVE, new MultiExitDisc(5).flags());
        assertEquals(AttributeFlags.OPTIONAL_TRANSITIVE, new ExtendedCommunities(List.of(
            ExtendedCommunity.routeTarget(65000, 100))).flags());
        assertEquals("rt 65000:100", ExtendedCommunity.routeTarget(65000, 100).toString());
        assertEquals("rt 192.0.2.1:7", ExtendedCommunity.routeTargetIpv4(0xC0000201, 7).toString());
        assertEquals("rt 4200000001:7", ExtendedCommunity.routeTargetAs4(4200000001L, 7).toString());
    }
}
