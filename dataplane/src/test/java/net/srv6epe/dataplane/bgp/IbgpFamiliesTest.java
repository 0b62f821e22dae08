package net.srv6epe.dataplane.bgp;

import static net.srv6epe.dataplane.bgp.BgpTestSupport.asbrYaml;
import static net.srv6epe.dataplane.bgp.BgpTestSupport.find;
import static net.srv6epe.dataplane.bgp.BgpTestSupport.freePort;
import static net.srv6epe.dataplane.bgp.BgpTestSupport.start;
import static net.srv6epe.dataplane.bgp.BgpTestSupport.startAgent;
import static net.srv6epe.dataplane.bgp.BgpTestSupport.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import net.srv6epe.bgp.fsm.SessionConfig;
import net.srv6epe.bgp.session.BgpSpeaker;
import net.srv6epe.bgp.session.BgpSpeakerListener;
import net.srv6epe.bgp.session.NeighborConfig;
import net.srv6epe.bgp.wire.attribute.AsPath;
import net.srv6epe.bgp.wire.attribute.AsPathSegment;
import net.srv6epe.bgp.wire.attribute.MpReachNlri;
import net.srv6epe.bgp.wire.attribute.Origin;
import net.srv6epe.bgp.wire.error.ValidationResult;
import net.srv6epe.bgp.wire.message.UpdateMessage;
import net.srv6epe.bgp.wire.nlri.AddressFamily;
import net.srv6epe.bgp.wire.nlri.Ipv6Prefix;
import net.srv6epe.bgp.wire.nlri.RouteDistinguisher;
import net.srv6epe.bgp.wire.nlri.VpnIpv6Prefix;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.srv6epe.dataplane.app.ConfigControlHandler;
import net.srv6epe.dataplane.app.RouterMain;
import net.srv6epe.dataplane.control.ControlClient;
import net.srv6epe.dataplane.control.ControlRequest;
import net.srv6epe.srv6.Ipv4Address;
import net.srv6epe.srv6.Ipv6Address;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

/**
 * An ASBR sends an iBGP neighbor only the address families negotiated with it (RFC 4760 8, RFC 5492): configured
 * with {@code families: [vpnv6]} for a neighbor that offers VPN-IPv6 and IPv6 unicast, it sends the VPNv6 routes
 * and their End-of-RIB, and neither its locator route nor an IPv6 unicast End-of-RIB; with both families it sends
 * both. {@code prefixes-advertised} counts what the neighbor is sent. The other way, a route of a family the
 * session did not negotiate is not taken (a VPNv6 route from an egress peer that negotiated IPv6 unicast).
 */
