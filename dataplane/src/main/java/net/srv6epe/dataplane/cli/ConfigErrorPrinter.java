package net.srv6epe.dataplane.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

import net.srv6epe.dataplane.config.ConfigError;
import net.srv6epe.dataplane.config.ConfigException;

/** Prints every problem of a rejected configuration, one per line, prefixed with the file name. */
final class ConfigErrorPrinter
{
    private ConfigErrorPrinter()
    {
    }

    static void print(final PrintWriter err, final Path file, final ConfigException ex)
    {
        for (final ConfigError e : ex.errors())
        {
            err.println(file + ": " + e);
        }
        final int n = ex.errors().size();
        err.println(file + ": " + n + " error" + (n == 1 ? "" : "s") + ", configuration rejected");
        err.flush();
    }
}
