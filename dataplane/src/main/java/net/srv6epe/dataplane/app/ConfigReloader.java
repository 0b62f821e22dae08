package net.srv6epe.dataplane.app;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import net.srv6epe.dataplane.config.ConfigError;
import net.srv6epe.dataplane.config.ConfigException;
import net.srv6epe.dataplane.config.ConfigLoader;
import net.srv6epe.dataplane.config.RouterConfig;
import net.srv6epe.dataplane.journal.StateChange;
import net.srv6epe.vrf.ForwardingState;

/**
 * Reloads the running router's configuration file (SIGHUP, {@code srv6 config reload}): reads it again, validates
 * it completely, refuses changes only a restart can apply ({@link ReloadScope}), compiles the new forwarding
 * tables, and hands the old and the new configured state to the forwarding state's one writer, which moves the
 * live state from one to the other ({@link net.srv6epe.vrf.StateRebase}) and publishes the result as one new
 * snapshot, journaled with cause {@code reload}. Anything wrong before that last step changes nothing and says
 * why. One reload at a time; any thread.
 */
public final class ConfigReloader
{
    /** The writer side: moves the live state from one configured base to the next, returns what changed. */
    @FunctionalInterface
    public interface Applier
    {
        /**
         * @throws RuntimeException when the new state cannot be built (nothing is published then)
         */
        List<StateChange> apply(ForwardingState oldBase, ForwardingState newBase, String cause) throws Exception;
    }

    /** The outcome of a reload that was applied. */
    public record Result(int changes, String summary)
    {
    }

    /** A reload that changed nothing; the message says why. */
    public static final class RefusedException extends Exception
    {
        private static final long serialVersionUID = 1L;

        RefusedException(final String message)
        {
            super(message);
        }
    }

    private final Path file;
    private final Applier applier;
    private volatile RouterConfig config;
    private ForwardingState base;

    /**
     * @param file    the configuration file the router started from, read again on each reload
     * @param config  the configuration it runs now
     * @param base    that configuration compiled (the state published at start, before any protocol's changes)
     * @param applier the forwarding state's writer
     */
    public ConfigReloader(final Path file, final RouterConfig config, final ForwardingState base,
        final Applier applier)
    {
        this.file = Objects.requireNonNull(file, "file");
        this.config = Objects.requireNonNull(config, "config");
        this.base = Objects.requireNonNull(base, "base");
        this.applier = Objects.requireNonNull(applier, "applier");
    }

    /** The configuration in force: the one from start, or from the last reload that was applied. */
    public RouterConfig config()
    {
        return config;
    }

    /** The file reloads read. */
    public Path file()
    {
        return file;
    }

    /**
     * Reads, checks and applies the configuration file.
     *
     * @throws RefusedException when nothing was changed: the file is invalid (every error, one per line), it changes
     *     what only a restart changes, or the new tables cannot be built
     */
    public synchronized Result reload() throws RefusedException
    {
        final RouterConfig next;
        try
        {
            next = ConfigLoader.load(file);
        }
        catch (final ConfigException ex)
        {
            final StringWriter text = new StringWriter();
            final PrintWriter w = new PrintWriter(text);
            for (final ConfigError e : ex.errors())
            {
                w.println(file + ": " + e);
            }
            w.print("reload refused: " + ex.errors().size() + " error" + (ex.errors().size() == 1 ? "" : "s") +
                " in " + file + "; nothing was changed");
            w.flush();
            throw new RefusedException(text.toString());
        }
        final List<String> restart = ReloadScope.restartOnly(config, next);
        if (!restart.isEmpty())
        {
            throw new RefusedException("reload refused: " + String.join(", ", restart) + (restart.size() == 1 ?
                " changed; that section takes" : " changed; those sections take") +
                " a restart (a reload applies vrfs, locators, sids and pbr); nothing was changed");
        }
        final ForwardingState nextBase;
        try
        {
            nextBase = ForwardingCompiler.compile(next);
        }
        catch (final RuntimeException ex)
        {
            throw new RefusedException("reload refused: cannot build the forwarding tables: " + ex.getMessage() +
                "; nothing was changed");
        }
        final List<StateChange> changes;
        try
        {
            changes = applier.apply(base, nextBase, "reload " + file);
        }
        catch (final TimeoutException ex)
        {
            throw new RefusedException("reload not confirmed: the forwarding state's writer did not apply it in " +
                "time; it may still be applied (srv6 events tail shows it)");
        }
        catch (final Exception ex)
        {
            final Throwable cause = ex instanceof ExecutionException && ex.getCause() != null ? ex.getCause() : ex;
            throw new RefusedException("reload refused: " + cause.getMessage() + "; nothing was changed");
        }
        base = nextBase;
        config = next;
        return new Result(changes.size(), "reloaded " + file + ": " + changes.size() + " change" +
            (changes.size() == 1 ? "" : "s") + " (" + next.summary() + ")");
    }
}
