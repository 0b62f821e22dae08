package net.srv6epe.dataplane.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.srv6epe.dataplane.app.ConfigControlHandler;
import net.srv6epe.dataplane.app.RouterMain;
import net.srv6epe.dataplane.control.ControlServer;
import net.srv6epe.dataplane.config.ConfigLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code srv6} command end to end: exit codes and outputs, against a configuration-only router. */
class MainTest
{
    private Path dir;
    private Path socket;
    private Path config;
    private String out;
    private String err;

    @BeforeEach
    void writeConfig() throws IOException, URISyntaxException
    {
        dir = Files.createTempDirectory(Path.of("/tmp"), "h3cli");
        socket = dir.resolve("cs1.sock");
        final String example = Files.readString(resource("example.yaml"));
        config = dir.resolve("cs1.yaml");
        Files.writeString(config, example.replace("control-socket: /run/srv6-epe/cs1.sock",
            "control-socket: " + socket + "\n  journal-dir: " + dir.resolve("journal")));
    }

    @AfterEach
    void deleteDir() throws IOException
    {
        try (Stream<Path> paths = Files.walk(dir))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void configCheckPrintsOkWithCounts() throws Exception
    {
        assertEquals(0, run("config", "check", resource("example.yaml").toString()));
        assertEquals("OK: router cs1: 2 ports, 2 neighbors, 2 vrfs, 8 routes, 1 locator, 6 sids, 2 pbr rules\n", out);
        assertEquals("", err);
    }

    @Test
    void configCheckPrintsEveryErrorAndExitsTwo() throws Exception
    {
        final Path bad = resource("bad-semantics.yaml");

        assertEquals(2, run("config", "check", bad.toString()));
        assertEquals("", out);
        final String[] lines = err.split("\n");
        assertEquals(49, lines.length);
        assertEquals(bad + ": router.name: 'CS_1' must match [a-z0-9-]+", lines[0]);
        assertEquals(bad + ": 48 errors, configuration rejected", lines[48]);
        assertTrue(err.contains(bad + ": vrfs[0].routes[0].prefix: 'fd00::1/64' has host bits set (did you mean fd00::/64?)\n"));
    }

    @Test
    void runRefusesAnInvalidConfigBeforeStartingAnything() throws Exception
    {
        final Path bad = resource("bad-structure.yaml");

        assertEquals(2, run("run", "--config", bad.toString()));
        assertTrue(err.startsWith(bad + ": router.name: expected a string, got an integer\n"), err);
        assertTrue(err.endsWith(bad + ": 16 errors, configuration rejected\n"), err);
    }

    @Test
    void showPrintsTablesFromTheRunningRouter() throws Exception
    {
        try (ControlServer router = startRouter())
        {
            assertEquals(0, run("show", "sids", "--socket", socket.toString()));
            assertEquals(String.join("\n",
                "SID          BEHAVIOR  FLAVORS  ATTRIBUTES             LOCATOR",
                "fc00:a::d6   End.DT6   -        vrftable 100 (peer-a)  main",
                "fc00:a::d46  End.DT46  -        vrftable 100 (peer-a)  main",
                "fc00:a::1    End       -        -                      main",
                "fc00:a::2    End.X     PSP      nh6 fd00:1::1 dev p0   main",
                "fc00:a::3    End.DX6   -        nh6 fd00:1::1 dev p0   main",
                "fc00:a::4    End.DX4   -        nh4 198.18.1.1         main",
                ""), out);

            assertEquals(0, run("show", "route", "--vrf", "peer-a", "-4", "--config", config.toString()));
            assertEquals(String.join("\n",
                "VRF     TABLE  PREFIX          ACTION        VIA         DEV  SEGMENTS                          PROTO",
                "peer-a    100  198.18.9.0/24   H.Encaps.Red  -           -    segs 2 [ fc00:a::d46 fc00:b::1 ]  static",
                "peer-a    100  198.18.10.0/24  forward       198.18.1.1  -    -                                 static",
                ""), out);

            assertEquals(0, run("show", "interfaces", "-6", "--socket", socket.toString()));
            assertEquals(String.join("\n",
                "NAME  INTERFACE  BACKEND    MAC                 MTU  VRF      ADDRESSES",
                "p0    veth-cs1   pcap       02:00:00:00:01:01  9000  default  fd00:1::2/64",
                "p1    -          pcap-file  02:00:00:00:02:01  1500  peer-a   fd00:3::2/64",
                ""), out);

            assertEquals(0, run("show", "neighbors", "--socket", socket.toString()));
            assertTrue(out.contains("p0    198.18.1.1  02:00:00:00:01:02  PERMANENT\n"), out);

            assertEquals(0, run("show", "pbr", "--socket", socket.toString()));
            assertTrue(out.startsWith("PRIORITY  FROM "), out);

            assertEquals(0, run("show", "errors", "--socket", socket.toString()));
            assertTrue(out.contains("drop.srh.sl-zero "), out);

            assertEquals(0, run("show", "counters", "--socket", socket.toString()));
            assertEquals("NAME  VALUE\n", out);
        }
    }

    @Test
    void showVrfNameRoutesIsTheRouteTopicOfThatVrf() throws Exception
    {
        try (ControlServer router = startRouter())
        {
            assertEquals(0, run("show", "route", "--vrf", "peer-a", "--config", config.toString()));
            final String byOption = out;
            assertTrue(byOption.contains("198.18.9.0/24"), byOption);
            assertEquals(0, run("show", "vrf", "peer-a", "routes", "--config", config.toString()));
            assertEquals(byOption, out);
            assertEquals(0, run("show", "vrf", "peer-a", "sids", "--config", config.toString()));
            assertTrue(out.contains("fc00:a::d6") && !out.contains("fc00:a::1 "), out);

            assertEquals(2, run("show", "vrf", "peer-a", "--config", config.toString()));
            assertTrue(err.startsWith("srv6 show: show vrf needs: NAME routes, or NAME sids\n"), err);
            assertEquals(2, run("show", "vrf", "peer-a", "routes", "--vrf", "default", "--config", config.toString()));
            assertTrue(err.startsWith("srv6 show: show vrf peer-a and --vrf default name two VRFs\n"), err);
        }
    }

    @Test
    void showJsonPrintsTheRoutersDataWithStableKeys() throws Exception
    {
        try (ControlServer router = startRouter())
        {
            assertEquals(0, run("show", "route", "--vrf", "default", "--json", "--socket", socket.toString()));

            final JsonNode rows = new ObjectMapper().readTree(out);
            assertEquals(3, rows.size());
            assertEquals("{\"vrf\":\"default\",\"table\":254,\"prefix\":\"::/0\",\"action\":\"forward\"," +
                "\"via\":\"fd00:1::1\",\"port\":\"p0\",\"segments\":null,\"encap-vrf\":null,\"origin\":\"static\"}",
                rows.get(2).toString());
        }
    }

    @Test
    void clearCountersSucceeds() throws Exception
    {
        try (ControlServer router = startRouter())
        {
            assertEquals(0, run("clear", "counters", "--socket", socket.toString()));
            assertEquals("counters cleared\n", out);
        }
    }

    @Test
    void reportsTheRoutersErrorInOneLine() throws Exception
    {
        try (ControlServer router = startRouter())
        {
            assertEquals(1, run("show", "route", "--vrf", "nope", "--socket", socket.toString()));
            assertEquals("srv6: no VRF named 'nope'\n", err);
        }
    }

    @Test
    void saysWhenNoRouterIsRunning() throws Exception
    {
        assertEquals(1, run("show", "route", "--socket", socket.toString()));
        assertEquals("", out);
        assertEquals("srv6: no router is listening on " + socket + " (is `srv6 run` started?)\n", err);
    }

    @Test
    void rejectsUsageErrorsWithExitTwo() throws Exception
    {
        assertEquals(2, run("show", "bogus", "--socket", socket.toString()));
        assertEquals("srv6 show: unknown topic 'bogus' (known: interfaces, neighbors, route, sids, pbr, errors, " +
            "counters)\ntry 'srv6 show --help'\n", err);

        assertEquals(2, run("show", "route", "-4", "-6", "--socket", socket.toString()));
        assertTrue(err.startsWith("srv6 show: -4 and -6 exclude each other\n"), err);

        assertEquals(2, run("clear", "routes", "--socket", socket.toString()));
        assertTrue(err.startsWith("srv6 clear: cannot clear 'routes' (known: counters)\n"), err);

        assertEquals(2, run());
        assertTrue(err.startsWith(
            "srv6: missing command (known: run, config, show, clear, events, flows, capture)\n"), err);

        assertEquals(2, run("config"));
        assertTrue(err.startsWith("srv6 config: missing subcommand (known: check, reload)\n"), err);

        assertEquals(2, run("run"));
        assertTrue(err.startsWith("srv6 run: Missing required option: '--config=FILE'\n"), err);
    }

    @Test
    void printsHelpWithExitZero() throws Exception
    {
        assertEquals(0, run("--help"));
        assertTrue(out.contains("show"), out);
        assertFalse(out.isEmpty());
    }

    @Test
    void routerStartRefusesASecondRouterOnTheSameSocket() throws Exception
    {
        try (ControlServer router = startRouter())
        {
            final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
            final PrintStream errStream = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

            assertEquals(null, RouterMain.start(ConfigLoader.load(config), System.out, errStream));
            assertEquals("srv6-epe cs1: cannot open control socket " + socket + ": another router is already " +
                "listening on " + socket + "\n", errBytes.toString(StandardCharsets.UTF_8));
        }
        assertFalse(Files.exists(socket));
    }

    /**
     * A control server answering from the configuration: these tests are about the CLI and the control protocol,
     * not forwarding (the router's own tests open real ports).
     */
    private ControlServer startRouter() throws Exception
    {
        final ControlServer server = ControlServer.open(socket, new ConfigControlHandler(ConfigLoader.load(config)));
        server.start();
        return server;
    }

    private int run(final String... args)
    {
        final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        final int code = Main.execute(args,
            new PrintStream(outBytes, true, StandardCharsets.UTF_8),
            new PrintStream(errBytes, true, StandardCharsets.UTF_8));
        out = outBytes.toString(StandardCharsets.UTF_8);
        err = errBytes.toString(StandardCharsets.UTF_8);
        return code;
    }

    private static Path resource(final String name) throws URISyntaxException
    {
        return Path.of(MainTest.class.getResource("/config/" + name).toURI());
    }
}
