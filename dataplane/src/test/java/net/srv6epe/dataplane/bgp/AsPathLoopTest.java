package net.srv6epe.dataplane.bgp;

import static net.srv6epe.dataplane.bgp.BgpTestSupport.asbrYaml;
import static net.srv6epe.dataplane.bgp.BgpTestSupport.find;
import static net.srv6epe.dataplane.bgp.BgpTestSupport.freePort;
import static net.srv6epe.dataplane.bgp.BgpTestSupport.scrape;
import static net.srv6epe.dataplane.bgp.BgpTestSupport.start;
import static net.srv6epe.dataplane.bgp.BgpTestSupport.startAgent;
import static net.srv6epe.dataplane.bgp.BgpTestSupport.waitFor;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import net.srv6epe.bgp.wire.attribute.AsPath;
import net.srv6epe.bgp.wire.attribute.AsPathSegment;
import net.srv6epe.bgp.wire.attribute.MpReachNlri;
import net.srv6epe.bgp.wire.attribute.Origin;
import net.srv6epe.bgp.wire.message.UpdateMessage;
import net.srv6epe.bgp.wire.nlri.Ipv6Prefix;
import net.srv6epe.dataplane.app.RouterMain;
import net.srv6epe.dataplane.control.ControlClient;
import net.srv6epe.srv6.Ipv6Address;
import org.agrona.concurrent.AgentRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An egress peer's route whose AS path holds our AS (65000) has been through us already (RFC 4271 9.1.2): the ASBR
 * does not install it in the peer's VRF nor export it, where a route from the same peer without the loop is.
 */
class AsPathLoopTest
{
    private static final String LOOPED = "fd00:c1::/48";
    private static final String CLEAN = "fd00:c2::/48";

    @TempDir
    Path dir;

    @Test
    void aRouteThatCameThroughUsIsNotInstalled() throws Exception
    {
        final int port = freePort();
        final RouterMain.Running asbr = start(dir, asbrYaml(dir, "127.0.0.1:" + port, "",
            "{ address: 127.0.0.3, remote-as: 65010, role: egress-peer, families: [ipv6-unicast], passive: true," +
                " hold-time: 30 }"));
        AgentRunner peerRunner = null;
        try
        {
            final BgpTestSupport.PeerAgent peer = new BgpTestSupport.PeerAgent("127.0.0.1", port);
            peerRunner = startAgent(peer);
            final ControlClient cli = new ControlClient(dir.resolve("asbr.sock"), 5_000);
            waitFor(cli, "bgp-summary", null,
                rows -> "Established".equals(find(rows, "neighbor", "127.0.0.3").path("state").asText()));

            peer.send(UpdateMessage.of(List.of(
                MpReachNlri.ipv6Unicast(Ipv6Address.parseHi("fd00:a::2"), Ipv6Address.parseLo("fd00:a::2"),
                    List.of(Ipv6Prefix.parse(LOOPED))),
                new Origin(Origin.IGP), new AsPath(List.of(AsPathSegment.sequence(65010, 65000, 65100))))));
            peer.announce(CLEAN);
            // sent after the looped one on the same session: once it is installed, the looped one was handled
            final JsonNode routes = waitFor(cli, "route", "epe-a", rows -> find(rows, "prefix", CLEAN) != null);
            assertNull(find(routes, "prefix", LOOPED), routes.toString());
            final JsonNode received = waitFor(cli, "bgp-ipv6", null, rows -> find(rows, "prefix", CLEAN) != null);
            assertNull(find(received, "prefix", LOOPED), "not in the Adj-RIB-In either: " + received);
            final String metrics = scrape(asbr);
            assertTrue(metrics.contains("srv6epe_bgp_routes_ignored_total{reason=\"as-path-loop\"} 1\n"), metrics);
        }
        finally
        {
            if (peerRunner != null)
            {
                peerRunner.close();
            }
            asbr.close();
        }
    }
}
