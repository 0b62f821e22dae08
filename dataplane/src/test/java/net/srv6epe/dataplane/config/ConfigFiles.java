package net.srv6epe.dataplane.config;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** Paths of the test configurations under {@code src/test/resources/config}. */
final class ConfigFiles
{
    private ConfigFiles()
    {
    }

    static Path of(final String name)
    {
        try
        {
            return Path.of(ConfigFiles.class.getResource("/config/" + name).toURI());
        }
        catch (final URISyntaxException ex)
        {
            throw new IllegalStateException(ex);
        }
    }
}
