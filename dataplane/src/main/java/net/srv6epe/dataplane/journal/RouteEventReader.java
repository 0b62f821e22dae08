package net.srv6epe.dataplane.journal;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import net.openhft.chronicle.wire.WireIn;

import java.nio.file.Path;

/**
 * Reads the route-event journal from its start, event by event; {@link #poll()} returns null at the current end
 * and later returns what was appended since, so a reader can follow a running router. No control socket is
 * involved: the queue files are read directly. Not thread safe.
 */
public final class RouteEventReader implements AutoCloseable
{
    private final ChronicleQueue queue;
    private final ExcerptTailer tailer;

    private RouteEventReader(final ChronicleQueue queue)
    {
        this.queue = queue;
        this.tailer = queue.createTailer();
    }

    /** Opens the route-event queue under a journal directory, read only. */
    public static RouteEventReader open(final Path journalDir)
    {
        return new RouteEventReader(Journals.open(Journals.eventsDir(journalDir), true));
    }

    /** Moves to the end: the next {@link #poll()} returns only events appended after this call. */
    public RouteEventReader toEnd()
    {
        tailer.toEnd();
        return this;
    }

    /** The next event, or null when there is none yet. */
    public RouteEvent poll()
    {
        try (DocumentContext dc = tailer.readingDocument())
        {
            if (!dc.isPresent() || dc.isMetaData())
            {
                return null;
            }
            final WireIn w = dc.wire();
            final long wallNs = w.read("wallNs").int64();
            final long monoNs = w.read("monoNs").int64();
            final long generation = w.read("generation").int64();
            final ChangeKind kind = ChangeKind.ofLabel(w.read("kind").text());
            final String vrf = w.read("vrf").text();
            final String key = w.read("key").text();
            final String old = w.read("old").text();
            final String now = w.read("new").text();
            final String cause = w.read("cause").text();
            return new RouteEvent(wallNs, monoNs, generation,
                new StateChange(kind, vrf, key, emptyToNull(old), emptyToNull(now)), cause);
        }
    }

    private static String emptyToNull(final String text)
    {
        return text == null || text.isEmpty() ? null : text;
    }

    @Override
    public void close()
    {
        tailer.close();
        queue.close();
    }
}
