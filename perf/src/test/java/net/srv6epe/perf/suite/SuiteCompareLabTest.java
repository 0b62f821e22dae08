package net.srv6epe.perf.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short {@code perf compare} through real namespaces, our router and the kernel: the shape of the result, not the
 * speed. At a low fixed rate both DUTs must deliver at least 99 % of what was sent, in order, and the JSON carry
 * every field. Needs root, iproute2, the router jar ({@code srv6epe.router.jar}, {@code SRV6_EPE_JAR}, or the
 * dataplane module's build next to this one).
 */
@EnabledIfSystemProperty(named = "srv6epe.netns", matches = "true",
    disabledReason = "builds network namespaces (root): run with -Dsrv6epe.netns=true")
class SuiteCompareLabTest
{
    private static final List<String> FIELDS = List.of("scenario", "frame_size", "java_pps", "kernel_pps", "ratio",
        "loss", "p50_us", "p99_us");

    @TempDir
    Path work;

    @Test
    void bothDutsForwardALowRateInOrderAndTheJsonHasTheFields() throws Exception
    {
        final Run run = compare("--out", work.resolve("report").toString(), "--plot-script", "/nonexistent/plot.py");
        final String stdout = run.stdout();
        final String stderr = run.stderr();
        assertEquals(0, run.exit(), stdout + stderr);
        final List<JsonNode> rows = new ArrayList<>();
        for (final String line : stdout.split("\n"))
        {
            if (!line.isBlank())
            {
                rows.add(new ObjectMapper().readTree(line));
            }
        }
        assertEquals(List.of("h-encaps", "end-dt6"), rows.stream().map(r -> r.get("scenario").asText()).toList(),
            stdout);
        for (final JsonNode row : rows)
        {
            for (final String field : FIELDS)
            {
                assertTrue(row.hasNonNull(field), field + " missing in " + row);
            }
            assertEquals(78, row.get("frame_size").asInt(), "64 raised to the IPv6/UDP + trailer minimum: " + row);
            assertEquals(0, row.get("reordered").asLong(), row.toString());
            // both DUTs deliver >= 99 % of a low offered rate
            assertTrue(row.get("loss").asDouble() <= 0.01, "java loss " + row);
            assertTrue(row.get("kernel_loss").asDouble() <= 0.01, "kernel loss " + row);
            assertTrue(row.get("java_pps").asDouble() > 0 && row.get("kernel_pps").asDouble() > 0, row.toString());
        }
        assertTrue(stderr.contains("[4/4"), "progress line: " + stderr);
        assertTrue(Files.readString(work.resolve("report/results.csv")).lines().count() == 3,
            "CSV header + 2 rows");
        assertTrue(Files.readString(work.resolve("report/results.md")).contains("| h-encaps | 78 |"));
        try (var names = Files.list(Path.of("/run/netns")))
        {
            final String prefix = "s6ps-" + ProcessHandle.current().pid() + "-";
            assertTrue(names.noneMatch(p -> p.getFileName().toString().startsWith(prefix)),
                "namespaces left behind");
        }
    }

    /**
     * The same through the xdp generator (XDP live frames into in0, its NAPI threaded on the DUT CPU for both DUTs)
     * and our router on af-xdp: both deliver a low rate whole and in order.
     */
    @Test
    void theXdpGeneratorFeedsBothDutsInOrder() throws Exception
    {
        final Run run = compare("--gen-backend", "xdp", "--router-backend", "af-xdp");
        final String stdout = run.stdout();
        final String stderr = run.stderr();
        assertEquals(0, run.exit(), stdout + stderr);
        int rows = 0;
        for (final String line : stdout.split("\n"))
        {
            if (line.isBlank())
            {
                continue;
            }
            final JsonNode row = new ObjectMapper().readTree(line);
            rows++;
            assertEquals(0, row.get("reordered").asLong(), row.toString());
            assertTrue(row.get("loss").asDouble() <= 0.01, "java loss " + row);
            assertTrue(row.get("kernel_loss").asDouble() <= 0.01, "kernel loss " + row);
            // 2 s at 2,000 pps: about 4,000 frames each, not a handful
            assertTrue(row.get("java_pps").asDouble() > 1500 && row.get("kernel_pps").asDouble() > 1500,
                row.toString());
        }
        assertEquals(2, rows, stdout);
        assertTrue(stderr.contains("xdp generator"), "placement names the generator: " + stderr);
    }

    @Test
    void theXdpGeneratorRefusesFramesLargerThanAPageBeforeAnyRun() throws Exception
    {
        final Run run = compare("--frame-size", "64,9000", "--gen-backend", "xdp");
        final String stderr = run.stderr();
        assertEquals(2, run.exit(), stderr);
        assertTrue(stderr.contains("up to " + XdpGenerator.MAX_FRAME) && stderr.contains("9000 B"), stderr);
        assertTrue(!Files.exists(work.resolve("runs")) || Files.list(work.resolve("runs")).findAny().isEmpty(),
            "refused before any run");
    }

    /** What a {@code perf compare} printed and returned. */
    private record Run(int exit, String stdout, String stderr)
    {
    }

    /**
     * {@code perf compare} of h-encaps and end-dt6, 64 B, one run each of 2 s at 2,000 pps, JSON, with {@code extra}
     * options (options not given here; {@code --scenario} again adds scenarios).
     */
    private Run compare(final String... extra)
    {
        final List<String> args = new ArrayList<>(List.of("compare", "--router-jar", routerJar(), "--scenario",
            "h-encaps,end-dt6", "--frame-size", "64", "--seconds", "2", "--warm-up-seconds", "1", "--runs", "1",
            "--rate", "2000", "--latency-fraction", "0", "--json", "--work-dir", work.resolve("runs").toString()));
        args.addAll(List.of(extra));
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int exit = PerfMain.commandLine(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8)).execute(args.toArray(String[]::new));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String routerJar()
    {
        final String property = System.getProperty("srv6epe.router.jar");
        if (property != null && !property.isBlank())
        {
            return property;
        }
        final String env = System.getenv("SRV6_EPE_JAR");
        if (env != null && !env.isBlank())
        {
            return env;
        }
        try
        {
            // this module's build directory (target/ or -Dsrv6epe.build.dir=.../perf): the dataplane's is beside it
            final Path testClasses = Path.of(SuiteCompareLabTest.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI());
            final Path buildDir = testClasses.getParent();
            for (final Path candidate : List.of(buildDir.getParent().resolve("dataplane/srv6-epe.jar"),
                buildDir.getParent().getParent().resolve("dataplane/target/srv6-epe.jar")))
            {
                if (Files.isRegularFile(candidate))
                {
                    return candidate.toString();
                }
            }
        }
        catch (final java.net.URISyntaxException ex)
        {
            throw new IllegalStateException(ex);
        }
        throw new IllegalStateException("no router jar: build the dataplane module (mvn package) or set " +
            "-Dsrv6epe.router.jar / SRV6_EPE_JAR");
    }
}
