package net.srv6epe.dataplane.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A lab script of ours ({@code lab/epe/epe.sh}, {@code lab/bond/bond.sh}) run by an IT in its quick JSON form:
 * {@code SCRIPT COMMAND --quick --json --out DIR/LABEL} with the router jar of system property {@code srv6epe.jar},
 * checked to have written its table ({@code results.json}) and a plot,
 * bounded in time (SIGTERM lets the script remove its lab; a forced kill is followed by {@code SCRIPT down
 * --orphans}), its last stdout line parsed as the result, the routers' logs in the message of a failed run.
 */
final class LabScript
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String script;
    private final List<String> logNames;
    private final long timeoutS;
    private final Path dir;

    /**
     * @param script   the script, relative to the project root ({@code lab/bond/bond.sh})
     * @param logNames the files a failed run leaves in {@code OUT/logs} worth showing
     * @param timeoutS the longest one command may take
     * @param dir      where outputs go (the test's temporary directory)
     */
    LabScript(final String script, final List<String> logNames, final long timeoutS, final Path dir)
    {
        this.script = script;
        this.logNames = List.copyOf(logNames);
        this.timeoutS = timeoutS;
        this.dir = dir;
    }

    /**
     * Runs the command and its assertions; if either fails, once more. The lab shares two vCPUs with whatever else
     * runs: a burst of load can starve our routers for seconds, which no lab setting can rule out; a real
     * regression fails both runs. The first failure is printed and kept as suppressed.
     */
    void withOneRetry(final String command, final Consumer<JsonNode> assertions) throws Exception
    {
        try
        {
            assertions.accept(run(command, command));
        }
        catch (final AssertionError first)
        {
            System.out.println(script + " " + command + " failed once, running it again: " + first.getMessage());
            try
            {
                assertions.accept(run(command, command + "-retry"));
            }
            catch (final AssertionError second)
            {
                second.addSuppressed(first);
                throw second;
            }
        }
    }

    /**
     * Runs {@code SCRIPT COMMAND --quick --json --out DIR/LABEL}; returns the JSON object of its last line, after
     * checking that it names the command as its scenario, is quick, and that {@code results.json} was written.
     */
    JsonNode run(final String command, final String label) throws IOException, InterruptedException
    {
        final String jar = System.getProperty("srv6epe.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar)))
        {
            fail("system property srv6epe.jar must name the built router jar: " + jar);
        }
        final Path path = root().resolve(script);
        final Path out = dir.resolve(label);
        final Path stdout = dir.resolve(label + ".stdout");
        final Path stderr = dir.resolve(label + ".stderr");
        final List<String> cmd = new ArrayList<>(List.of("bash", path.toString(), command, "--quick", "--json",
            "--out", out.toString()));
        final ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile())
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        final Map<String, String> env = pb.environment();
        env.put("SRV6_EPE_JAR", jar);
        env.put("TMPDIR", dir.toString());
        final Process p = pb.start();
        if (!p.waitFor(timeoutS, TimeUnit.SECONDS))
        {
            // SIGTERM: the script removes its lab (after the transfer it is in, at most ~30 s)
            p.destroy();
            if (!p.waitFor(60, TimeUnit.SECONDS))
            {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                new ProcessBuilder("bash", path.toString(), "down", "--orphans").inheritIO().start()
                    .waitFor(60, TimeUnit.SECONDS);
            }
            fail(command + " did not finish within " + timeoutS + " s\n" + tail(stderr, 4000));
        }
        final String text = Files.readString(stdout, StandardCharsets.UTF_8);
        if (p.exitValue() != 0)
        {
            fail(String.join(" ", cmd) + " exited " + p.exitValue() + "\nstdout:\n" + tail(stdout, 3000) +
                "\nstderr:\n" + tail(stderr, 6000) + logs(out));
        }
        final String trimmed = text.strip();
        final String last = trimmed.substring(trimmed.lastIndexOf('\n') + 1);
        final JsonNode r;
        try
        {
            r = MAPPER.readTree(last);
        }
        catch (final IOException ex)
        {
            throw new AssertionError("the last line of " + command + "'s stdout is not JSON: " + last + "\n" + text,
                ex);
        }
        assertEquals(command, r.path("scenario").asText(), last);
        assertTrue(r.path("quick").asBoolean(), last);
        assertTrue(Files.isRegularFile(out.resolve("results.json")), "no results.json in " + out);
        try (var files = Files.list(out))
        {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().endsWith(".png")), "no plot in " + out);
        }
        System.out.println(trimmed.substring(0, trimmed.length() - last.length()));
        return r;
    }

    /** The output directory of the run labelled {@code label}. */
    Path out(final String label)
    {
        return dir.resolve(label);
    }

    private Path root()
    {
        final String prop = System.getProperty("srv6epe.root");
        if (prop != null && Files.isRegularFile(Path.of(prop, script)))
        {
            return Path.of(prop);
        }
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent())
        {
            if (Files.isRegularFile(d.resolve(script)))
            {
                return d;
            }
        }
        throw new IllegalStateException(script + " not found above " + Path.of("").toAbsolutePath() +
            " (system property srv6epe.root: " + prop + ")");
    }

    private static String tail(final Path file, final int chars)
    {
        try
        {
            final String s = Files.readString(file, StandardCharsets.UTF_8);
            return s.substring(Math.max(0, s.length() - chars));
        }
        catch (final IOException ex)
        {
            return "(" + file + ": " + ex + ")";
        }
    }

    /** The routers' logs a failed run left in OUT/logs. */
    private String logs(final Path out)
    {
        final StringBuilder b = new StringBuilder();
        for (final String name : logNames)
        {
            final Path f = out.resolve("logs").resolve(name);
            if (Files.isRegularFile(f))
            {
                b.append("\n--- ").append(name).append(" (tail)\n").append(tail(f, 3000));
            }
        }
        return b.toString();
    }
}
