package net.srv6epe.perf.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PerfMainTest
{
    @TempDir
    Path dir;

    @Test
    void aRefusedArgumentIsOneLineAndExitCodeTwoNotAStackTrace() throws Exception
    {
        final Path jar = Files.writeString(dir.resolve("router.jar"), "");
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final ByteArrayOutputStream out = new ByteArrayOutputStream();

        final int exit = PerfMain.commandLine(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8)).execute("search", "--scenario", "h-encaps,end-dt6",
            "--router-jar", jar.toString(), "--work-dir", dir.resolve("work").toString());

        assertEquals(2, exit);
        assertEquals("srv6 perf search: unknown scenario h-encaps,end-dt6; known: ipv6-forward, h-encaps, h-encaps-v4, " +
            "h-encaps-red, end, end-x, end-dt6, end-dt46, pbr-1m\n", err.toString(StandardCharsets.UTF_8));
        assertFalse(Files.exists(dir.resolve("work")), "nothing made for a refused run");
    }
}
