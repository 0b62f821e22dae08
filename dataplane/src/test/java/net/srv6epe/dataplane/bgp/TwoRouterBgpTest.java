package net.srv6epe.dataplane.bgp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.srv6epe.bgp.session.BgpSpeaker;
import net.srv6epe.dataplane.app.RouterMain;
import net.srv6epe.dataplane.cli.Main;
import net.srv6epe.dataplane.control.ControlClient;
import net.srv6epe.dataplane.journal.ChangeKind;
import net.srv6epe.dataplane.journal.RouteEvent;
import net.srv6epe.dataplane.journal.RouteEventReader;
import org.agrona.concurrent.AgentRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static net.srv6epe.dataplane.bgp.BgpTestSupport.asbrYaml;
import static net.srv6epe.dataplane.bgp.BgpTestSupport.find;
import static net.srv6epe.dataplane.bgp.BgpTestSupport.freePort;
import static net.srv6epe.dataplane.bgp.BgpTestSupport.scrape;
import static net.srv6epe.dataplane.bgp.BgpTestSupport.start;
import static net.srv6epe.dataplane.bgp.BgpTestSupport.startAgent;
import static net.srv6epe.dataplane.bgp.BgpTestSupport.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two routers of ours in one JVM over real BGP on loopback: an ASBR with an eBGP IPv6-unicast egress peer (a
 * {@link BgpSpeaker} of the test, from 127.0.0.3) and an iBGP VPNv6 session to a content server (from
 * 127.0.0.2). The content server installs the egress peer's prefixes in its VRF as H.Encaps routes with the
 * ASBR's SID, journaled with the BGP cause; a withdrawal and the peer's shutdown remove them again.
 */
