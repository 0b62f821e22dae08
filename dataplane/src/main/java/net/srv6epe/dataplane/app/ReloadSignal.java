package net.srv6epe.dataplane.app;

import java.io.PrintStream;
import java.util.function.Supplier;

import sun.misc.Signal;

/**
 * SIGHUP reloads the configuration file, as daemons do: one line on stdout when applied, the reason on stderr when
 * refused. The JDK runs each signal's handler on a thread of its own, never a forwarding or BGP thread.
 */
final class ReloadSignal
{
    private ReloadSignal()
    {
    }

    /**
     * Installs the handler. While {@code reloader} gives null (the router is still starting) SIGHUP says so and
     * changes nothing.
     */
    static void install(final Supplier<ConfigReloader> reloaderOnceStarted, final PrintStream out,
        final PrintStream err)
    {
        Signal.handle(new Signal("HUP"), signal ->
        {
            final ConfigReloader reloader = reloaderOnceStarted.get();
            if (reloader == null)
            {
                err.println("SIGHUP: the router is not running yet; nothing was reloaded");
                err.flush();
                return;
            }
            try
            {
                out.println("SIGHUP: " + reloader.reload().summary());
                out.flush();
            }
            catch (final ConfigReloader.RefusedException ex)
            {
                err.println("SIGHUP: " + ex.getMessage());
                err.flush();
            }
        });
    }
}
