package net.srv6epe.dataplane.flowstats;

import net.srv6epe.srv6.Ipv4Address;
import net.srv6epe.srv6.Ipv6Address;
import net.srv6epe.vrf.ForwardingStatePublisher;
import net.srv6epe.vrf.Vrf;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.EpochNanoClock;
import org.agrona.concurrent.NanoClock;

import java.lang.invoke.VarHandle;
import java.util.List;

/**
 * The flow-stats sampler: every {@code intervalNs} it reads each worker's {@link FlowTable} (the seqlock protocol
 * described there), writes one {@link FlowRecord} per flow that moved since the previous sample (the delta) to a
 * {@link FlowSink}, publishes what it reported back to the table, and starts the next epoch. It runs on its own
 * thread, never on a worker's; it allocates (names, records) but only once per interval and flow.
 */
public final class FlowSampler implements Agent
{
    private final FlowTable[] tables;
    private final long[][] seqs;
    private final long[][] packets;
    private final long[][] bytes;
    private final long[] untracked;
    private final long[] evicted;
    private final FlowSink sink;
    private final ForwardingStatePublisher publisher;
    private final List<String> portNames;
    private final NanoClock clock;
    private final EpochNanoClock wallClock;
    private final long intervalNs;
    private long nextSampleNs = Long.MIN_VALUE;
    private long lastSampleNs;
    private long epoch;

    /**
     * @param tables     one per worker, index = worker number
     * @param publisher  for VRF names
     * @param portNames  port names by port index
     * @param intervalNs sampling period
     */
    public FlowSampler(
        final FlowTable[] tables,
        final FlowSink sink,
        final ForwardingStatePublisher publisher,
        final List<String> portNames,
        final NanoClock clock,
        final EpochNanoClock wallClock,
        final long intervalNs)
    {
        this.tables = tables.clone();
        this.sink = sink;
        this.publisher = publisher;
        this.portNames = List.copyOf(portNames);
        this.clock = clock;
        this.wallClock = wallClock;
        this.intervalNs = intervalNs;
        this.lastSampleNs = clock.nanoTime(); // counting starts with the workers, after this
        seqs = new long[tables.length][];
        packets = new long[tables.length][];
        bytes = new long[tables.length][];
        untracked = new long[tables.length];
        evicted = new long[tables.length];
        for (int i = 0; i < tables.length; i++)
        {
            seqs[i] = new long[tables[i].capacity()];
            packets[i] = new long[tables[i].capacity()];
            bytes[i] = new long[tables[i].capacity()];
        }
    }

    @Override
    public int doWork()
    {
        final long nowNs = clock.nanoTime();
        if (nowNs < nextSampleNs)
        {
            return 0;
        }
        final int flows = sample(nowNs);
        nextSampleNs = nowNs + intervalNs;
        return 1 + flows;
    }

    /** Samples every table now, whatever the interval; returns the flows reported. Also used on close. */
    public int sample(final long nowNs)
    {
        final long wallNs = wallClock.nanoTime();
        final long sinceNs = nowNs - lastSampleNs;
        lastSampleNs = nowNs;
        epoch++;
        int flows = 0;
        for (int t = 0; t < tables.length; t++)
        {
            flows += sampleTable(t, nowNs, wallNs, sinceNs);
        }
        return flows;
    }

