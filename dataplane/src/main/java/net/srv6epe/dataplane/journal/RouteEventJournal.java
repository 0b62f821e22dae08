package net.srv6epe.dataplane.journal;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;

import java.nio.file.Path;

/**
 * Appends {@link RouteEvent}s to the route-event Chronicle Queue ({@code <journal-dir>/events}). Each event is
 * one self-describing document with the fields {@code wallNs, monoNs, generation, kind, vrf, key, old, new, cause}
 * ({@code old} / {@code new} empty for an addition / removal). Read it back with {@link RouteEventReader}.
 * One writer at a time; not thread safe. The writer may change threads (the configuration at start, then the BGP
 * thread or a reload) when the callers serialize their appends: the appender is handed over to the new thread.
 */
public final class RouteEventJournal implements AutoCloseable
{
    private final ChronicleQueue queue;
    private final ExcerptAppender appender;
    private Thread writer;

    private RouteEventJournal(final ChronicleQueue queue)
    {
        this.queue = queue;
        this.appender = queue.createAppender();
    }

    /** Opens (creating when missing) the route-event queue under a journal directory. */
    public static RouteEventJournal open(final Path journalDir)
    {
        return new RouteEventJournal(Journals.open(Journals.eventsDir(journalDir), false));
    }

    /** Appends one event; it is on disk (in the mapped file) when this returns. */
    public void append(final RouteEvent event)
    {
        final StateChange c = event.change();
        if (writer != Thread.currentThread())
        {
            appender.singleThreadedCheckReset(); // Chronicle binds an appender to a thread: hand it over
            writer = Thread.currentThread();
        }
        appender.writeDocument(w -> w
            .write("wallNs").int64(event.wallNs())
            .write("monoNs").int64(event.monoNs())
            .write("generation").int64(event.generation())
            .write("kind").text(c.kind().label())
            .write("vrf").text(c.vrf())
            .write("key").text(c.key())
            .write("old").text(c.oldAction() == null ? "" : c.oldAction())
            .write("new").text(c.newAction() == null ? "" : c.newAction())
            .write("cause").text(event.cause()));
    }

    @Override
    public void close()
    {
        appender.close();
        queue.close();
    }
}
