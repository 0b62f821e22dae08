package net.srv6epe.dataplane.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Short temporary directories under /tmp for socket files (sun_path is limited to 107 bytes). */
final class SocketDirs
{
    private SocketDirs()
    {
    }

    static Path create()
    {
        try
        {
            return Files.createTempDirectory(Path.of("/tmp"), "h3ctl");
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    static void delete(final Path dir)
    {
        try (Stream<Path> paths = Files.walk(dir))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
