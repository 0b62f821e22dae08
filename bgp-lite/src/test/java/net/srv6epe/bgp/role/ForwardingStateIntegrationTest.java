package net.srv6epe.bgp.role;

import net.srv6epe.bgp.event.EventStamper;
import net.srv6epe.bgp.event.RouteEventRing;
import net.srv6epe.bgp.rib.RibPeer;
import net.srv6epe.bgp.wire.WireOptions;
import net.srv6epe.bgp.wire.error.UpdateValidator;
import net.srv6epe.bgp.wire.message.UpdateMessage;
import net.srv6epe.srv6.Behavior;
import net.srv6epe.srv6.Ipv6Address;
import net.srv6epe.vrf.ForwardingState;
import net.srv6epe.vrf.ForwardingStateBuilder;
import net.srv6epe.vrf.ForwardingStatePublisher;
import net.srv6epe.vrf.route.RouteAction;
import net.srv6epe.vrf.sid.LocalSid;
import net.srv6epe.vrf.sink.PublishingRouteSink;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static net.srv6epe.bgp.rib.TestRoutes.RT_A;
import static net.srv6epe.bgp.rib.TestRoutes.RT_B;
import static net.srv6epe.bgp.rib.TestRoutes.basic;
import static net.srv6epe.bgp.rib.TestRoutes.unicast;
import static net.srv6epe.bgp.wire.error.ValidationResult.VALID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Both roles over the vrf module's real {@link PublishingRouteSink} and forwarding state snapshots. */
class ForwardingStateIntegrationTest
{
    private static ForwardingStatePublisher publisher(final String... vrfs)
    {
        final ForwardingStateBuilder b = ForwardingStateBuilder.from(ForwardingState.initial());
        int table = 100;
        for (final String v : vrfs)
        {
            b.addVrf(v, table++);
        }
        return new ForwardingStatePublisher(b.build());
    }

    @Test
    void asbrSidsAndRoutesReachTheContentServersFibAsEncapRoutes()
    {
        final ForwardingStatePublisher asbrState = publisher("peer-a", "peer-b");
        final List<String> asbrChanges = new ArrayList<>();
        final PublishingRouteSink asbrSink = new PublishingRouteSink(asbrState,
            (generation, vrf, prefix, action, cause) -> asbrChanges.add(vrf + " " + prefix + " " + action), 1000);
        final LocalSidSink sids = new LocalSidSink()
        {
            @Override
            public void install(final LocalSid sid, final String cause)
            {
                asbrState.publish(asbrState.builder().addSid(sid).build());
            }

            @Override
            public void remove(final long sidHi, final long sidLo, final String cause)
            {
                final ForwardingStateBuilder b = asbrState.builder();
                b.removeSid(sidHi, sidLo);
                asbrState.publish(b.build());
            }
        };
        final AsbrRole asbr = new AsbrRole(AsbrRoleTest.config(true, Behavior.END_DX6), asbrSink, sids,
            EventStamper.system(null), null);
        final int peerA = asbr.addEgressPeer(RibPeer.ipv6("fd00:a::2", 65010, true, 1));
        asbr.addEgressPeer(RibPeer.ipv6("fd00:b::2", 65020, true, 2));
        asbr.start();
        asbr.onUpdate(peerA, unicast("fe80::1", basic(65010), "2001:db8:1::/48"), VALID);

        final LocalSid dt6 = asbrState.current().localSids().find(asbr.sid("peer-a").hi(), asbr.sid("peer-a").lo());
        assertEquals(Behavior.END_DT6, dt6.behavior());
        assertEquals("peer-a", dt6.vrfName());
        assertEquals(Behavior.END_DX6,
            asbrState.current().localSids().find(asbr.sid("peer-b").hi(), asbr.sid("peer-b").lo()).behavior());
        final RouteAction forward = asbrState.current().vrf("peer-a").route6(Ipv6Address.parseHi("2001:db8:1::5"),
            0);
        assertEquals(RouteAction.Kind.FORWARD, forward.kind());
        assertEquals("eth1", forward.port());
        assertEquals(List.of("peer-a 2001:db8:1::/48 via fd00:a::2 dev eth1"), asbrChanges);

        final ForwardingStatePublisher serverState = publisher("epe-a", "epe-b", "underlay");
        final RouteEventRing events = new RouteEventRing(16, null);
        final ContentServerRole server = new ContentServerRole(new ContentServerConfig(List.of(
            ImportVrf.of("epe-a", List.of(RT_A), Behavior.H_ENCAPS, "fd00:5::a", "underlay"),
            ImportVrf.of("epe-b", List.of(RT_B), Behavior.H_ENCAPS, "fd00:5::b", "underlay")), "underlay"),
            new PublishingRouteSink(serverState, null, 1000), EventStamper.system(events), null);
        final int fromAsbr = server.addPeer(RibPeer.ipv6("fd00:ff::1", 65000, false, 9));
        final long before = serverState.current().generation();
        for (final UpdateMessage u : AsbrRoleTest.roundTrip(asbr.drainUpdates(WireOptions.DEFAULT),
            WireOptions.DEFAULT))
        {
            server.onUpdate(fromAsbr, u, new UpdateValidator(false).validate(u));
        }
        assertTrue(serverState.current().generation() > before, "published");
        final RouteAction encap = serverState.current().vrf("epe-a").route6(Ipv6Address.parseHi("2001:db8:1::5"), 0);
        assertEquals(RouteAction.Kind.ENCAP, encap.kind());
        assertEquals(asbr.sid("peer-a").hi(), encap.encap().segmentHi(0));
        assertEquals(asbr.sid("peer-a").lo(), encap.encap().segmentLo(0));
        assertEquals(serverState.current().vrf("underlay").id(), encap.underlayVrfId());
        final RouteAction toAsbr = serverState.current().vrf("underlay").route6(asbr.sid("peer-a").hi(),
            asbr.sid("peer-a").lo());
        assertEquals(RouteAction.Kind.FORWARD, toAsbr.kind(), "the locator route leads to the ASBR");
        assertEquals(Ipv6Address.parseLo("fd00:ff::1"), toAsbr.nextHopLo());
        assertNull(serverState.current().vrf("epe-b").route6(Ipv6Address.parseHi("2001:db8:1::5"), 0));
        assertEquals(2, events.written());
    }
}
