package net.srv6epe.dataplane.flowstats;

import net.srv6epe.vrf.ForwardingStatePublisher;
import org.agrona.concurrent.CachedNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sampler, driven by {@code doWork()} with a hand-advanced clock: no threads, no sleeps. */
class FlowSamplerTest
{
    private static final long INTERVAL_NS = 100_000_000L;

    private final CachedNanoClock clock = new CachedNanoClock();
    private final ListFlowSink sink = new ListFlowSink();
    private final ForwardingStatePublisher publisher = FlowTables.publisher();

    private FlowSampler sampler(final FlowTable table)
    {
        return new FlowSampler(new FlowTable[]{ table }, sink, publisher, List.of("core", "edge"), clock,
            () -> 1_700_000_000_000_000_000L + clock.nanoTime(), INTERVAL_NS);
    }

    @Test
    void samplesOncePerIntervalAndReportsDeltasWithNames()
    {
        final FlowTable table = new FlowTable(64);
        final FlowSampler sampler = sampler(table);
        clock.update(1_000);
        assertEquals(1, sampler.doWork(), "first call samples (nothing yet)");
        FlowTables.encap(table, 1, 100);
        FlowTables.encap(table, 1, 100);
        clock.update(1_000 + INTERVAL_NS - 1);
        assertEquals(0, sampler.doWork(), "not yet due");
        clock.update(1_000 + INTERVAL_NS);
        assertEquals(2, sampler.doWork(), "due: one sample, one flow");

        assertEquals(1, sink.records.size());
        final FlowRecord r = sink.records.get(0);
        assertEquals("2001:db8::1", r.source());
        assertEquals("2001:db8:ffff::1", r.destination());
        assertEquals(17, r.protocol());
        assertEquals(1, r.sourcePort());
        assertEquals(443, r.destinationPort());
        assertEquals("epe-a", r.vrf());
        assertEquals("sid", r.egressKind());
        assertEquals("fc00:a::a6", r.egress());
        assertEquals("edge", r.port());
        assertEquals(2, r.packets());
        assertEquals(200, r.bytes());
        assertEquals(INTERVAL_NS, r.intervalNs());
        assertEquals(1_700_000_000_000_000_000L + 1_000 + INTERVAL_NS, r.wallNs());

        FlowTables.encap(table, 1, 50);
        clock.update(1_000 + 2 * INTERVAL_NS);
        sampler.doWork();
        assertEquals(2, sink.records.size());
        assertEquals(1, sink.records.get(1).packets(), "a delta, not the running total");
        assertEquals(50, sink.records.get(1).bytes());

        clock.update(1_000 + 3 * INTERVAL_NS);
        sampler.doWork();
        assertEquals(2, sink.records.size(), "an idle flow reports nothing");
    }

    @ParameterizedTest
    @ValueSource(longs = { 1, 2, 3, 42 })
    void deltasSumToTheTotalsCountedEvenWithEvictionAndAFullTable(final long seed)
    {
        final FlowTable table = new FlowTable(16);
        final FlowSampler sampler = sampler(table);
        final SplittableRandom random = new SplittableRandom(seed);
        final Map<String, Long> packets = new HashMap<>();
        final Map<String, Long> bytes = new HashMap<>();
        long offered = 0;
        long now = 0;
        for (int round = 0; round < 200; round++)
        {
            table.beginBatch();
            final int burst = random.nextInt(50);
            for (int i = 0; i < burst; i++)
            {
                final int flow = random.nextInt(40);
                final int size = 64 + random.nextInt(1400);
                final long untrackedBefore = table.untracked();
                FlowTables.encap(table, flow, size);
                offered++;
                if (table.untracked() == untrackedBefore)
                {
                    packets.merge(FlowTables.key(flow), 1L, Long::sum);
                    bytes.merge(FlowTables.key(flow), (long)size, Long::sum);
                }
            }
            now += INTERVAL_NS;
            clock.update(now);
            sampler.doWork();
        }
        sampler.onClose();

        assertEquals(packets, sink.packetsByFlow());
        assertEquals(bytes, sink.bytesByFlow());
        assertEquals(offered, packets.values().stream().mapToLong(Long::longValue).sum() + sink.untracked);
        assertEquals(table.untracked(), sink.untracked);
        assertEquals(table.evicted(), sink.evicted);
        assertTrue(table.evicted() > 0, "40 flows in 16 slots must evict");
    }
}
