package net.srv6epe.bgp.wire.prefixsid;

import net.srv6epe.bgp.wire.WireHex;
import net.srv6epe.bgp.wire.WireOptions;
import net.srv6epe.bgp.wire.attribute.AsPath;
import net.srv6epe.bgp.wire.attribute.ExtendedCommunities;
import net.srv6epe.bgp.wire.attribute.ExtendedCommunity;
import net.srv6epe.bgp.wire.attribute.LocalPref;
import net.srv6epe.bgp.wire.attribute.MpReachNlri;
import net.srv6epe.bgp.wire.attribute.MultiExitDisc;
import net.srv6epe.bgp.wire.attribute.Origin;
import net.srv6epe.bgp.wire.attribute.PathAttribute;
import net.srv6epe.bgp.wire.error.UpdateValidator;
import net.srv6epe.bgp.wire.message.UpdateMessage;
import net.srv6epe.bgp.wire.nlri.MplsLabel;
import net.srv6epe.bgp.wire.nlri.Nlri;
import net.srv6epe.bgp.wire.nlri.RouteDistinguisher;
import net.srv6epe.bgp.wire.nlri.VpnIpv6Prefix;
import net.srv6epe.bgp.wire.nlri.Ipv6Prefix;
import net.srv6epe.srv6.Behavior;
import net.srv6epe.srv6.Ipv6Address;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrefixSidTest
{
    /**
     * A VPNv6 route as GoBGP sends it: attributes sorted by type code, 24-octet next hop (zero RD + global),
     * the whole SID in the SRv6 L3 Service TLV (End.DT6, structure 40/24/16/0, no transposition), label 3.
     */
    static final String GOBGP_VPNV6 = "ffffffffffffffffffffffffffffffff008c0200000075" +
        "40010100" + "400200" + "40050400000064" +
        "800e31" + "000280" + "18" + "0000000000000000" + "20010db8000000000000000000000001" + "00" +
        "98" + "000031" + "0000fde800000064" + "20010db800010000" +
        "c01008" + "0002fde800000064" +
        "c02825" + "050022" + "00" + "01001e" + "00" + "fd000000000000010012000000000000" + "00" + "0012" + "00" +
        "010006" + "281810000000";

    /**
     * A VPNv6 UPDATE as FRR 8.4 sends it to a directly connected peer: MP_REACH_NLRI first, 48-octet next hop
     * (RD + global + RD + link-local), behavior 0xFFFF, transposition 16 bits at offset 64 (the function rides
     * in the label, bottom-of-stack set), two routes sharing one SID.
     */
    static final String FRR_VPNV6 = "ffffffffffffffffffffffffffffffff00bf02000000a8" +
        "800e5d" + "000280" + "30" + "0000000000000000" + "20010db8000000000000000000000002" +
        "0000000000000000" + "fe800000000000000000000000000002" + "00" +
        "98" + "010001" + "0000fde800000064" + "20010db800010000" +
        "98" + "010001" + "0000fde800000064" + "20010db800020000" +
        "40010102" + "400200" + "80040400000000" + "40050400000064" +
        "c01008" + "0002fde800000064" +
        "c02825" + "050022" + "00" + "01001e" + "00" + "20010db8000100010000000000000000" + "00" + "ffff" + "00" +
        "010006" + "281810001040";

    private static final RouteDistinguisher RD = RouteDistinguisher.as2(65000, 100);

    @Test
    void readsTheWholeSidGoBgpSends()
    {
        final UpdateMessage update = WireHex.decodeUpdate(GOBGP_VPNV6, WireOptions.DEFAULT);
        assertTrue(new UpdateValidator(false).validate(update).isValid());
        final Srv6SidInformation info = update.prefixSid().l3ServiceSid();
        assertEquals(Behavior.END_DT6, Srv6EndpointBehaviorCode.behavior(info.endpointBehavior()));
        final VpnIpv6Prefix route = (VpnIpv6Prefix)update.mpReach().nlri().get(0);
        assertEquals("[65000:100]2001:db8:1::/64 label 3 (0x000031)", route.toString());
        assertEquals(Srv6Sid.parse("fd00:0:0:1:12::"), SidTransposition.fullSid(info, route.label()));
        assertEquals("2001:db8::1", Ipv6Address.format(update.mpReach().nextHopHi(), update.mpReach().nextHopLo()));
    }

    @Test
    void reconstructsTheTransposedSidFrrSends()
    {
        final UpdateMessage update = WireHex.decodeUpdate(FRR_VPNV6, WireOptions.DEFAULT);
        assertTrue(new UpdateValidator(false).validate(update).isValid());
        final Srv6SidInformation info = update.prefixSid().l3ServiceSid();
        assertEquals(Srv6EndpointBehaviorCode.OPAQUE, info.endpointBehavior());
        assertNull(Srv6EndpointBehaviorCode.behavior(info.endpointBehavior()));
        assertEquals("sid 2001:db8:1:1:: behavior opaque structure lbl 40 lnl 24 fl 16 al 0 tl 16 to 64",
            info.toString());
        assertTrue(update.mpReach().hasLinkLocalNextHop());
        assertEquals("fe80::2", Ipv6Address.format(update.mpReach().linkLocalHi(), update.mpReach().linkLocalLo()));
        for (final Nlri nlri : update.mpReach().nlri())
        {
            final VpnIpv6Prefix route = (VpnIpv6Prefix)nlri;
            assertEquals(0x100, MplsLabel.value(route.label()) >>> 4, "function 0x0100 in the top 16 label bits");
            assertEquals(Srv6Sid.parse("2001:db8:1:1:100::"), SidTransposition.fullSid(info, route.label()));
        }
    }

    @Test
    void encodesTheNonTransposedFormAsGoBgpDoes()
    {
        final Srv6SidStructure structure = new Srv6SidStructure(40, 24, 16, 0, 0, 0);
        final TransposedSid wire = SidTransposition.split(Srv6Sid.parse("fd00:0:0:1:12::"), structure,
            MplsLabel.bottomOfStack(3));
        final UpdateMessage update = UpdateMessage.of(List.<PathAttribute>of(
            new Origin(Origin.IGP), new AsPath(List.of()), new LocalPref(100),
            MpReachNlri.vpnIpv6(Ipv6Address.parseHi("2001:db8::1"), Ipv6Address.parseLo("2001:db8::1"),
                List.of(new VpnIpv6Prefix(wire.labelField(), RD, Ipv6Prefix.parse("2001:db8:1::/64")))),
            new ExtendedCommunities(List.of(ExtendedCommunity.routeTarget(65000, 100))),
            PrefixSid.srv6L3Service(new Srv6SidInformation(wire.attributeSid(), Srv6EndpointBehaviorCode.END_DT6,
                structure))));
        assertEquals(GOBGP_VPNV6, WireHex.encode(update, WireOptions.DEFAULT));
    }

    @Test
    void encodesTheTransposedFormAsFrrDoes()
    {
        final Srv6SidStructure structure = new Srv6SidStructure(40, 24, 16, 0, 16, 64);
        final TransposedSid wire = SidTransposition.split(Srv6Sid.parse("2001:db8:1:1:100::"), structure, 0);
        assertEquals("sid 2001:db8:1:1:: label 4096 (0x010001)", wire.toString());
        final UpdateMessage update = UpdateMessage.of(List.<PathAttribute>of(
            MpReachNlri.vpnIpv6(Ipv6Address.parseHi("2001:db8::2"), Ipv6Address.parseLo("2001:db8::2"),
                Ipv6Address.parseHi("fe80::2"), Ipv6Address.parseLo("fe80::2"), List.of(
                    new VpnIpv6Prefix(wire.labelField(), RD, Ipv6Prefix.parse("2001:db8:1::/64")),
                    new VpnIpv6Prefix(wire.labelField(), RD, Ipv6Prefix.parse("2001:db8:2::/64")))),
            new Origin(Origin.INCOMPLETE), new AsPath(List.of()), new MultiExitDisc(0), new LocalPref(100),
            new ExtendedCommunities(List.of(ExtendedCommunity.routeTarget(65000, 100))),
            PrefixSid.srv6L3Service(new Srv6SidInformation(wire.attributeSid(), Srv6EndpointBehaviorCode.OPAQUE,
                structure))));
        assertEquals(FRR_VPNV6, WireHex.encode(update, WireOptions.DEFAULT));
    }

    /** Seeded property: split then reconstruct gives the SID back, for any structure that fits. */
    @ParameterizedTest
    @ValueSource(longs = { 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597 })
    void splittingAndReconstructingIsIdentity(final long seed)
    {
        final Random random = new Random(seed);
        for (int i = 0; i < 200; i++)
        {
            final Srv6Sid sid = new Srv6Sid(random.nextLong(), random.nextLong());
            final int tl = random.nextInt(SidTransposition.MAX_ENCODED_TRANSPOSITION_LENGTH + 1);
            final int to = random.nextInt(128 - tl + 1);
            final Srv6SidStructure structure = new Srv6SidStructure(40, 24, 16, 0, tl, to);
            final TransposedSid wire = SidTransposition.split(sid, structure, MplsLabel.bottomOfStack(3));
            assertEquals(0, wire.attributeSid().bits(to, tl), "transposed bits are zero in the attribute");
            if (tl > 0)
            {
                assertEquals(MplsLabel.BOTTOM_OF_STACK, wire.labelField() & MplsLabel.BOTTOM_OF_STACK);
            }
            assertEquals(sid, SidTransposition.fullSid(wire.attributeSid(), structure, wire.labelField()),
                () -> sid + " " + structure);
        }
    }

    @Test
    void refusesToTransposeMoreThanTheLabelValueHolds()
    {
        assertThrows(IllegalArgumentException.class, () -> SidTransposition.split(Srv6Sid.parse("fd00::1"),
            new Srv6SidStructure(40, 24, 24, 0, 24, 64), 0));
    }

    @Test
    void namesBehaviorsByTheirIanaCodepoint()
    {
        assertEquals("End.DT6", Srv6EndpointBehaviorCode.name(18));
        assertEquals("End.DT4", Srv6EndpointBehaviorCode.name(19));
        assertEquals("End.DT46", Srv6EndpointBehaviorCode.name(20));
        assertEquals("End.DX6", Srv6EndpointBehaviorCode.name(16));
        assertEquals("End.DX2", Srv6EndpointBehaviorCode.name(21));
        assertEquals("opaque", Srv6EndpointBehaviorCode.name(0xFFFF));
        for (final Behavior b : Behavior.values())
        {
            if (b.isEndpoint())
            {
                assertEquals(b, Srv6EndpointBehaviorCode.behavior(b.ianaCodepoint()));
            }
        }
    }
}
