package net.srv6epe.bgp.wire.error;

import net.srv6epe.bgp.wire.WireHex;
import net.srv6epe.bgp.wire.WireOptions;
import net.srv6epe.bgp.wire.attribute.AttributeType;
import net.srv6epe.bgp.wire.attribute.PathAttribute;
import net.srv6epe.bgp.wire.message.NotificationMessage;
import net.srv6epe.bgp.wire.message.UpdateMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UpdateValidatorTest
{
    private final UpdateValidator internal = new UpdateValidator(false);
    private final UpdateValidator external = new UpdateValidator(true);

    /** Well-formed UPDATEs: valid, and they re-encode byte-exact. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "ipv4-all-attributes | ffffffffffffffffffffffffffffffff00990200030cac1000784001010040021002020000fde90000fdea01010000fdeb400304c000020180040400000064400504000000c8400600c007080000fde9c0000209c00808fde80064ffffff01800904c0000207800a08c0000264c0000265c010180002fde8000000640102c000020100070202fa56ea010007c06303010203080a18c0a80100",
        "end-of-rib-ipv4 | ffffffffffffffffffffffffffffffff00170200000000",
        "ipv6-next-hop-16 | ffffffffffffffffffffffffffffffff004d0200000036800e260002011020010db8000000000000000000000001003020010db800014020010db800020003004001010040020602010000fde9",
        "ipv6-next-hop-32 | ffffffffffffffffffffffffffffffff004d0200000036800e2c0002012020010db8000000000000000000000001fe800000000000000000000000000001003020010db8000140010102400200",
        "ipv6-withdraw | ffffffffffffffffffffffffffffffff0035020000001e800f1b0002013020010db800018020010db8ffff00000000000000000001",
        "end-of-rib-vpnv6 | ffffffffffffffffffffffffffffffff001d0200000006800f03000280",
        "vpnv6-withdraw | ffffffffffffffffffffffffffffffff0031020000001a800f17000280988000000000fde80000006420010db800010000",
        "vpnv6-gobgp | ffffffffffffffffffffffffffffffff008c02000000754001010040020040050400000064800e3100028018000000000000000020010db800000000000000000000000100980000310000fde80000006420010db800010000c010080002fde800000064c028250500220001001e00fd00000000000001001200000000000000001200010006281810000000",
        "vpnv6-frr | ffffffffffffffffffffffffffffffff00bf02000000a8800e5d00028030000000000000000020010db80000000000000000000000020000000000000000fe80000000000000000000000000000200980100010000fde80000006420010db800010000980100010000fde80000006420010db800020000400101024002008004040000000040050400000064c010080002fde800000064c028250500220001001e0020010db800010001000000000000000000ffff00010006281810001040",
        "as-path-extended-length | ffffffffffffffffffffffffffffffff002e0200000015400101005002000602010000fde9400304c0000201080a",
        "unknown-optional-transitive-partial | ffffffffffffffffffffffffffffffff0032020000001840010100400206020100000001400304c0000201e0c801aa100a01",
    })
    void acceptsWellFormedUpdates(final String name, final String hex)
    {
        final UpdateMessage update = WireHex.decodeUpdate(hex, WireOptions.DEFAULT);
        final ValidationResult result = internal.validate(update);
        assertTrue(result.isValid(), result::toString);
        assertEquals(ErrorAction.NONE, result.action());
        assertNull(result.notification());
        assertEquals(hex, WireHex.encode(update, WireOptions.DEFAULT));
    }

    /**
     * Malformed UPDATEs: the strongest RFC 7606 action, the attribute it names, the reason, and for a session
     * reset the NOTIFICATION code/subcode.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "origin-length | ffffffffffffffffffffffffffffffff002e0200000015400102000040020602010000fde9400304c0000201080a | treat-as-withdraw | ORIGIN | length 2, expected 1 | -",
        "origin-value | ffffffffffffffffffffffffffffffff002d02000000144001010340020602010000fde9400304c0000201080a | treat-as-withdraw | ORIGIN | undefined value 3 | -",
        "aspath-segment-type | ffffffffffffffffffffffffffffffff002d020000001440010100400206050100000001400304c0000201080a | treat-as-withdraw | AS_PATH | undefined segment type 5 | -",
        "aspath-overrun | ffffffffffffffffffffffffffffffff002d020000001440010100400206020200000001400304c0000201080a | treat-as-withdraw | AS_PATH | segment of 2 4-octet AS numbers: needs 8 octets, 4 left | -",
        "aspath-empty-segment | ffffffffffffffffffffffffffffffff00290200000010400101004002020200400304c0000201080a | treat-as-withdraw | AS_PATH | empty segment | -",
        "nexthop-length | ffffffffffffffffffffffffffffffff002e02000000154001010040020602010000fde9400305c000020100080a | treat-as-withdraw | NEXT_HOP | length 5, expected 4 | -",
        "med-length | ffffffffffffffffffffffffffffffff0033020000001a4001010040020602010000fde9400304c0000201800403000001080a | treat-as-withdraw | MULTI_EXIT_DISC | length 3, expected 4 | -",
        "localpref-length | ffffffffffffffffffffffffffffffff0033020000001a4001010040020602010000fde9400304c0000201400503000001080a | treat-as-withdraw | LOCAL_PREF | length 3, expected 4 | -",
        "atomic-length | ffffffffffffffffffffffffffffffff003102000000184001010040020602010000fde9400304c000020140060101080a | attribute-discard | ATOMIC_AGGREGATE | length 1, expected 0 | -",
        "aggregator-length | ffffffffffffffffffffffffffffffff0036020000001d4001010040020602010000fde9400304c0000201c00706fde9c0000209080a | attribute-discard | AGGREGATOR | length 6, expected 8 | -",
        "communities-length | ffffffffffffffffffffffffffffffff0035020000001c4001010040020602010000fde9400304c0000201c008050000000000080a | treat-as-withdraw | COMMUNITIES | length 5 is not a non-zero multiple of 4 | -",
        "originator-length | ffffffffffffffffffffffffffffffff0033020000001a4001010040020602010000fde9400304c0000201800903000000080a | treat-as-withdraw | ORIGINATOR_ID | length 3, expected 4 | -",
        "cluster-length | ffffffffffffffffffffffffffffffff003002000000174001010040020602010000fde9400304c0000201800a00080a | treat-as-withdraw | CLUSTER_LIST | length 0 is not a non-zero multiple of 4 | -",
        "extcomm-length | ffffffffffffffffffffffffffffffff0037020000001e4001010040020602010000fde9400304c0000201c0100700000000000000080a | treat-as-withdraw | EXTENDED_COMMUNITIES | length 7 is not a multiple of 8 | -",
        "as4path-malformed | ffffffffffffffffffffffffffffffff0036020000001d4001010040020602010000fde9400304c0000201c01106090100000001080a | attribute-discard | AS4_PATH | undefined segment type 9 | -",
        "missing-origin | ffffffffffffffffffffffffffffffff0029020000001040020602010000fde9400304c0000201080a | treat-as-withdraw | ORIGIN | missing | -",
        "missing-aspath | ffffffffffffffffffffffffffffffff0024020000000b40010100400304c0000201080a | treat-as-withdraw | AS_PATH | missing | -",
        "missing-nexthop | ffffffffffffffffffffffffffffffff0026020000000d4001010040020602010000fde9080a | treat-as-withdraw | NEXT_HOP | missing | -",
        "mp-missing-origin | ffffffffffffffffffffffffffffffff0054020000003d800e3100028018000000000000000020010db800000000000000000000000100980000310000fde80000006420010db80001000040020602010000fde9 | treat-as-withdraw | ORIGIN | missing | -",
        "mp-duplicate-reach | ffffffffffffffffffffffffffffffff008c0200000075800e3100028018000000000000000020010db800000000000000000000000100980000310000fde80000006420010db800010000800e3100028018000000000000000020010db800000000000000000000000100980000310000fde80000006420010db8000100004001010040020602010000fde9 | session-reset | MP_REACH_NLRI | appears more than once | 3/1",
        "mp-duplicate-unreach | ffffffffffffffffffffffffffffffff0023020000000c800f03000201800f03000201 | session-reset | MP_UNREACH_NLRI | appears more than once | 3/1",
        "duplicate-med | ffffffffffffffffffffffffffffffff003b02000000224001010040020602010000fde9400304c00002018004040000000180040400000002080a | attribute-discard | MULTI_EXIT_DISC | duplicate, all but the first discarded | -",
        "mp-nexthop-length | ffffffffffffffffffffffffffffffff0042020000002b800e1b0002011120010db800000000000000000000000100002020010db84001010040020602010000fde9 | session-reset | MP_REACH_NLRI | next hop length 17 invalid for ipv6-unicast: NLRI cannot be located | 3/9",
        "mp-nexthop-overrun | ffffffffffffffffffffffffffffffff0033020000001c800e0c0002011020010db8000000004001010040020602010000fde9 | session-reset | MP_REACH_NLRI | next hop length 16 overruns attribute length 12 | 3/9",
        "mp-short | ffffffffffffffffffffffffffffffff002b0200000014800e04000201004001010040020602010000fde9 | session-reset | MP_REACH_NLRI | length 4 < 5: NLRI cannot be located | 3/9",
        "mp-prefix-length | ffffffffffffffffffffffffffffffff004e0200000037800e270002011020010db8000000000000000000000001008100000000000000000000000000000000004001010040020602010000fde9 | session-reset | MP_REACH_NLRI | IPv6 prefix length 129 > 128 | 3/10",
        "mp-prefix-overrun | ffffffffffffffffffffffffffffffff003f0200000028800e180002011020010db8000000000000000000000001004020014001010040020602010000fde9 | session-reset | MP_REACH_NLRI | IPv6 prefix /64: needs 8 octets, 2 left | 3/10",
        "vpn-no-rd | ffffffffffffffffffffffffffffffff004f0200000038800e2800028018000000000000000020010db80000000000000000000000010050000031000000000000004001010040020602010000fde9 | session-reset | MP_REACH_NLRI | VPN-IPv6 prefix of 80 bits: no room for the RD | 3/10",
        "vpn-prefix-too-long | ffffffffffffffffffffffffffffffff0061020000004a800e3a00028018000000000000000020010db800000000000000000000000100d9000031000000010000000100000000000000000000000000000000004001010040020602010000fde9 | session-reset | MP_REACH_NLRI | VPN-IPv6 prefix length 129 > 128 | 3/10",
        "unreach-short | ffffffffffffffffffffffffffffffff001c0200000005800f020002 | session-reset | MP_UNREACH_NLRI | length 2 < 3 | 3/9",
        "psid-tlv-overrun | ffffffffffffffffffffffffffffffff0062020000004b800e3100028018000000000000000020010db800000000000000000000000100980000310000fde80000006420010db8000100004001010040020602010000fde9c0280705002800000000 | treat-as-withdraw | BGP Prefix-SID | Prefix-SID TLV 5: needs 40 octets, 4 left | -",
        "psid-sidinfo-short | ffffffffffffffffffffffffffffffff0076020000005f800e3100028018000000000000000020010db800000000000000000000000100980000310000fde80000006420010db8000100004001010040020602010000fde9c0281b050018000100140000000000000000000000000000000000000000 | treat-as-withdraw | BGP Prefix-SID | SRv6 SID Information length 20 < 21 | -",
        "psid-structure-length | ffffffffffffffffffffffffffffffff007f0200000068800e3100028018000000000000000020010db800000000000000000000000100980000310000fde80000006420010db8000100004001010040020602010000fde9c028240500210001001d00fd000000000000000000000000000000000012000100052818100000 | treat-as-withdraw | BGP Prefix-SID | SRv6 SID Structure length 5, expected 6 | -",
        "psid-transposition-range | ffffffffffffffffffffffffffffffff00800200000069800e3100028018000000000000000020010db800000000000000000000000100980000310000fde80000006420010db8000100004001010040020602010000fde9c028250500220001001e00fd00000000000000000000000000000000001200010006281810001078 | treat-as-withdraw | BGP Prefix-SID | transposition offset 120 + length 16 > 128 | -",
        "psid-label-index-length | ffffffffffffffffffffffffffffffff0061020000004a800e3100028018000000000000000020010db800000000000000000000000100980000310000fde80000006420010db8000100004001010040020602010000fde9c02806010003000000 | treat-as-withdraw | BGP Prefix-SID | Label-Index TLV length 3, expected 7 | -",
        "flags-origin-optional | ffffffffffffffffffffffffffffffff002d0200000014c001010040020602010000fde9400304c0000201080a | treat-as-withdraw | ORIGIN | flags OT, expected T | -",
        "flags-mpreach-transitive | ffffffffffffffffffffffffffffffff00580200000041c00e3100028018000000000000000020010db800000000000000000000000100980000310000fde80000006420010db8000100004001010040020602010000fde9 | session-reset | MP_REACH_NLRI | flags OT, expected O | 3/4",
        "flags-aggregator | ffffffffffffffffffffffffffffffff0038020000001f4001010040020602010000fde9400304c00002014007080000fde9c0000209080a | attribute-discard | AGGREGATOR | flags T, expected OT | -",
        "unknown-well-known | ffffffffffffffffffffffffffffffff003102000000184001010040020602010000fde9400304c000020140630101080a | session-reset | type 99 | unrecognized well-known attribute | 3/2",
        "withdrawn-overrun | ffffffffffffffffffffffffffffffff001702000a080a | session-reset | UPDATE | Withdrawn Routes Length 10 leaves no room | 3/1",
        "attrlen-overrun | ffffffffffffffffffffffffffffffff001b020000003240010100 | session-reset | UPDATE | Total Path Attribute Length 50 runs 46 octets past the message | 3/1",
        "attr-overrun | ffffffffffffffffffffffffffffffff002902000000104001010040020602010000fde9400304080a | treat-as-withdraw | UPDATE | NEXT_HOP length 4 runs past the path attributes (0 left) | -",
        "attr-header-short | ffffffffffffffffffffffffffffffff0028020000000f4001010040020602010000fde94003080a | treat-as-withdraw | UPDATE | 2 octets left for an attribute header of 3 | -",
        "nlri-length | ffffffffffffffffffffffffffffffff003102000000144001010040020602010000fde9400304c0000201210a00000000 | session-reset | UPDATE | NLRI: IPv4 prefix length 33 > 32 | 3/10",
        "nlri-overrun | ffffffffffffffffffffffffffffffff002e02000000144001010040020602010000fde9400304c0000201180a00 | session-reset | UPDATE | NLRI: IPv4 prefix /24: needs 3 octets, 2 left | 3/10",
        "withdrawn-length | ffffffffffffffffffffffffffffffff001d020006280a000000000000 | session-reset | UPDATE | withdrawn routes: IPv4 prefix length 40 > 32 | 3/10",
        "strongest-reset | ffffffffffffffffffffffffffffffff008c0200000075800e3100028018000000000000000020010db800000000000000000000000100980000310000fde80000006420010db800010000800e3100028018000000000000000020010db800000000000000000000000100980000310000fde80000006420010db80001000040010100400206070100000001 | session-reset | MP_REACH_NLRI | appears more than once | 3/1",
        "nexthop-zero | ffffffffffffffffffffffffffffffff002d02000000144001010040020602010000fde940030400000000080a | treat-as-withdraw | NEXT_HOP | martian address NEXT_HOP 0.0.0.0 | -",
        "nexthop-multicast | ffffffffffffffffffffffffffffffff002d02000000144001010040020602010000fde9400304e0000005080a | treat-as-withdraw | NEXT_HOP | martian address NEXT_HOP 224.0.0.5 | -",
        "strongest-taw | ffffffffffffffffffffffffffffffff003102000000184001010940020602010000fde9400304c0000201c0070100080a | treat-as-withdraw | ORIGIN | undefined value 9 | -",
    })
    void mapsEachMalformationToItsRfc7606Action(final String name, final String hex, final String action,
        final String subject, final String reason, final String notification)
    {
        final ValidationResult result = internal.validate(WireHex.decodeUpdate(hex, WireOptions.DEFAULT));
        final UpdateError strongest = result.strongest();
        assertEquals(action, result.action().toString(), result::toString);
        assertEquals(subject, strongest.subject(), result::toString);
        assertTrue(strongest.reason().contains(reason), () -> strongest.reason() + " lacks " + reason);
        assertTrue(strongest.toString().startsWith(action + ": " + subject + ": "), strongest::toString);
        final NotificationMessage sent = result.notification();
        if ("-".equals(notification))
        {
            assertNull(sent);
        }
        else
        {
            assertEquals(notification, sent.code() + "/" + sent.subcode(), result::toString);
        }
    }

    @Test
    void putsTheErroneousAttributeInTheNotificationData()
    {
        final ValidationResult result = internal.validate(WireHex.decodeUpdate("ffffffffffffffffffffffffffffffff" +
            "003102000000184001010040020602010000fde9400304c000020140630101080a", WireOptions.DEFAULT));
        assertEquals("40630101", WireHex.hex(result.notification().data()));
        assertEquals(ErrorSubcode.UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE.subcode(), result.notification().subcode());
    }

    @Test
    void keepsAllButTheDiscardedAttributes()
    {
        // ORIGIN, AS_PATH, NEXT_HOP, MED, MED (duplicate), ATOMIC_AGGREGATE of length 1
        final UpdateMessage update = WireHex.decodeUpdate("ffffffffffffffffffffffffffffffff003f02000000264001010040" +
            "020602010000fde9400304c0000201800404000000018004040000000240060101080a", WireOptions.DEFAULT);
        final ValidationResult result = internal.validate(update);
        assertEquals(ErrorAction.ATTRIBUTE_DISCARD, result.action(), result::toString);
        assertEquals(2, result.errors().size(), result::toString);
        final List<PathAttribute> kept = result.keptAttributes(update);
        assertEquals(4, kept.size());
        assertEquals("MED 1", kept.get(3).toString());
    }

    @Test
    void discardsIbgpOnlyAttributesFromExternalPeers()
    {
        final String hex = "ffffffffffffffffffffffffffffffff0046020000002d4001010040020602010000fde9400304c0000201" +
            "40050400000064800904c0000207800a08c0000264c0000265080a";
        final UpdateMessage update = WireHex.decodeUpdate(hex, WireOptions.DEFAULT);
        assertTrue(internal.validate(update).isValid());
        final ValidationResult result = external.validate(update);
        assertEquals(ErrorAction.ATTRIBUTE_DISCARD, result.action());
        assertEquals(List.of(AttributeType.LOCAL_PREF, AttributeType.ORIGINATOR_ID, AttributeType.CLUSTER_LIST),
            result.errors().stream().map(UpdateError::attributeType).toList());
        assertEquals(3, result.keptAttributes(update).size());
    }

    @Test
    void keepsTheStrongestOfSeveralFindings()
    {
        final ValidationResult result = new ValidationResult(List.of(
            new UpdateError(ErrorAction.ATTRIBUTE_DISCARD, 7, 3, ErrorSubcode.ATTRIBUTE_LENGTH_ERROR, new byte[0], "a"),
            new UpdateError(ErrorAction.SESSION_RESET, 14, 0, ErrorSubcode.MALFORMED_ATTRIBUTE_LIST, new byte[0], "b"),
            new UpdateError(ErrorAction.TREAT_AS_WITHDRAW, 2, 1, ErrorSubcode.MALFORMED_AS_PATH, new byte[0], "c")));
        assertEquals(ErrorAction.SESSION_RESET, result.action());
        assertEquals("b", result.strongest().reason());
        assertEquals("NOTIFICATION 3/1 UPDATE Message Error / Malformed Attribute List",
            result.notification().toString());
    }

    /** RFC 4271 6.3 / RFC 7606 7.2 / RFC 5065 5: AS_PATH rules that need to know the session is eBGP. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "leftmost-is-peer | 65001 | ffffffffffffffffffffffffffffffff002d02000000144001010040020602010000fde9400304c0000201080a | none | ''",
        "route-server-any-peer | -1 | ffffffffffffffffffffffffffffffff002d02000000144001010040020602010000fde9400304c0000201080a | none | ''",
        "leftmost-is-not-peer | 65002 | ffffffffffffffffffffffffffffffff002d02000000144001010040020602010000fde9400304c0000201080a | treat-as-withdraw | leftmost AS 65001 is not the peer AS 65002",
        "empty-from-external | 65001 | ffffffffffffffffffffffffffffffff0027020000000e40010100400200400304c0000201080a | treat-as-withdraw | does not start with the peer AS 65001",
        "confederation-from-external | -1 | ffffffffffffffffffffffffffffffff0033020000001a4001010040020c03010000fc0002010000fde9400304c0000201080a | treat-as-withdraw | confederation segment (64512) from an external peer",
    })
    void checksTheAsPathOfExternalPeers(final String name, final long peerAs, final String hex, final String action,
        final String reason)
    {
        final UpdateMessage update = WireHex.decodeUpdate(hex, WireOptions.DEFAULT);
        assertTrue(internal.validate(update).isValid());
        final ValidationResult result = new UpdateValidator(true, peerAs, WireOptions.DEFAULT).validate(update);
        assertEquals(action, result.action().toString(), result::toString);
        if (!reason.isEmpty())
        {
            assertEquals("AS_PATH", result.strongest().subject());
            assertEquals(reason, result.strongest().reason());
        }
    }
}
