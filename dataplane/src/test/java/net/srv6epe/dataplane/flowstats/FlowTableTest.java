package net.srv6epe.dataplane.flowstats;

import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FlowTableTest
{
    private final CachedNanoClock clock = new CachedNanoClock();
    private final ListFlowSink sink = new ListFlowSink();

    private FlowSampler sampler(final FlowTable table)
    {
        return new FlowSampler(new FlowTable[]{ table }, sink, FlowTables.publisher(), List.of("core", "edge"),
            clock, clock::nanoTime, 1);
    }

    private void sampleAt(final FlowSampler sampler, final long nowNs)
    {
        clock.update(nowNs);
        sampler.doWork();
    }

    @Test
    void roundsCapacityUpToAPowerOfTwoOfAtLeastOneProbe()
    {
        assertEquals(16, new FlowTable(1).capacity());
        assertEquals(64, new FlowTable(33).capacity());
        assertEquals(65_536, new FlowTable(65_536).capacity());
    }

    @Test
    void countsPacketsAndBytesPerFlow()
    {
        final FlowTable table = new FlowTable(16);
        FlowTables.encap(table, 7, 100);
        FlowTables.encap(table, 7, 20);
        FlowTables.encap(table, 8, 1);
        sampleAt(sampler(table), 1);

        assertEquals(Map.of(FlowTables.key(7), 2L, FlowTables.key(8), 1L), sink.packetsByFlow());
        assertEquals(Map.of(FlowTables.key(7), 120L, FlowTables.key(8), 1L), sink.bytesByFlow());
        assertEquals(0, table.untracked());
    }

    @Test
    void aFullTableOfUnreportedFlowsCountsNewFlowsAsUntracked()
    {
        final FlowTable table = new FlowTable(16);
        for (int flow = 0; flow < 16; flow++)
        {
            FlowTables.encap(table, flow, 100);
        }
        FlowTables.encap(table, 16, 100);
        FlowTables.encap(table, 17, 100);
        FlowTables.encap(table, 3, 100);

        assertEquals(2, table.untracked(), "nothing was reported yet, so nothing may be evicted");
        assertEquals(0, table.evicted());
    }

    @Test
    void aFullTableEvictsTheFlowIdleLongestOnceItWasReported()
    {
        final FlowTable table = new FlowTable(16);
        final FlowSampler sampler = sampler(table);
        long now = 0;
        for (int flow = 0; flow < 16; flow++)
        {
            table.beginBatch();
            FlowTables.encap(table, flow, 100);
            sampleAt(sampler, ++now); // flow n last seen in epoch n
        }
        // all reported; flow 0 (last seen in epoch 0) comes back with an unreported packet, so flow 1 is the
        // reported flow idle longest and makes room for flow 16
        table.beginBatch();
        FlowTables.encap(table, 0, 100);
        FlowTables.encap(table, 16, 100);

        assertEquals(0, table.untracked());
        assertEquals(1, table.evicted());
        sampleAt(sampler, ++now);
        // flow 1 comes back: flow 2 is now the reported flow idle longest
        FlowTables.encap(table, 1, 100);
        sampleAt(sampler, ++now);
        assertEquals(2, table.evicted(), "flow 1 had to come back by evicting another idle flow");
        assertEquals(2L, sink.packetsByFlow().get(FlowTables.key(0)));
        assertEquals(1L, sink.packetsByFlow().get(FlowTables.key(16)));
        assertEquals(2L, sink.packetsByFlow().get(FlowTables.key(1)), "reported before and after its eviction");
    }

    @Test
    void aFlowSeenInTheCurrentEpochIsNeverEvicted()
    {
        final FlowTable table = new FlowTable(16);
        final FlowSampler sampler = sampler(table);
        sampleAt(sampler, 1);
        table.beginBatch();
        for (int flow = 0; flow < 16; flow++)
        {
            FlowTables.encap(table, flow, 100);
        }
        sampleAt(sampler, 2);
        // reported, but the worker has not started a batch in the new epoch: all were seen in its current epoch
        FlowTables.encap(table, 99, 100);

        assertEquals(1, table.untracked());
        assertEquals(0, table.evicted());
    }
}
