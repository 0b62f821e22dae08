package net.srv6epe.dataplane.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.srv6epe.dataplane.cli.Main;
import net.srv6epe.dataplane.config.ConfigLoader;
import net.srv6epe.dataplane.journal.RouteEvent;
import net.srv6epe.dataplane.journal.RouteEventReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code srv6 config reload} on a running router (offline ports): a valid file is applied as one new snapshot and
 * journaled with cause {@code reload}; an invalid file, or one that changes what only a restart changes, changes
 * nothing and says why.
 */
class ConfigReloadTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private Path file;
    private RouterMain.Running router;
    private String out;
    private String err;

    private String config(final String defaultRoutes, final String extraVrfs, final String pbr, final int mtu)
    {
        return String.join("\n",
            "router: { name: reload, control-socket: " + dir.resolve("r.sock") + ", encap-source: fd00:20::1,",
            "          journal-dir: " + dir.resolve("journal") + " }",
            "ports:",
            "  - { name: p0, backend: pcap-file, write: p0.pcap, mac: \"02:00:00:00:00:01\", mtu: " + mtu + "," +
                " addresses: [fd00:1::1/64] }",
            "  - { name: p1, backend: pcap-file, write: p1.pcap, mac: \"02:00:00:00:00:02\"," +
                " addresses: [fd00:2::1/64] }",
            "vrfs:",
            "  - name: default",
            "    table: 254",
            "    routes:",
            defaultRoutes,
            "  - name: epe-a",
            "    table: 101",
            "    routes: [ { prefix: fd00:c0::/64, encap: { mode: H.Encaps, segments: [\"fc00:a::a6\"] } } ]",
            extraVrfs,
            "pbr:",
            pbr,
            "");
    }

    private static final String VIA_P0 = "      - { prefix: fd00:c0::/64, via: fd00:1::2, port: p0 }";
    private static final String VIA_P1 = "      - { prefix: fd00:c0::/64, via: fd00:2::2, port: p1 }";
    private static final String RULE_A = "  - { priority: 10, from: fd00:10::a/128, vrf: epe-a }";
    private static final String VRF_B = String.join("\n",
        "  - name: epe-b",
        "    table: 102",
        "    routes: [ { prefix: fd00:c0::/64, encap: { mode: H.Encaps.Red, segments: [\"fc00:a::b6\"] } } ]");
    private static final String RULE_B = "  - { priority: 20, from: fd00:10::b/128, vrf: epe-b }";

    @BeforeEach
    void start() throws Exception
    {
        file = dir.resolve("router.yaml");
        Files.writeString(file, config(VIA_P0, "", RULE_A, 1500));
        router = RouterMain.start(ConfigLoader.load(file), file,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), System.err);
        assertNotNull(router, "router did not start");
    }

    @AfterEach
    void stop()
    {
        if (router != null)
        {
            router.close();
        }
    }

    private int cli(final String... args)
    {
        final ByteArrayOutputStream o = new ByteArrayOutputStream();
        final ByteArrayOutputStream e = new ByteArrayOutputStream();
        final int code = Main.execute(args, new PrintStream(o, true, StandardCharsets.UTF_8),
            new PrintStream(e, true, StandardCharsets.UTF_8));
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    private int reload()
    {
        return cli("config", "reload", "--socket", dir.resolve("r.sock").toString());
    }

    private JsonNode show(final String... words) throws Exception
    {
        final List<String> args = new ArrayList<>(List.of("show"));
        args.addAll(List.of(words));
        args.addAll(List.of("--json", "--socket", dir.resolve("r.sock").toString()));
        assertEquals(0, cli(args.toArray(new String[0])), err);
        return MAPPER.readTree(out);
    }

    private static JsonNode row(final JsonNode rows, final String key, final String value)
    {
        for (final JsonNode r : rows)
        {
            if (value.equals(r.path(key).asText()))
            {
                return r;
            }
        }
        return null;
    }

    private long generation()
    {
        return router.journaling().publisher().current().generation();
    }

    @Test
    void validFileIsAppliedAsOneSnapshotAndJournaledWithItsCause() throws Exception
    {
        final long before = generation();
        Files.writeString(file, config(VIA_P1, VRF_B, RULE_A + "\n" + RULE_B, 1500));

        assertEquals(0, reload(), err);
        assertTrue(out.startsWith("reloaded " + file + ": 3 changes"), out);
        assertEquals(before + 1, generation(), "one new snapshot");

        final JsonNode moved = row(show("route", "--vrf", "default"), "prefix", "fd00:c0::/64");
        assertEquals("fd00:2::2", moved.get("via").asText(), moved.toString());
        assertEquals("p1", moved.get("port").asText(), moved.toString());
        final JsonNode added = row(show("vrf", "epe-b", "routes"), "prefix", "fd00:c0::/64");
        assertEquals("H.Encaps.Red", added.get("action").asText(), added.toString());
        assertNotNull(row(show("pbr"), "vrf", "epe-b"));

        final List<RouteEvent> events = new ArrayList<>();
        try (RouteEventReader reader = RouteEventReader.open(dir.resolve("journal")))
        {
            for (RouteEvent e = reader.poll(); e != null; e = reader.poll())
            {
                events.add(e);
            }
        }
        final List<RouteEvent> reloads = events.stream().filter(e -> e.cause().equals("reload " + file)).toList();
        assertEquals(3, reloads.size(), events.toString());
        final RouteEvent move = reloads.stream().filter(e -> e.change().vrf().equals("default")).findFirst()
            .orElseThrow();
        assertTrue(move.change().oldAction().contains("fd00:1::2") && move.change().newAction().contains("fd00:2::2"),
            move.toString());

        // the same file again: nothing to do
        assertEquals(0, reload(), err);
        assertTrue(out.startsWith("reloaded " + file + ": 0 changes"), out);
        assertEquals(before + 1, generation());
    }

    @Test
    void invalidFileChangesNothingAndNamesTheField() throws Exception
    {
        final long before = generation();
        final JsonNode routes = show("route");
        Files.writeString(file, config(VIA_P1.replace("port: p1", "port: p9"), VRF_B, RULE_A, 1500));

        assertEquals(1, reload());
        assertTrue(err.contains("vrfs[0].routes[0].port") && err.contains("p9"), err);
        assertTrue(err.contains("reload refused: 1 error in " + file + "; nothing was changed"), err);
        assertEquals(before, generation());
        assertEquals(routes, show("route"));
        assertNull(row(show("route"), "vrf", "epe-b"));

        Files.writeString(file, "vrfs: [ {");
        assertEquals(1, reload());
        assertTrue(err.contains("nothing was changed"), err);
        assertEquals(before, generation());
    }

    @Test
    void changesOnlyARestartAppliesAreRefused() throws Exception
    {
        final long before = generation();
        Files.writeString(file, config(VIA_P1, "", RULE_A, 9000));

        assertEquals(1, reload());
        assertTrue(err.contains("reload refused: ports changed; that section takes a restart") &&
            err.contains("nothing was changed"), err);
        assertEquals(before, generation());
        assertEquals("fd00:1::2", row(show("route", "--vrf", "default"), "prefix", "fd00:c0::/64").get("via")
            .asText());
    }

    @Test
    void showChecksVrfNamesAgainstTheReloadedConfiguration() throws Exception
    {
        assertEquals(1, cli("show", "route", "--vrf", "epe-b", "--socket", dir.resolve("r.sock").toString()));
        assertTrue(err.contains("no VRF named 'epe-b'"), err);
        Files.writeString(file, config(VIA_P0, VRF_B, RULE_A, 1500));
        assertEquals(0, reload(), err);
        assertNotNull(row(show("route", "--vrf", "epe-b"), "prefix", "fd00:c0::/64"));
    }
}