    private int sampleTable(final int t, final long nowNs, final long wallNs, final long sinceNs)
    {
        final FlowTable table = tables[t];
        final long[] slots = table.slots();
        final long[] seqs = this.seqs[t];
        final long[] packets = this.packets[t];
        final long[] bytes = this.bytes[t];
        int flows = 0;
        for (int slot = 0; slot < seqs.length; slot++)
        {
            final int base = slot * FlowTable.SLOT_LONGS;
            final long seq = (long)FlowTable.LONGS.getAcquire(slots, base + FlowTable.SEQ);
            if (seq == 0 || (seq & 1) != 0)
            {
                continue;
            }
            final long p = (long)FlowTable.LONGS.getAcquire(slots, base + FlowTable.PACKETS);
            final long b = (long)FlowTable.LONGS.getAcquire(slots, base + FlowTable.BYTES);
            final long srcHi = slots[base + FlowTable.SRC_HI];
            final long srcLo = slots[base + FlowTable.SRC_LO];
            final long dstHi = slots[base + FlowTable.DST_HI];
            final long dstLo = slots[base + FlowTable.DST_LO];
            final long tuple = slots[base + FlowTable.TUPLE];
            final long egress = slots[base + FlowTable.EGRESS];
            final long egressHi = slots[base + FlowTable.EGRESS_HI];
            final long egressLo = slots[base + FlowTable.EGRESS_LO];
            VarHandle.loadLoadFence();
            if ((long)FlowTable.LONGS.getAcquire(slots, base + FlowTable.SEQ) != seq)
            {
                continue; // being replaced: next round
            }
            if (seq != seqs[slot])
            {
                seqs[slot] = seq;
                packets[slot] = 0;
                bytes[slot] = 0;
            }
            final long deltaPackets = p - packets[slot];
            final long deltaBytes = b - bytes[slot];
            if (deltaPackets != 0 || deltaBytes != 0)
            {
                sink.append(record(t, nowNs, wallNs, sinceNs, srcHi, srcLo, dstHi, dstLo, tuple, egress, egressHi,
                    egressLo, deltaPackets, deltaBytes));
                flows++;
                packets[slot] = p;
                bytes[slot] = b;
            }
            table.reported(slot, seq, p);
        }
        final long u = table.untracked();
        final long e = table.evicted();
        if (u != untracked[t] || e != evicted[t])
        {
            sink.appendUntracked(wallNs, nowNs, t, u - untracked[t], e - evicted[t]);
            untracked[t] = u;
            evicted[t] = e;
        }
        table.advanceEpoch(epoch);
        return flows;
    }

    private FlowRecord record(
        final int worker,
        final long nowNs,
        final long wallNs,
        final long sinceNs,
        final long srcHi,
        final long srcLo,
        final long dstHi,
        final long dstLo,
        final long tuple,
        final long egress,
        final long egressHi,
        final long egressLo,
        final long deltaPackets,
        final long deltaBytes)
    {
        final int family = (int)(tuple >>> 48) & 0xFF;
        final int kind = (int)(egress >>> 56) & 0xFF;
        final int vrfId = (int)(egress >>> 24) & 0xFF_FFFF;
        final int port = (int)egress & 0xFF_FFFF;
        final Vrf vrf = publisher.current().vrf(vrfId);
        final boolean nextHop4 = kind == FlowTable.EGRESS_NEXT_HOP && egressHi == 0 && (egressLo >>> 32) == 0 &&
            family == 4;
        return new FlowRecord(wallNs, nowNs, sinceNs, worker, family,
            address(family, srcHi, srcLo), address(family, dstHi, dstLo),
            (int)(tuple >>> 32) & 0xFF, (int)(tuple >>> 16) & 0xFFFF, (int)tuple & 0xFFFF,
            vrf == null ? "#" + vrfId : vrf.name(),
            kind == FlowTable.EGRESS_SID ? "sid" : "via",
            nextHop4 ? Ipv4Address.format((int)egressLo) : Ipv6Address.format(egressHi, egressLo),
            port < portNames.size() ? portNames.get(port) : "#" + port,
            deltaPackets, deltaBytes);
    }

    private static String address(final int family, final long hi, final long lo)
    {
        return family == 4 ? Ipv4Address.format((int)lo) : Ipv6Address.format(hi, lo);
    }

    /** A last sample on the way out, so counts since the previous interval are not lost. */
    @Override
    public void onClose()
    {
        sample(clock.nanoTime());
    }

    @Override
    public String roleName()
    {
        return "srv6-epe-flow-sampler";
    }
}
