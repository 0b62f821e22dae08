package net.srv6epe.dataplane.flowstats;

/** Where a {@link FlowSampler} puts what it sampled ({@link FlowJournal}, or a list in tests). */
public interface FlowSink
{
    /** One flow's delta over the interval. */
    void append(FlowRecord record);

    /** A worker's untracked packets and evicted flows over the interval (called only when either is non-zero). */
    void appendUntracked(long wallNs, long monoNs, int worker, long untracked, long evicted);
}