class TwoRouterBgpTest
{
    private static final String PREFIX_1 = "fd00:c1::/48";
    private static final String PREFIX_2 = "fd00:c2::/48";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void contentServerLearnsTheEgressPeersPrefixesWithTheAsbrSid() throws Exception
    {
        final int port = freePort();
        final RouterMain.Running asbr = start(dir, asbrConfig(port));
        RouterMain.Running cs = null;
        AgentRunner peerRunner = null;
        try
        {
            cs = start(dir, csConfig(port));
            final BgpTestSupport.PeerAgent peer = new BgpTestSupport.PeerAgent("127.0.0.1", port);
            peerRunner = startAgent(peer);
            final ControlClient asbrCli = new ControlClient(dir.resolve("asbr.sock"), 5_000);
            final ControlClient csCli = new ControlClient(dir.resolve("cs.sock"), 5_000);

            // the ASBR allocated and installed the egress peer VRF's SID
            final JsonNode sids = waitFor(asbrCli, "sids", null, rows -> find(rows, "vrf", "epe-a") != null);
            final JsonNode sidRow = find(sids, "vrf", "epe-a");
            assertEquals("End.DT6", sidRow.get("behavior").asText());
            final String sid = sidRow.get("sid").asText();

            // both sessions Established
            waitFor(asbrCli, "bgp-summary", null, rows -> rows.size() == 2 &&
                "Established".equals(rows.path(0).path("state").asText()) &&
                "Established".equals(rows.get(1).get("state").asText()));
            waitFor(csCli, "bgp-summary", null, rows -> rows.size() == 1 &&
                "Established".equals(rows.path(0).path("state").asText()));

            peer.announce(PREFIX_1, PREFIX_2);
            final JsonNode routes = waitFor(csCli, "route", "epe-a",
                rows -> find(rows, "prefix", PREFIX_1) != null && find(rows, "prefix", PREFIX_2) != null);
            for (final String p : List.of(PREFIX_1, PREFIX_2))
            {
                final JsonNode r = find(routes, "prefix", p);
                assertEquals("H.Encaps", r.get("action").asText(), r.toString());
                assertEquals(sid, r.get("segments").get(0).asText(), r.toString());
            }
            // the content server's VPNv6 view and its route-event journal
            final JsonNode vpn = waitFor(csCli, "bgp-vpnv6", null, rows -> rows.size() == 2);
            assertEquals("65000:100", vpn.get(0).get("rd").asText());
            assertEquals(sid, vpn.get(0).get("sid").asText());
            assertTrue(vpn.get(0).get("best").asBoolean());
            final List<RouteEvent> events = journal(dir.resolve("cs-journal"));
            final RouteEvent added = events.stream().filter(e -> e.change().kind() == ChangeKind.ROUTE &&
                "epe-a".equals(e.change().vrf()) && PREFIX_1.equals(e.change().key()) && e.change().added())
                .findFirst().orElse(null);
            assertNotNull(added, events.toString());
            assertTrue(added.cause().contains("127.0.0.1"), added.cause());

            // our Adj-RIB-Out to the content server: both VPNv6 routes and the locator route; nothing to the peer
            waitFor(asbrCli, "bgp-summary", null, rows ->
                find(rows, "neighbor", "127.0.0.2").path("prefixes-advertised").asInt() == 3);
            assertEquals(0, find(waitFor(asbrCli, "bgp-summary", null, rows -> true), "neighbor", "127.0.0.3")
                .path("prefixes-advertised").asInt(-1));

            // the operator's view through the CLI: srv6 show bgp ... [--json]
            final JsonNode summary = MAPPER.readTree(cli(0, "show", "bgp", "summary", "--json", "--socket",
                dir.resolve("asbr.sock").toString()));
            assertEquals(2, summary.size());
            for (final JsonNode row : summary)
            {
                assertEquals("Established", row.get("state").asText(), row.toString());
            }
            assertEquals(2, find(summary, "neighbor", "127.0.0.3").get("prefixes-received").asInt());
            // the same on /metrics, under the GoBGP exporter's names
            final String metrics = scrape(asbr);
            assertTrue(metrics.contains("gobgp_peer_up{name=\"127.0.0.3\"} 1\n"), metrics);
            assertTrue(metrics.contains("gobgp_peer_session_state{name=\"127.0.0.2\"} 6\n"), metrics);
            assertTrue(metrics.contains("gobgp_peer_received_route_count{name=\"127.0.0.3\"} 2\n"), metrics);
            assertTrue(metrics.contains("gobgp_peer_advertised_route_count{name=\"127.0.0.2\"} 3\n"), metrics);
            assertTrue(metrics.contains("gobgp_peer_advertised_route_count{name=\"127.0.0.3\"} 0\n"), metrics);
            assertTrue(metrics.contains("gobgp_router_asn 65000\n"), metrics);
            final String table = cli(0, "show", "bgp", "summary", "--socket", dir.resolve("cs.sock").toString());
            assertTrue(table.contains("NEIGHBOR") && table.contains("127.0.0.1") && table.contains("Established"),
                table);
            final JsonNode neighbor = MAPPER.readTree(cli(0, "show", "bgp", "neighbor", "127.0.0.1", "--json",
                "--socket", dir.resolve("cs.sock").toString()));
            assertEquals("198.18.0.1", neighbor.get(0).get("peer-router-id").asText());
            assertEquals("ipv6-unicast vpnv6", neighbor.get(0).get("families").asText(), neighbor.toString());
            final String vpnTable = cli(0, "show", "bgp", "vpnv6", "rd", "65000:100", "--socket",
                dir.resolve("cs.sock").toString());
            assertTrue(vpnTable.contains(PREFIX_1) && vpnTable.contains(sid) && vpnTable.contains("End.DT6"),
                vpnTable);
            final JsonNode ipv6 = MAPPER.readTree(cli(0, "show", "bgp", "ipv6", "--json", "--socket",
                dir.resolve("asbr.sock").toString()));
            assertEquals(2, ipv6.size());
            cli(1, "show", "bgp", "neighbor", "127.0.0.9", "--socket", dir.resolve("cs.sock").toString());

            // withdrawal at the egress peer: gone from the content server's VRF, the other stays
            peer.withdraw(PREFIX_1);
            waitFor(csCli, "route", "epe-a",
                rows -> find(rows, "prefix", PREFIX_1) == null && find(rows, "prefix", PREFIX_2) != null);

            // the egress peer stops: everything it announced goes
            peerRunner.close();
            peerRunner = null;
            waitFor(csCli, "route", "epe-a", rows -> find(rows, "prefix", PREFIX_2) == null);
            waitFor(asbrCli, "bgp-summary", null, rows ->
                !"Established".equals(find(rows, "neighbor", "127.0.0.3").get("state").asText()));
        }
        finally
        {
            if (peerRunner != null)
            {
                peerRunner.close();
            }
            if (cs != null)
            {
                cs.close();
            }
            asbr.close();
        }
    }

