package net.srv6epe.dataplane.flowstats;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import net.openhft.chronicle.wire.WireIn;
import net.srv6epe.dataplane.journal.Journals;

import java.nio.file.Path;

/**
 * Reads the flow journal from its start; {@link #poll()} returns the next {@link FlowRecord} or null at the
 * current end (later calls return what was appended since). {@code untracked} documents are summed into
 * {@link #untracked()} / {@link #evicted()} as they are passed. Not thread safe.
 */
public final class FlowReader implements AutoCloseable
{
    private final ChronicleQueue queue;
    private final ExcerptTailer tailer;
    private long untracked;
    private long evicted;

    private FlowReader(final ChronicleQueue queue)
    {
        this.queue = queue;
        this.tailer = queue.createTailer();
    }

    /** Opens the flow queue under a journal directory, read only. */
    public static FlowReader open(final Path journalDir)
    {
        return new FlowReader(Journals.open(Journals.flowsDir(journalDir), true));
    }

    /** Moves to the end: only samples appended after this call are returned. */
    public FlowReader toEnd()
    {
        tailer.toEnd();
        return this;
    }

    /** The next flow record, or null when there is none yet. */
    public FlowRecord poll()
    {
        while (true)
        {
            try (DocumentContext dc = tailer.readingDocument())
            {
                if (!dc.isPresent())
                {
                    return null;
                }
                if (dc.isMetaData())
                {
                    continue;
                }
                final WireIn w = dc.wire();
                final String type = w.read("type").text();
                if ("untracked".equals(type))
                {
                    w.read("wallNs").int64();
                    w.read("monoNs").int64();
                    w.read("worker").int32();
                    untracked += w.read("untracked").int64();
                    evicted += w.read("evicted").int64();
                    continue;
                }
                return new FlowRecord(
                    w.read("wallNs").int64(),
                    w.read("monoNs").int64(),
                    w.read("intervalNs").int64(),
                    w.read("worker").int32(),
                    w.read("family").int32(),
                    w.read("src").text(),
                    w.read("dst").text(),
                    w.read("proto").int32(),
                    w.read("sport").int32(),
                    w.read("dport").int32(),
                    w.read("vrf").text(),
                    w.read("egressKind").text(),
                    w.read("egress").text(),
                    w.read("port").text(),
                    w.read("packets").int64(),
                    w.read("bytes").int64());
            }
        }
    }

    /** Untracked packets in the documents passed so far. */
    public long untracked()
    {
        return untracked;
    }

    /** Evicted flows in the documents passed so far. */
    public long evicted()
    {
        return evicted;
    }

    @Override
    public void close()
    {
        tailer.close();
        queue.close();
    }
}
