package net.srv6epe.dataplane.flowstats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A {@link FlowSink} that keeps everything in lists, for tests. */
final class ListFlowSink implements FlowSink
{
    final List<FlowRecord> records = new ArrayList<>();
    long untracked;
    long evicted;

    @Override
    public void append(final FlowRecord record)
    {
        records.add(record);
    }

    @Override
    public void appendUntracked(
        final long wallNs, final long monoNs, final int worker, final long untracked, final long evicted)
    {
        this.untracked += untracked;
        this.evicted += evicted;
    }

    /** Packets per flow key, summed over all records. */
    Map<String, Long> packetsByFlow()
    {
        final Map<String, Long> sums = new HashMap<>();
        for (final FlowRecord r : records)
        {
            sums.merge(r.flowKey(), r.packets(), Long::sum);
        }
        return sums;
    }

    /** Bytes per flow key, summed over all records. */
    Map<String, Long> bytesByFlow()
    {
        final Map<String, Long> sums = new HashMap<>();
        for (final FlowRecord r : records)
        {
            sums.merge(r.flowKey(), r.bytes(), Long::sum);
        }
        return sums;
    }
}
