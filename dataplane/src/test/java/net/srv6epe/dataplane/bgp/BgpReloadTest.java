package net.srv6epe.dataplane.bgp;

import static net.srv6epe.dataplane.bgp.BgpTestSupport.asbrYaml;
import static net.srv6epe.dataplane.bgp.BgpTestSupport.find;
import static net.srv6epe.dataplane.bgp.BgpTestSupport.freePort;
import static net.srv6epe.dataplane.bgp.BgpTestSupport.start;
import static net.srv6epe.dataplane.bgp.BgpTestSupport.startAgent;
import static net.srv6epe.dataplane.bgp.BgpTestSupport.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import net.srv6epe.dataplane.app.RouterMain;
import net.srv6epe.dataplane.cli.Main;
import net.srv6epe.dataplane.control.ControlClient;
import net.srv6epe.dataplane.journal.RouteEvent;
import net.srv6epe.dataplane.journal.RouteEventReader;
import org.agrona.concurrent.AgentRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A configuration reload on an ASBR whose BGP speaker has installed routes and a SID: the reload is applied by the
 * BGP thread (the forwarding state's one writer), adds the configured routes and VRFs, and keeps everything BGP
 * installed; BGP goes on changing the state afterwards; a change to the {@code bgp} section is refused.
 */
class BgpReloadTest
{
    private static final String LEARNED = "fd00:c1::/48";
    private static final String STATIC = "fd00:99::/64";

    @TempDir
    Path dir;

    private String asbrConfig(final int port, final String extraRoutes, final String holdTime)
    {
        return asbrYaml(dir, "127.0.0.1:" + port, extraRoutes, "{ address: 127.0.0.3, remote-as: 65010, " +
            "role: egress-peer, families: [ipv6-unicast], passive: true, hold-time: " + holdTime + " }");
    }

    @Test
    void reloadKeepsWhatBgpInstalledAndBgpGoesOnAfterIt() throws Exception
    {
        final int port = freePort();
        final Path file = dir.resolve("asbr.yaml");
        Files.writeString(file, asbrConfig(port, "", "30"));
        final RouterMain.Running asbr = start(file);
        AgentRunner peerRunner = null;
        try
        {
            final BgpTestSupport.PeerAgent peer = new BgpTestSupport.PeerAgent("127.0.0.1", port);
            peerRunner = startAgent(peer);
            final ControlClient cli = new ControlClient(dir.resolve("asbr.sock"), 5_000);
            waitFor(cli, "bgp-summary", null, rows -> "Established".equals(rows.path(0).path("state").asText()));
            peer.announce(LEARNED);
            waitFor(cli, "route", "epe-a", rows -> find(rows, "prefix", LEARNED) != null);
            final String sid = find(waitFor(cli, "sids", null, rows -> find(rows, "vrf", "epe-a") != null), "vrf",
                "epe-a").get("sid").asText();

            Files.writeString(file, asbrConfig(port, "{ prefix: \"" + STATIC + "\", action: blackhole }", "30"));
            assertEquals("reloaded " + file + ": 1 change", reload(0).strip().replaceAll(" \\(.*", ""));

            final JsonNode routes = waitFor(cli, "route", "epe-a", rows -> find(rows, "prefix", STATIC) != null);
            assertNotNull(find(routes, "prefix", LEARNED), "BGP's route survives the reload: " + routes);
            assertEquals("blackhole", find(routes, "prefix", STATIC).get("action").asText());
            assertEquals(sid, find(waitFor(cli, "sids", null, rows -> true), "vrf", "epe-a").get("sid").asText(),
                "BGP's SID survives the reload");

            // BGP goes on writing on top of the reloaded state
            peer.withdraw(LEARNED);
            final JsonNode after = waitFor(cli, "route", "epe-a", rows -> find(rows, "prefix", LEARNED) == null);
            assertNotNull(find(after, "prefix", STATIC), after.toString());

            // the reload's change is journaled with its cause
            final List<RouteEvent> events = new ArrayList<>();
            try (RouteEventReader reader = RouteEventReader.open(dir.resolve("asbr-journal")))
            {
                for (RouteEvent e = reader.poll(); e != null; e = reader.poll())
                {
                    events.add(e);
                }
            }
            assertTrue(events.stream().anyMatch(e -> e.change().key().equals(STATIC) && e.change().added() &&
                e.cause().equals("reload " + file)), events.toString());

            // the bgp section takes a restart
            Files.writeString(file, asbrConfig(port, "{ prefix: \"" + STATIC + "\", action: blackhole }", "60"));
            assertTrue(reload(1).contains("reload refused: bgp changed; that section takes a restart"));
            assertEquals("Established", waitFor(cli, "bgp-summary", null, rows -> true).path(0).path("state")
                .asText());
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

    /** {@code srv6 config reload}: its stdout on success, its stderr otherwise. */
    private String reload(final int expectedExit)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final String[] args = {"config", "reload", "--socket", dir.resolve("asbr.sock").toString()};
        final int code = Main.execute(args,
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(expectedExit, code, err.toString(StandardCharsets.UTF_8));
        return (code == 0 ? out : err).toString(StandardCharsets.UTF_8);
    }
}
