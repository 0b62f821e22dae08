package net.srv6epe.dataplane.capture;

import net.srv6epe.dataplane.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** {@code srv6 capture} without a router: option mistakes (exit 2) and no router to ask (exit 1, no file left). */
class CaptureCommandTest
{
    @TempDir
    Path dir;

    private String err;

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--count 0         | srv6 capture: --count must be at least 1, not 0",
        "--seconds 0       | srv6 capture: --seconds must be at least 1, not 0",
        "--snaplen 13      | srv6 capture: --snaplen must be between 14 and 65535, not 13",
        "--point in,sideways | srv6 capture: unknown capture point 'sideways' (known: in, out, drop, all)",
    })
    void anOptionOutOfRangeIsRefusedBeforeAskingTheRouter(final String option, final String message)
    {
        final String[] words = option.split(" ");
        assertEquals(2, run("capture", "--port", "core", words[0], words[1], "-w", dir.resolve("c.pcapng").toString(),
            "--socket", dir.resolve("none.sock").toString()));
        assertEquals(message + "\ntry 'srv6 capture --help'\n", err);
        assertFalse(Files.exists(dir.resolve("c.pcapng")));
    }

    @Test
    void theFileAndThePortAreRequired()
    {
        assertEquals(2, run("capture", "--port", "core"));
        assertEquals("srv6 capture: Missing required option: '--write=FILE'\ntry 'srv6 capture --help'\n", err);
        assertEquals(2, run("capture", "-w", "x.pcapng"));
        assertEquals("srv6 capture: Missing required option: '--port=PORT'\ntry 'srv6 capture --help'\n", err);
    }

    @Test
    void withoutARouterItSaysSoAndLeavesNoFile()
    {
        final Path socket = dir.resolve("none.sock");
        final Path file = dir.resolve("c.pcapng");

        assertEquals(1, run("capture", "--port", "core", "-w", file.toString(), "--socket", socket.toString()));
        assertEquals("srv6: no router is listening on " + socket + " (is `srv6 run` started?)\n", err);
        assertFalse(Files.exists(file));
    }

    private int run(final String... args)
    {
        final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        final int code = Main.execute(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(errBytes, true, StandardCharsets.UTF_8));
        err = errBytes.toString(StandardCharsets.UTF_8);
        return code;
    }
}
