package net.srv6epe.dataplane.app;

import java.util.concurrent.CountDownLatch;

import sun.misc.Signal;

/**
 * SIGTERM and SIGINT stop the router cleanly: the handler only releases the latch {@link RouterMain#run} waits on;
 * the main thread then closes the router (BGP sessions end with a Cease, journals are flushed and closed) and the
 * process exits 0, as a daemon stopped on purpose should (the JVM's default would exit 143 / 130).
 */
final class StopSignal
{
    private StopSignal()
    {
    }

    /** Installs the handler for SIGTERM and SIGINT. */
    static void install(final CountDownLatch stop)
    {
        for (final String name : new String[] {"TERM", "INT"})
        {
            Signal.handle(new Signal(name), signal -> stop.countDown());
        }
    }
}