    private static String cli(final int expectedExit, final String... args)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int code = Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(expectedExit, code, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void egressPeerOverItsMaxPrefixIsClosedWithCeaseAndItsRoutesGo() throws Exception
    {
        final int port = freePort();
        final RouterMain.Running asbr = start(dir, asbrConfig(port).replace(
            "[ipv6-unicast], passive: true, hold-time: 30 }",
            "[ipv6-unicast], passive: true, hold-time: 30, max-prefix: { limit: 1 } }"));
        AgentRunner peerRunner = null;
        try
        {
            final BgpTestSupport.PeerAgent peer = new BgpTestSupport.PeerAgent("127.0.0.1", port);
            peerRunner = startAgent(peer);
            final ControlClient asbrCli = new ControlClient(dir.resolve("asbr.sock"), 5_000);
            // the first summary snapshot may come before the neighbor's row: look for the row, then its fields
            waitFor(asbrCli, "bgp-summary", null, rows -> find(rows, "neighbor", "127.0.0.3") != null &&
                "Established".equals(find(rows, "neighbor", "127.0.0.3").get("state").asText()));
            peer.announce(PREFIX_1, PREFIX_2);
            final JsonNode rows = waitFor(asbrCli, "bgp-summary", null, r ->
                find(r, "neighbor", "127.0.0.3") != null &&
                find(r, "neighbor", "127.0.0.3").get("last-error").asText().contains("max-prefix"));
            assertEquals(0, find(rows, "neighbor", "127.0.0.3").get("prefixes-received").asInt(), rows.toString());
            waitFor(asbrCli, "route", "epe-a", r -> find(r, "prefix", PREFIX_1) == null &&
                find(r, "prefix", PREFIX_2) == null);
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

    private String asbrConfig(final int port)
    {
        return asbrYaml(dir, "127.0.0.1:" + port, "",
            "{ address: 127.0.0.3, remote-as: 65010, role: egress-peer, families: [ipv6-unicast], passive: true," +
                " hold-time: 30 }",
            "{ address: 127.0.0.2, remote-as: 65000, role: ibgp, passive: true, hold-time: 30 }");
    }

    private String csConfig(final int port)
    {
        return String.join("\n",
            "router: { name: cs, control-socket: " + dir.resolve("cs.sock") + ", encap-source: \"fd00:20::2\",",
            "          journal-dir: " + dir.resolve("cs-journal") + ", metrics: { listen: \"127.0.0.1:0\" } }",
            "ports:",
            "  - { name: core, backend: pcap-file, write: cs-out.pcap, mac: \"02:00:00:00:00:02\"," +
                " addresses: [\"fd00:20::2/64\"] }",
            "vrfs:",
            "  - { name: epe-a, table: 101 }",
            "bgp:",
            "  asn: 65000",
            "  router-id: 198.18.0.2",
            "  neighbors:",
            "    - { address: 127.0.0.1, port: " + port + ", local-address: 127.0.0.2, remote-as: 65000," +
                " role: ibgp, hold-time: 30, connect-retry: 1 }",
            "  content-server:",
            "    import-vrfs:",
            "      - { vrf: epe-a, route-targets: [\"65000:100\"], mode: H.Encaps }",
            "");
    }

    private static List<RouteEvent> journal(final Path journalDir)
    {
        final List<RouteEvent> events = new ArrayList<>();
        try (RouteEventReader reader = RouteEventReader.open(journalDir))
        {
            for (RouteEvent e = reader.poll(); e != null; e = reader.poll())
            {
                events.add(e);
            }
        }
        return events;
    }
}