class IbgpFamiliesTest
{
    private static final String LEARNED = "fd00:c1::/48";
    private static final String SECOND = "fd00:c2::/48";
    private static final String OTHER = "fd00:c3::/48";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "ASBR offers {0}")
    @CsvSource(delimiter = ';', value = {
        "[vpnv6];                 false; 2; vpnv6",
        "[vpnv6, ipv6-unicast];   true;  3; vpnv6 ipv6-unicast"})
    void onlyNegotiatedFamiliesAreSent(final String families, final boolean unicastSent, final int advertised,
        final String negotiated) throws Exception
    {
        final int port = freePort();
        final RouterMain.Running asbr = start(dir, asbrYaml(dir, "127.0.0.1:" + port, "",
            "{ address: 127.0.0.3, remote-as: 65010, role: egress-peer, families: [ipv6-unicast], passive: true," +
                " hold-time: 30 }",
            "{ address: 127.0.0.2, remote-as: 65000, role: ibgp, passive: true, hold-time: 30, families: " +
                families + " }"));
        AgentRunner peerRunner = null;
        AgentRunner reflectorRunner = null;
        try
        {
            final BgpTestSupport.PeerAgent peer = new BgpTestSupport.PeerAgent("127.0.0.1", port);
            peerRunner = startAgent(peer);
            final Reflector reflector = new Reflector(port);
            reflectorRunner = startAgent(reflector);
            final ControlClient cli = new ControlClient(dir.resolve("asbr.sock"), 5_000);
            waitFor(cli, "bgp-summary", null, rows ->
                "Established".equals(find(rows, "neighbor", "127.0.0.2").path("state").asText()) &&
                "Established".equals(find(rows, "neighbor", "127.0.0.3").path("state").asText()));

            final ObjectNode args = JsonNodeFactory.instance.objectNode().put(ConfigControlHandler.ARG_NEIGHBOR,
                "127.0.0.2");
            assertEquals(negotiated, cli.request(new ControlRequest("show", "bgp-neighbor", args)).path(0)
                .path("families").asText(), "show bgp neighbor: the families negotiated");

            peer.announce(LEARNED);
            // the learned route is exported after the Adj-RIB-Out sent at Established (locator and End-of-RIBs
            // included), on the same TCP connection: once it is here, everything sent before it is too
            final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BgpTestSupport.WAIT_MS);
            while (!reflector.vpnRouteSeen && System.nanoTime() < deadline)
            {
                Thread.sleep(20);
            }
            assertTrue(reflector.vpnRouteSeen, "the VPNv6 route of " + LEARNED + " never came");

            // the egress peer negotiated IPv6 unicast only: a VPNv6 route from it is not taken into its Adj-RIB-In
            peer.send(UpdateMessage.of(List.of(
                MpReachNlri.vpnIpv6(Ipv6Address.parseHi("fd00:a::2"), Ipv6Address.parseLo("fd00:a::2"),
                    List.of(new VpnIpv6Prefix(0x800000, RouteDistinguisher.as2(65010, 1), Ipv6Prefix.parse(OTHER)))),
                new Origin(Origin.IGP), new AsPath(List.of(AsPathSegment.sequence(65010))))));
            peer.announce(SECOND);
            // a snapshot holding the later route (route and neighbor rows are taken together) counts the earlier
            waitFor(cli, "bgp-ipv6", null, rows -> find(rows, "prefix", SECOND) != null);
            assertEquals(2, find(waitFor(cli, "bgp-summary", null, rows -> true), "neighbor", "127.0.0.3")
                .path("prefixes-received").asInt(), "the two IPv6 unicast routes, not the VPNv6 one");

            final Set<AddressFamily> expected = unicastSent ?
                Set.of(AddressFamily.VPN_IPV6, AddressFamily.IPV6_UNICAST) : Set.of(AddressFamily.VPN_IPV6);
            assertEquals(expected, reflector.received, "families of the UPDATEs the ASBR sent");
            waitFor(cli, "bgp-summary", null, rows ->
                find(rows, "neighbor", "127.0.0.2").path("prefixes-advertised").asInt() == advertised);
        }
        finally
        {
            if (reflectorRunner != null)
            {
                reflectorRunner.close();
            }
            if (peerRunner != null)
            {
                peerRunner.close();
            }
            asbr.close();
        }
    }

    /** An iBGP neighbor of the ASBR (AS 65000, from 127.0.0.2) offering VPN-IPv6 and IPv6 unicast; records. */
    private static final class Reflector implements Agent, BgpSpeakerListener
    {
        private final BgpSpeaker speaker;
        private final Set<AddressFamily> received = ConcurrentHashMap.newKeySet();
        private volatile boolean vpnRouteSeen;

        private Reflector(final int asbrPort) throws Exception
        {
            final SessionConfig session = SessionConfig.of(65000, Ipv4Address.parse("198.18.0.10"), 65000)
                .withFamilies(List.of(AddressFamily.VPN_IPV6, AddressFamily.IPV6_UNICAST)).withHoldTimeS(30)
                .withConnectRetryTimeS(1, 2);
            speaker = new BgpSpeaker(List.of(), List.of(new NeighborConfig(
                new InetSocketAddress(InetAddress.getByName("127.0.0.1"), asbrPort), InetAddress.getByName("127.0.0.2"),
                session)), SystemNanoClock.INSTANCE, this);
        }

        @Override
        public void onUpdate(final NeighborConfig neighbor, final UpdateMessage update, final ValidationResult result)
        {
            received.addAll(update.families());
            final MpReachNlri reach = update.mpReach();
            if (reach != null && AddressFamily.VPN_IPV6.equals(reach.family()) &&
                reach.nlri().toString().contains(LEARNED))
            {
                vpnRouteSeen = true;
            }
        }

        @Override
        public void onStart()
        {
            speaker.onStart();
        }

        @Override
        public int doWork() throws Exception
        {
            return speaker.doWork();
        }

        @Override
        public void onClose()
        {
            speaker.onClose();
        }

        @Override
        public String roleName()
        {
            return "reflector";
        }
    }
}
