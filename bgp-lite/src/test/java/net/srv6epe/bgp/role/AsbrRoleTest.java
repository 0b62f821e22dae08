package net.srv6epe.bgp.role;

import net.srv6epe.bgp.event.EventStamper;
import net.srv6epe.bgp.event.RouteEvent;
import net.srv6epe.bgp.event.RouteEventRing;
import net.srv6epe.bgp.rib.RibPeer;
import net.srv6epe.bgp.rib.TestRoutes.RecordingSink;
import net.srv6epe.bgp.wire.WireOptions;
import net.srv6epe.bgp.wire.attribute.AsPath;
import net.srv6epe.bgp.wire.attribute.AttributeType;
import net.srv6epe.bgp.wire.attribute.ExtendedCommunities;
import net.srv6epe.bgp.wire.attribute.LocalPref;
import net.srv6epe.bgp.wire.attribute.MpReachNlri;
import net.srv6epe.bgp.wire.attribute.MpUnreachNlri;
import net.srv6epe.bgp.wire.error.UpdateValidator;
import net.srv6epe.bgp.wire.error.ValidationResult;
import net.srv6epe.bgp.wire.message.BgpMessage;
import net.srv6epe.bgp.wire.message.BgpMessageCodec;
import net.srv6epe.bgp.wire.message.MessageDecodeException;
import net.srv6epe.bgp.wire.message.UpdateMessage;
import net.srv6epe.bgp.wire.nlri.AddressFamily;
import net.srv6epe.bgp.wire.nlri.MplsLabel;
import net.srv6epe.bgp.wire.nlri.Nlri;
import net.srv6epe.bgp.wire.nlri.RouteDistinguisher;
import net.srv6epe.bgp.wire.nlri.VpnIpv6Prefix;
import net.srv6epe.bgp.wire.prefixsid.SidTransposition;
import net.srv6epe.bgp.wire.prefixsid.Srv6EndpointBehaviorCode;
import net.srv6epe.bgp.wire.prefixsid.Srv6Sid;
import net.srv6epe.bgp.wire.prefixsid.Srv6SidInformation;
import net.srv6epe.bgp.wire.prefixsid.Srv6SidStructure;
import net.srv6epe.srv6.Behavior;
import net.srv6epe.srv6.Ipv6Address;
import net.srv6epe.vrf.route.RouteAction;
import net.srv6epe.vrf.sid.LocalSid;
import org.agrona.ExpandableArrayBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static net.srv6epe.bgp.rib.TestRoutes.RT_A;
import static net.srv6epe.bgp.rib.TestRoutes.RT_B;
import static net.srv6epe.bgp.rib.TestRoutes.basic;
import static net.srv6epe.bgp.rib.TestRoutes.unicast;
import static net.srv6epe.bgp.rib.TestRoutes.unicastWithdraw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AsbrRoleTest
{
    static final RouteDistinguisher RD_A = RouteDistinguisher.as2(65000, 101);
    static final RouteDistinguisher RD_B = RouteDistinguisher.as2(65000, 102);

    /** A SID sink that keeps the installed SIDs by text. */
    static final class RecordingSids implements LocalSidSink
    {
        final Map<String, LocalSid> sids = new LinkedHashMap<>();

        @Override
        public void install(final LocalSid sid, final String cause)
        {
            sids.put(sid.sidText(), sid);
        }

        @Override
        public void remove(final long sidHi, final long sidLo, final String cause)
        {
            sids.remove(Ipv6Address.format(sidHi, sidLo));
        }
    }

    static AsbrConfig config(final boolean transposition, final Behavior behaviorB)
    {
        return AsbrConfig.of("fd00:ff::1", SidLocator.of("fc00:0:1::/48", 32, 16), transposition, List.of(
            EgressPeer.of("fd00:a::2", "peer-a", RD_A, List.of(RT_A), Behavior.END_DT6, "fd00:a::2", "eth1"),
            EgressPeer.of("fd00:b::2", "peer-b", RD_B, List.of(RT_B), behaviorB, "fd00:b::2", "eth2")));
    }

    final RecordingSink sink = new RecordingSink();
    final RecordingSids sids = new RecordingSids();
    final RouteEventRing ring = new RouteEventRing(1000, null);
    AsbrRole role;
    int peerA;
    int peerB;
    int rr;

    void start(final boolean transposition, final Behavior behaviorB)
    {
        role = new AsbrRole(config(transposition, behaviorB), sink, sids,
            new EventStamper(() -> 1_000L, () -> 2_000L, ring), null);
        peerA = role.addEgressPeer(RibPeer.ipv6("fd00:a::2", 65010, true, 0x0B000001));
        peerB = role.addEgressPeer(RibPeer.ipv6("fd00:b::2", 65020, true, 0x0B000002));
        rr = role.addIbgpPeer(RibPeer.ipv6("fd00::100", 65000, false, 0x0A000064));
        role.start();
    }

    /** Encodes and decodes each UPDATE through the wire layer, checking it validates clean as iBGP. */
    static List<UpdateMessage> roundTrip(final List<UpdateMessage> updates, final WireOptions options)
    {
        final List<UpdateMessage> out = new ArrayList<>();
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(65536);
        for (final UpdateMessage u : updates)
        {
            final int length = BgpMessageCodec.encode(u, buffer, 0, options);
            assertTrue(length <= options.maxMessageLength(), "UPDATE of " + length + " octets");
            final BgpMessage decoded;
            try
            {
                decoded = BgpMessageCodec.decode(buffer, 0, length, options);
            }
            catch (final MessageDecodeException ex)
            {
                throw new AssertionError(ex);
            }
            final UpdateMessage update = (UpdateMessage)decoded;
            assertEquals(ValidationResult.VALID, new UpdateValidator(false, options).validate(update),
                update::toString);
            out.add(update);
        }
        return out;
    }

    @Test
    void allocatesOneSidPerPeerVrfAndReportsLocalSids()
    {
        start(false, Behavior.END_DX6);
        assertEquals(Srv6Sid.parse("fc00:0:1:1::"), role.sid("peer-a"));
        assertEquals(Srv6Sid.parse("fc00:0:1:2::"), role.sid("peer-b"));
        final LocalSid a = sids.sids.get("fc00:0:1:1::");
        assertEquals(Behavior.END_DT6, a.behavior());
        assertEquals("peer-a", a.vrfName());
        final LocalSid b = sids.sids.get("fc00:0:1:2::");
        assertEquals(Behavior.END_DX6, b.behavior());
        assertEquals(Ipv6Address.parseLo("fd00:b::2"), b.nextHopLo());
        assertEquals("eth2", b.port());
        final List<RouteEvent> events = ring.snapshot();
        assertEquals(2, events.size());
        assertEquals(RouteEvent.Kind.SID_INSTALL, events.get(0).kind());
        assertEquals("fc00:0:1:1::", events.get(0).subject());
        role.stop();
        assertTrue(sids.sids.isEmpty());
    }

    @Test
    void explicitFunctionsAreKeptAndAutomaticOnesAvoidThem()
    {
        final AsbrConfig c = AsbrConfig.of("fd00:ff::1", SidLocator.of("fc00:0:1::/48", 32, 16), false, List.of(
            new EgressPeer("fd00:a::2", "peer-a", RD_A, List.of(RT_A), Behavior.END_DT46, 0, 0, 1, "eth1"),
            new EgressPeer("fd00:b::2", "peer-b", RD_B, List.of(RT_B), Behavior.END_DT6, 1, 0, 2, "eth2")));
        final AsbrRole r = new AsbrRole(c, sink, sids, EventStamper.system(null), null);
        assertEquals(Srv6Sid.parse("fc00:0:1:2::"), r.sid("peer-a"));
        assertEquals(Srv6Sid.parse("fc00:0:1:1::"), r.sid("peer-b"));
        assertEquals(Behavior.END_DT46, r.localSid("peer-a").behavior());
    }

    @Test
    void peerRoutesLandInThePeersOwnVrf()
    {
        start(false, Behavior.END_DT46);
        role.onUpdate(peerA, unicast("fe80::1", basic(65010), "2001:db8:1::/48", "2001:db8:2::/48"),
            ValidationResult.VALID);
        role.onUpdate(peerB, unicast("fe80::1", basic(65020), "2001:db8:1::/48"), ValidationResult.VALID);
        assertEquals(2, sink.count("peer-a"));
        assertEquals(1, sink.count("peer-b"));
        assertEquals(RouteAction.via(Ipv6Address.parseHi("fd00:a::2"), Ipv6Address.parseLo("fd00:a::2"), "eth1"),
            sink.route("peer-a", "2001:db8:1::/48"));
        assertEquals(RouteAction.via(Ipv6Address.parseHi("fd00:b::2"), Ipv6Address.parseLo("fd00:b::2"), "eth2"),
            sink.route("peer-b", "2001:db8:1::/48"));
        // routes from the iBGP neighbor are not used
        role.onUpdate(rr, unicast("fd00::100", basic(), "2001:db8:9::/48"), ValidationResult.VALID);
        assertEquals(1, role.ignoredChanges());
    }

    @Test
    void exportDecodesToTheExpectedRdRtSidBehaviorStructureAndNextHopPlain()
    {
        start(false, Behavior.END_DT46);
        role.onUpdate(peerA, unicast("fe80::1", basic(65010, 65099), "2001:db8:1::/48"), ValidationResult.VALID);
        role.onUpdate(peerB, unicast("fe80::1", basic(65020), "2001:db8:2::/48"), ValidationResult.VALID);
        final List<UpdateMessage> updates = roundTrip(role.drainUpdates(WireOptions.DEFAULT), WireOptions.DEFAULT);
        assertEquals(3, updates.size(), "peer-a, peer-b, locator");
        checkVpn(updates.get(0), RD_A, RT_A, "fc00:0:1:1::", Srv6EndpointBehaviorCode.END_DT6, false,
            "2001:db8:1::/48");
        assertEquals(List.of(65010L, 65099L), ((AsPath)updates.get(0).attribute(AttributeType.AS_PATH)).segments()
            .get(0).asns());
        checkVpn(updates.get(1), RD_B, RT_B, "fc00:0:1:2::", Srv6EndpointBehaviorCode.END_DT46, false,
            "2001:db8:2::/48");
        final MpReachNlri locator = updates.get(2).mpReach();
        assertEquals(AddressFamily.IPV6_UNICAST, locator.family());
        assertEquals(16, locator.nextHop().length);
        assertEquals("fd00:ff::1", Ipv6Address.format(locator.nextHopHi(), locator.nextHopLo()));
        assertEquals("[fc00:0:1::/48]", locator.nlri().toString());
        assertFalse(role.hasPendingUpdates());
        assertEquals(List.of(), role.drainUpdates(WireOptions.DEFAULT));
    }

    @Test
    void exportDecodesToTheExpectedSidTransposed()
    {
        start(true, Behavior.END_DT6);
        role.onUpdate(peerB, unicast("fe80::1", basic(65020), "2001:db8:2::/48"), ValidationResult.VALID);
        final List<UpdateMessage> updates = roundTrip(role.drainUpdates(WireOptions.DEFAULT), WireOptions.DEFAULT);
        checkVpn(updates.get(0), RD_B, RT_B, "fc00:0:1:2::", Srv6EndpointBehaviorCode.END_DT6, true,
            "2001:db8:2::/48");
    }

    static void checkVpn(final UpdateMessage update, final RouteDistinguisher rd,
        final net.srv6epe.bgp.wire.attribute.ExtendedCommunity rt, final String sid, final int behavior,
        final boolean transposed, final String... prefixes)
    {
        final MpReachNlri reach = update.mpReach();
        assertEquals(AddressFamily.VPN_IPV6, reach.family());
        assertEquals(24, reach.nextHop().length);
        for (int i = 0; i < 8; i++)
        {
            assertEquals(0, reach.nextHop()[i], "zero RD in the next hop");
        }
        assertEquals("fd00:ff::1", Ipv6Address.format(reach.nextHopHi(), reach.nextHopLo()));
        assertEquals(List.of(rt), ((ExtendedCommunities)update.attribute(AttributeType.EXTENDED_COMMUNITIES))
            .routeTargets());
        assertEquals(100, ((LocalPref)update.attribute(AttributeType.LOCAL_PREF)).preference());
        final Srv6SidInformation info = update.prefixSid().l3ServiceSid();
        assertNotNull(info);
        assertEquals(behavior, info.endpointBehavior());
        final Srv6SidStructure structure = info.structure();
        assertEquals(new Srv6SidStructure(32, 16, 16, 0, transposed ? 16 : 0, transposed ? 48 : 0), structure);
        assertEquals(prefixes.length, reach.nlri().size());
        for (int i = 0; i < prefixes.length; i++)
        {
            final VpnIpv6Prefix p = (VpnIpv6Prefix)reach.nlri().get(i);
            assertEquals(rd, p.rd());
            assertEquals(prefixes[i], p.prefix().toString());
            assertEquals(Srv6Sid.parse(sid), SidTransposition.fullSid(info, p.label()));
            if (transposed)
            {
                assertEquals(Srv6Sid.parse("fc00:0:1::"), info.sid(), "function bits zeroed in the attribute");
                assertTrue((p.label() & MplsLabel.BOTTOM_OF_STACK) != 0);
            }
            else
            {
                assertEquals(Srv6Sid.parse(sid), info.sid());
                assertEquals(MplsLabel.bottomOfStack(3), p.label());
            }
        }
    }

    @Test
    void peerWithdrawalAndSessionLossWithdrawTheVpnRoutesAtOnce()
    {
        start(false, Behavior.END_DT6);
        role.onUpdate(peerA, unicast("fe80::1", basic(65010), "2001:db8:1::/48", "2001:db8:2::/48"),
            ValidationResult.VALID);
        role.onUpdate(peerB, unicast("fe80::1", basic(65020), "2001:db8:3::/48"), ValidationResult.VALID);
        role.drainUpdates(WireOptions.DEFAULT);
        assertEquals(3, role.advertisedCount(AddressFamily.VPN_IPV6));
        assertEquals(1, role.advertisedCount(AddressFamily.IPV6_UNICAST), "the locator");
        assertEquals(0, role.advertisedCount(AddressFamily.IPV4_UNICAST));

        role.onUpdate(peerA, unicastWithdraw("2001:db8:1::/48"), ValidationResult.VALID);
        assertEquals(1, sink.count("peer-a"));
        List<UpdateMessage> updates = roundTrip(role.drainUpdates(WireOptions.DEFAULT), WireOptions.DEFAULT);
        assertEquals(1, updates.size());
        MpUnreachNlri unreach = updates.get(0).mpUnreach();
        assertEquals(AddressFamily.VPN_IPV6, unreach.family());
        assertEquals("[[65000:101]2001:db8:1::/48 label 524288 (0x800000)]", unreach.withdrawn().toString());

        role.onSessionDown(peerB, "peer closed");
        assertEquals(0, sink.count("peer-b"));
        assertEquals(1, sink.count("peer-a"));
        updates = roundTrip(role.drainUpdates(WireOptions.DEFAULT), WireOptions.DEFAULT);
        assertEquals(1, updates.size());
        unreach = updates.get(0).mpUnreach();
        assertEquals(1, unreach.withdrawn().size());
        assertEquals(RD_B, ((VpnIpv6Prefix)unreach.withdrawn().get(0)).rd());
        assertEquals(1, role.exportedCount("peer-a"));
        assertEquals(0, role.exportedCount("peer-b"));
        assertEquals(1, role.advertisedCount(AddressFamily.VPN_IPV6), "one VPNv6 route left");
        final long withdrawEvents = ring.snapshot().stream()
            .filter(e -> e.kind() == RouteEvent.Kind.ROUTE_WITHDRAW).count();
        assertEquals(2, withdrawEvents);
    }

    @Test
    void manyRoutesAreBatchedWithinTheMaximumMessageLength()
    {
        start(true, Behavior.END_DT6);
        final int count = 3000;
        final String[] prefixes = new String[count];
        for (int i = 0; i < count; i++)
        {
            prefixes[i] = "2001:db8:" + Integer.toHexString(i) + "::/48";
        }
        // the peer's own UPDATEs also fit 4096 octets: send in slices
        for (int i = 0; i < count; i += 400)
        {
            final String[] slice = java.util.Arrays.copyOfRange(prefixes, i, Math.min(count, i + 400));
            role.onUpdate(peerA, unicast("fe80::1", basic(65010), slice), ValidationResult.VALID);
        }
        final List<UpdateMessage> updates = roundTrip(role.drainUpdates(WireOptions.DEFAULT), WireOptions.DEFAULT);
        int nlri = 0;
        int vpnUpdates = 0;
        for (final UpdateMessage u : updates)
        {
            if (u.mpReach().family().equals(AddressFamily.VPN_IPV6))
            {
                nlri += u.mpReach().nlri().size();
                vpnUpdates++;
            }
        }
        assertEquals(count, nlri);
        // 3000 NLRI of 18 octets = 54 000 octets: 14 UPDATEs of at most 4096
        assertTrue(vpnUpdates >= 14 && vpnUpdates <= 16, "UPDATEs: " + vpnUpdates);
        final WireOptions extended = WireOptions.DEFAULT.withMaxMessageLength(WireOptions.EXTENDED_MAX_MESSAGE_LENGTH);
        final List<UpdateMessage> full = roundTrip(role.adjRibOut(extended), extended);
        assertEquals(4, full.size(), "one extended VPN UPDATE, locator, two End-of-RIB: " + full.size());
        assertTrue(full.get(2).isEndOfRib());
        assertTrue(full.get(3).isEndOfRib());

        role.onSessionDown(peerA, "peer closed");
        final List<UpdateMessage> withdrawals = roundTrip(role.drainUpdates(WireOptions.DEFAULT),
            WireOptions.DEFAULT);
        int withdrawn = 0;
        for (final UpdateMessage u : withdrawals)
        {
            withdrawn += u.mpUnreach().withdrawn().size();
        }
        assertEquals(count, withdrawn);
        assertTrue(withdrawals.size() <= 16);
    }

    @Test
    void unchangedReannouncementCausesNoFibChangeAndNoExport()
    {
        start(false, Behavior.END_DT6);
        role.onUpdate(peerA, unicast("fe80::1", basic(65010), "2001:db8:1::/48"), ValidationResult.VALID);
        role.drainUpdates(WireOptions.DEFAULT);
        final int logged = sink.log.size();
        role.onUpdate(peerA, unicast("fe80::1", basic(65010), "2001:db8:1::/48"), ValidationResult.VALID);
        assertEquals(logged, sink.log.size());
        assertFalse(role.hasPendingUpdates());
        role.onUpdate(peerA, unicast("fe80::1", basic(65010, 65011), "2001:db8:1::/48"), ValidationResult.VALID);
        assertTrue(role.hasPendingUpdates(), "a changed AS_PATH is exported again");
    }

    @Test
    void routeRefreshReadvertisesTheAdjRibOut()
    {
        start(false, Behavior.END_DT6);
        role.onUpdate(peerA, unicast("fe80::1", basic(65010), "2001:db8:1::/48"), ValidationResult.VALID);
        role.drainUpdates(WireOptions.DEFAULT);
        final List<UpdateMessage> again = roundTrip(role.adjRibOut(WireOptions.DEFAULT), WireOptions.DEFAULT);
        assertEquals(4, again.size());
        assertEquals(1, role.advertisedCount(AddressFamily.VPN_IPV6), "the VPNv6 route the refresh sent");
        assertEquals(1, role.advertisedCount(AddressFamily.IPV6_UNICAST), "the locator the refresh sent");
        checkVpn(again.get(0), RD_A, RT_A, "fc00:0:1:1::", Srv6EndpointBehaviorCode.END_DT6, false,
            "2001:db8:1::/48");
        final List<Nlri> locator = again.get(1).mpReach().nlri();
        assertEquals("[fc00:0:1::/48]", locator.toString());
        assertFalse(role.hasPendingUpdates(), "a refresh does not disturb the pending changes");
    }

    @Test
    void configNamesTheBadField()
    {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EgressPeer.of("fd00:a::2",
            "peer-a", RD_A, List.of(RT_A), Behavior.END_X, "fd00:a::2", "eth1"));
        assertTrue(e.getMessage().contains("sid-behavior"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
            () -> AsbrConfig.of("fd00::1", SidLocator.of("fc00:0:1::/48", 32, 24), true, config(false,
                Behavior.END_DT6).peers()));
        assertTrue(e.getMessage().contains("transposition"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SidLocator.of("fc00:0:1::/48", 56, 16));
        assertTrue(e.getMessage().contains("block-length"), e.getMessage());
        start(false, Behavior.END_DT6);
        e = assertThrows(IllegalArgumentException.class,
            () -> role.addEgressPeer(RibPeer.ipv6("fd00:c::2", 65030, true, 3)));
        assertTrue(e.getMessage().contains("not a configured egress peer"), e.getMessage());
    }
}
