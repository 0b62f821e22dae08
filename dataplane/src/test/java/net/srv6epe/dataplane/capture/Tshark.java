package net.srv6epe.dataplane.capture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Wireshark's decoder on a capture file: one line per frame, the fields separated by tabs. */
final class Tshark
{
    private Tshark()
    {
    }

    static boolean available()
    {
        try
        {
            return new ProcessBuilder("tshark", "--version").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(20, TimeUnit.SECONDS);
        }
        catch (final IOException | InterruptedException ex)
        {
            return false;
        }
    }

    /**
     * The fields of every frame.
     *
     * @throws IllegalStateException with tshark's complaint when it cannot read the file
     */
    static List<String> fields(final Path file, final String... fields) throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>(List.of("tshark", "-r", file.toString(), "-T", "fields"));
        for (final String f : fields)
        {
            command.add("-e");
            command.add(f);
        }
        final Process p = new ProcessBuilder(command).start();
        final String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        final String errors = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0)
        {
            throw new IllegalStateException("tshark cannot read " + file + ": " + errors.strip());
        }
        return text.isBlank() ? List.of() : List.of(text.strip().split("\n"));
    }
}
