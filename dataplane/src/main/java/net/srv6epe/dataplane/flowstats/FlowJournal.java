package net.srv6epe.dataplane.flowstats;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.srv6epe.dataplane.journal.Journals;

import java.nio.file.Path;

/**
 * Appends flow-stats samples to the flow Chronicle Queue ({@code <journal-dir>/flows}). Two document types, told
 * apart by their first field {@code type}: {@code flow} (one {@link FlowRecord}) and {@code untracked} (packets a
 * worker could not count because its table was full, and flows it evicted, in the interval). Read it back with
 * {@link FlowReader}. The sampler's thread only.
 */
public final class FlowJournal implements FlowSink, AutoCloseable
{
    private final ChronicleQueue queue;
    private final ExcerptAppender appender;

    private FlowJournal(final ChronicleQueue queue)
    {
        this.queue = queue;
        this.appender = queue.createAppender();
    }

    /** Opens (creating when missing) the flow queue under a journal directory. */
    public static FlowJournal open(final Path journalDir)
    {
        return new FlowJournal(Journals.open(Journals.flowsDir(journalDir), false));
    }

    /** Appends one flow delta. */
    @Override
    public void append(final FlowRecord r)
    {
        appender.writeDocument(w -> w
            .write("type").text("flow")
            .write("wallNs").int64(r.wallNs())
            .write("monoNs").int64(r.monoNs())
            .write("intervalNs").int64(r.intervalNs())
            .write("worker").int32(r.worker())
            .write("family").int32(r.family())
            .write("src").text(r.source())
            .write("dst").text(r.destination())
            .write("proto").int32(r.protocol())
            .write("sport").int32(r.sourcePort())
            .write("dport").int32(r.destinationPort())
            .write("vrf").text(r.vrf())
            .write("egressKind").text(r.egressKind())
            .write("egress").text(r.egress())
            .write("port").text(r.port())
            .write("packets").int64(r.packets())
            .write("bytes").int64(r.bytes()));
    }

    /** Appends a worker's untracked packets and evictions over an interval. */
    @Override
    public void appendUntracked(
        final long wallNs, final long monoNs, final int worker, final long untracked, final long evicted)
    {
        appender.writeDocument(w -> w
            .write("type").text("untracked")
            .write("wallNs").int64(wallNs)
            .write("monoNs").int64(monoNs)
            .write("worker").int32(worker)
            .write("untracked").int64(untracked)
            .write("evicted").int64(evicted));
    }

    @Override
    public void close()
    {
        appender.close();
        queue.close();
    }
}
