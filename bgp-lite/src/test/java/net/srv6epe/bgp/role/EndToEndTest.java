package net.srv6epe.bgp.role;

import net.srv6epe.bgp.event.EventStamper;
import net.srv6epe.bgp.event.RouteEvent;
import net.srv6epe.bgp.event.RouteEventRing;
import net.srv6epe.bgp.rib.RibPeer;
import net.srv6epe.bgp.rib.TestRoutes.RecordingSink;
import net.srv6epe.bgp.wire.WireOptions;
import net.srv6epe.bgp.wire.error.UpdateValidator;
import net.srv6epe.bgp.wire.error.ValidationResult;
import net.srv6epe.bgp.wire.message.UpdateMessage;
import net.srv6epe.bgp.wire.prefixsid.Srv6Sid;
import net.srv6epe.srv6.Behavior;
import net.srv6epe.vrf.route.RouteAction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static net.srv6epe.bgp.rib.TestRoutes.RT_A;
import static net.srv6epe.bgp.rib.TestRoutes.RT_B;
import static net.srv6epe.bgp.rib.TestRoutes.basic;
import static net.srv6epe.bgp.rib.TestRoutes.unicast;
import static net.srv6epe.bgp.rib.TestRoutes.unicastWithdraw;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ASBR role output UPDATEs, through the wire layer, into a content-server role: the paper's EPE chain. */
class EndToEndTest
{
    private final long[] nanos = {0};
    private final RecordingSink asbrSink = new RecordingSink();
    private final RecordingSink serverSink = new RecordingSink();
    private final AsbrRoleTest.RecordingSids sids = new AsbrRoleTest.RecordingSids();
    private final RouteEventRing serverEvents = new RouteEventRing(100, null);
    private AsbrRole asbr;
    private ContentServerRole server;
    private int peerA;
    private int peerB;
    private int fromAsbr;

    private void setUp(final boolean transposition)
    {
        asbr = new AsbrRole(AsbrRoleTest.config(transposition, Behavior.END_DX6), asbrSink, sids,
            new EventStamper(() -> 0, () -> nanos[0], null), null);
        peerA = asbr.addEgressPeer(RibPeer.ipv6("fd00:a::2", 65010, true, 0x0B000001));
        peerB = asbr.addEgressPeer(RibPeer.ipv6("fd00:b::2", 65020, true, 0x0B000002));
        asbr.start();
        server = new ContentServerRole(new ContentServerConfig(List.of(
            ImportVrf.of("epe-a", List.of(RT_A), Behavior.H_ENCAPS, "fd00:5::a", "underlay"),
            ImportVrf.of("epe-b", List.of(RT_B), Behavior.H_ENCAPS_RED, "fd00:5::b", "underlay")), "underlay"),
            serverSink,
            new EventStamper(() -> 0, () -> nanos[0], serverEvents), null);
        fromAsbr = server.addPeer(RibPeer.ipv6("fd00:ff::1", 65000, false, 0x0A000001));
    }

    private void relay()
    {
        final List<UpdateMessage> updates = AsbrRoleTest.roundTrip(asbr.drainUpdates(WireOptions.DEFAULT),
            WireOptions.DEFAULT);
        final UpdateValidator validator = new UpdateValidator(false);
        for (final UpdateMessage u : updates)
        {
            server.onUpdate(fromAsbr, u, validator.validate(u));
        }
    }

    private static Srv6Sid sidOf(final RouteAction action)
    {
        return new Srv6Sid(action.encap().segmentHi(0), action.encap().segmentLo(0));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void contentServerInstallsEncapRoutesWithTheAsbrSids(final boolean transposition)
    {
        setUp(transposition);
        nanos[0] = 1_000;
        asbr.onUpdate(peerA, unicast("fe80::1", basic(65010), "2001:db8:1::/48", "2001:db8:2::/48"),
            ValidationResult.VALID);
        asbr.onUpdate(peerB, unicast("fe80::1", basic(65020), "2001:db8:1::/48"), ValidationResult.VALID);
        nanos[0] = 5_000;
        relay();

        assertEquals(2, serverSink.count("epe-a"));
        assertEquals(1, serverSink.count("epe-b"));
        assertEquals(asbr.sid("peer-a"), sidOf(serverSink.route("epe-a", "2001:db8:1::/48")));
        assertEquals(asbr.sid("peer-a"), sidOf(serverSink.route("epe-a", "2001:db8:2::/48")));
        final RouteAction b = serverSink.route("epe-b", "2001:db8:1::/48");
        assertEquals(asbr.sid("peer-b"), sidOf(b));
        assertEquals(Behavior.H_ENCAPS_RED, b.encap().mode());
        // the locator, announced as IPv6 unicast, routes the outer packets to the ASBR's data-plane address
        assertEquals(RouteAction.via(0xfd0000ff00000000L, 1, null), serverSink.route("underlay", "fc00:0:1::/48"));
        assertEquals(0, server.otherFamilyChanges());

        // the egress peer withdraws one prefix: gone from the content server's VRF, the other peer's stays
        nanos[0] = 9_000;
        asbr.onUpdate(peerA, unicastWithdraw("2001:db8:1::/48"), ValidationResult.VALID);
        relay();
        assertNull(serverSink.route("epe-a", "2001:db8:1::/48"));
        assertEquals(1, serverSink.count("epe-a"));
        assertEquals(1, serverSink.count("epe-b"));

        // the other egress peer's session drops: its VRF empties on the content server
        asbr.onSessionDown(peerB, "hold timer expired");
        relay();
        assertEquals(0, serverSink.count("epe-b"));
        assertEquals(1, serverSink.count("epe-a"));

        final RouteEvent first = serverEvents.snapshot().get(0);
        assertEquals(RouteEvent.Kind.ROUTE_INSTALL, first.kind());
        assertTrue(first.cause().text().startsWith("peer fd00:ff::1 UPDATE received"), first.cause().text());
    }
}
