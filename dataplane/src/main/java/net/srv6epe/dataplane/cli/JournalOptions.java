package net.srv6epe.dataplane.cli;

import net.srv6epe.dataplane.config.ConfigException;
import net.srv6epe.dataplane.config.ConfigLoader;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * How a journal command finds the journals and what it selects: {@code --dir DIR} (the router's
 * {@code router.journal-dir}) or the {@code journal-dir} of {@code --config FILE}; {@code --since} a time
 * ({@code 2026-11-24T06:00:00Z}) or an age ({@code 30s}, {@code 10m}, {@code 2h}, {@code 1d}); the output format.
 * The queues are read directly: no control socket, the router need not run.
 */
final class JournalOptions
{
    @Option(names = "--dir", paramLabel = "DIR", description = "the journal directory (router.journal-dir)")
    Path dir;

    @Option(names = "--config", paramLabel = "FILE", description = "take the journal directory from this configuration")
    Path config;

    @Option(names = "--since", paramLabel = "WHEN",
        description = "only entries from this time on: an ISO-8601 instant or an age such as 30s, 10m, 2h, 1d")
    String since;

    @Option(names = "--json", description = "one JSON object per line")
    boolean json;

    @Option(names = "--csv", description = "comma-separated values with a header line")
    boolean csv;

    /** The journal directory; its {@code sub} queue must exist. */
    Path journalDir(final String sub)
    {
        final Path journal;
        if (dir != null)
        {
            journal = dir;
        }
        else if (config != null)
        {
            try
            {
                journal = Path.of(ConfigLoader.load(config).router().journalDir());
            }
            catch (final ConfigException ex)
            {
                throw new CliException(config + ": " + ex.getMessage(), ExitCodes.INVALID);
            }
        }
        else
        {
            throw new CliException("give --dir DIR or --config FILE", ExitCodes.INVALID);
        }
        if (!Files.isDirectory(journal.resolve(sub)))
        {
            throw new CliException("no " + sub + " journal in " + journal + " (router.journal-dir)",
                ExitCodes.FAILURE);
        }
        return journal;
    }

    /** The output format chosen. */
    OutputFormat format()
    {
        if (json && csv)
        {
            throw new CliException("--json and --csv exclude each other", ExitCodes.INVALID);
        }
        return json ? OutputFormat.JSON : csv ? OutputFormat.CSV : OutputFormat.TEXT;
    }

    /**
     * The {@code --since} bound in wall-clock nanoseconds since the epoch, {@code Long.MIN_VALUE} when absent.
     *
     * @param nowNs the current wall-clock time, for ages
     */
    long sinceNs(final long nowNs)
    {
        return parseSince(since, nowNs);
    }

    static long parseSince(final String since, final long nowNs)
    {
        if (since == null)
        {
            return Long.MIN_VALUE;
        }
        final String s = since.trim();
        if (s.length() >= 2 && Character.isDigit(s.charAt(0)) && "smhd".indexOf(s.charAt(s.length() - 1)) >= 0)
        {
            try
            {
                final long amount = Long.parseLong(s.substring(0, s.length() - 1));
                final Duration age = switch (s.charAt(s.length() - 1))
                {
                    case 's' -> Duration.ofSeconds(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
                return nowNs - age.toNanos();
            }
            catch (final NumberFormatException | ArithmeticException ex)
            {
                // reported below
            }
        }
        try
        {
            final Instant instant = Instant.parse(s);
            return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
        }
        catch (final DateTimeParseException ex)
        {
            throw new CliException("--since '" + since + "': expected an ISO-8601 instant " +
                "(2026-11-24T06:00:00Z) or an age (30s, 10m, 2h, 1d)", ExitCodes.INVALID);
        }
    }

    /** ISO-8601 text of a wall-clock time in nanoseconds. */
    static String time(final long wallNs)
    {
        return Instant.ofEpochSecond(Math.floorDiv(wallNs, 1_000_000_000L), Math.floorMod(wallNs, 1_000_000_000L))
            .toString();
    }
}
