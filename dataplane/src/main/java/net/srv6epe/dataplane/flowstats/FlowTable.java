package net.srv6epe.dataplane.flowstats;

import org.agrona.BitUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One worker's SRv6 flow counters (the paper's "SRv6 Flow Stats", built in): a bounded open-addressing table
 * keyed by a flow's inner 5-tuple plus its egress (VRF id, SID or next hop, port), holding cumulative packets and
 * bytes. The worker ({@link #record}) counts without locks or allocation; one {@link FlowSampler} reads the
 * table concurrently and reports deltas.
 *
 * <h2>Layout</h2>
 * One slot is {@value #SLOT_LONGS} consecutive elements of one {@code long[]}: a sequence number, the key,
 * packets, bytes, the sampler epoch the flow was last seen in, and two words only the sampler writes (the sequence
 * and packet count it last reported). Probing is linear over at most {@value #PROBE} slots. Plain array access on
 * the worker's own path; release / acquire through {@link #LONGS} where the other thread reads.
 *
 * <h2>Hand-off (worker never blocks, never allocates)</h2>
 * <ul>
 *   <li>The worker is the only writer of a slot's key and counters. Claiming a slot for a new flow is a seqlock
 *       write: sequence to odd, key and zeroed counters, sequence to the next even value (release stores).
 *       Counting adds to bytes, then to packets (release), so a reader that sees a packet count also sees its
 *       bytes.</li>
 *   <li>The sampler reads the sequence, the key and counters, the sequence again; a slot whose sequence is odd or
 *       moved is skipped this round. A new sequence means a new flow, whose delta starts from zero. After
 *       reporting, the sampler publishes the sequence and packet count it reported.</li>
 *   <li>When no probed slot is free, the worker evicts the probed flow idle longest (oldest last-seen epoch,
 *       not seen in the current epoch) <em>whose counts the sampler has reported in full</em>; if there is none
 *       the packet is counted as {@link #untracked()}. So every packet counted in the table is reported exactly
 *       once: the sampler's deltas add up to the table's totals.</li>
 * </ul>
 */
public final class FlowTable
{
    /** Longs per slot. */
    public static final int SLOT_LONGS = 16;
    /** Slots looked at for one key before evicting or giving up. */
    public static final int PROBE = 16;

    /** Egress kind: the packet left H.Encaps'ed towards a SID (the template's first segment). */
    public static final int EGRESS_SID = 1;
    /** Egress kind: the decapsulated packet was forwarded to a next hop. */
    public static final int EGRESS_NEXT_HOP = 2;

    static final int SEQ = 0;
    static final int SRC_HI = 1;
    static final int SRC_LO = 2;
    static final int DST_HI = 3;
    static final int DST_LO = 4;
    /** family (8 bits) << 48 | protocol (8) << 32 | source port (16) << 16 | destination port (16). */
    static final int TUPLE = 5;
    /** egress kind (8 bits) << 56 | VRF id (24) << 24 | port index (24). */
    static final int EGRESS = 6;
    static final int EGRESS_HI = 7;
    static final int EGRESS_LO = 8;
    static final int PACKETS = 9;
    static final int BYTES = 10;
    static final int LAST_SEEN = 11;
    static final int HASH = 12;
    static final int SAMPLED_SEQ = 13;
    static final int SAMPLED_PACKETS = 14;

    private final int capacity;
    private final int mask;
    /** Release / acquire access to single elements of {@link #slots} (plain array access elsewhere). */
    static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] slots;
    /** Written by the worker, read by the sampler: untracked packets, evictions; written by the sampler: epoch. */
    private final UnsafeBuffer shared = new UnsafeBuffer(new byte[3 * BitUtil.CACHE_LINE_LENGTH]);
    private static final int UNTRACKED_OFFSET = 0;
    private static final int EVICTED_OFFSET = BitUtil.CACHE_LINE_LENGTH;
    private static final int EPOCH_OFFSET = 2 * BitUtil.CACHE_LINE_LENGTH;

    private long epoch;
    private long untracked;
    private long evicted;

    /**
     * @param maxFlows flows tracked; rounded up to a power of two, at least {@value #PROBE}
     */
    public FlowTable(final int maxFlows)
    {
        capacity = BitUtil.findNextPositivePowerOfTwo(Math.max(maxFlows, PROBE));
        mask = capacity - 1;
        slots = new long[capacity * SLOT_LONGS];
    }

    /** Slots in the table. */
    public int capacity()
    {
        return capacity;
    }

    /** Worker: once per batch, takes the sampler's current epoch for the last-seen marks. */
    public void beginBatch()
    {
        epoch = shared.getLongAcquire(EPOCH_OFFSET);
    }

    /**
     * Worker: counts one packet of a flow. Allocation free, lock free.
     *
     * @param family     6 or 4 (of the inner packet)
     * @param srcHi      inner source, high 64 bits (0 for IPv4)
     * @param srcLo      inner source, low 64 bits (the IPv4 address for IPv4)
     * @param dstHi      inner destination, high 64 bits
     * @param dstLo      inner destination, low 64 bits
     * @param protoPorts {@link #protoPorts(int, int, int)}
     * @param egress     {@link #egress(int, int, int)}
     * @param egressHi   the SID or next hop, high 64 bits
     * @param egressLo   the SID or next hop, low 64 bits
     * @param bytes      bytes of the packet as sent
     */
    public void record(
        final int family,
        final long srcHi,
        final long srcLo,
        final long dstHi,
        final long dstLo,
        final long protoPorts,
        final long egress,
        final long egressHi,
        final long egressLo,
        final int bytes)
    {
        final long tuple = ((long)family << 48) | protoPorts;
        final long hash = hash(srcHi, srcLo, dstHi, dstLo, tuple, egress, egressHi, egressLo);
        final long[] slots = this.slots;
        final int start = (int)hash & mask;
        int victim = -1;
        long victimSeen = epoch;
        for (int i = 0; i < PROBE; i++)
        {
            final int base = ((start + i) & mask) * SLOT_LONGS;
            final long seq = slots[base + SEQ];
            if (seq == 0)
            {
                claim(base, 0, hash, srcHi, srcLo, dstHi, dstLo, tuple, egress, egressHi, egressLo);
                count(base, bytes);
                return;
            }
            if (slots[base + HASH] == hash &&
                slots[base + SRC_LO] == srcLo &&
                slots[base + DST_LO] == dstLo &&
                slots[base + TUPLE] == tuple &&
                slots[base + EGRESS] == egress &&
                slots[base + EGRESS_LO] == egressLo &&
                slots[base + SRC_HI] == srcHi &&
                slots[base + DST_HI] == dstHi &&
                slots[base + EGRESS_HI] == egressHi)
            {
                count(base, bytes);
                return;
            }
            final long seen = slots[base + LAST_SEEN];
            if (seen < victimSeen && fullyReported(base, seq))
            {
                victim = base;
                victimSeen = seen;
            }
        }
        if (victim >= 0)
        {
            claim(victim, slots[victim + SEQ], hash, srcHi, srcLo, dstHi, dstLo, tuple, egress, egressHi, egressLo);
            shared.putLongRelease(EVICTED_OFFSET, ++evicted);
            count(victim, bytes);
            return;
        }
        shared.putLongRelease(UNTRACKED_OFFSET, ++untracked);
    }

    private boolean fullyReported(final int base, final long seq)
    {
        return (long)LONGS.getAcquire(slots, base + SAMPLED_SEQ) == seq &&
            (long)LONGS.getAcquire(slots, base + SAMPLED_PACKETS) == slots[base + PACKETS];
    }

    private void claim(
        final int base,
        final long seq,
        final long hash,
        final long srcHi,
        final long srcLo,
        final long dstHi,
        final long dstLo,
        final long tuple,
        final long egress,
        final long egressHi,
        final long egressLo)
    {
        final long[] slots = this.slots;
        LONGS.setRelease(slots, base + SEQ, seq + 1);
        VarHandle.storeStoreFence();
        slots[base + HASH] = hash;
        slots[base + SRC_HI] = srcHi;
        slots[base + SRC_LO] = srcLo;
        slots[base + DST_HI] = dstHi;
        slots[base + DST_LO] = dstLo;
        slots[base + TUPLE] = tuple;
        slots[base + EGRESS] = egress;
        slots[base + EGRESS_HI] = egressHi;
        slots[base + EGRESS_LO] = egressLo;
        slots[base + PACKETS] = 0;
        slots[base + BYTES] = 0;
        LONGS.setRelease(slots, base + SEQ, seq + 2);
    }

    private void count(final int base, final int bytes)
    {
        final long[] slots = this.slots;
        LONGS.setRelease(slots, base + BYTES, slots[base + BYTES] + bytes);
        LONGS.setRelease(slots, base + PACKETS, slots[base + PACKETS] + 1);
        slots[base + LAST_SEEN] = epoch;
    }

    /** Packs protocol and ports for {@link #record}. */
    public static long protoPorts(final int protocol, final int srcPort, final int dstPort)
    {
        return ((long)(protocol & 0xFF) << 32) | ((long)(srcPort & 0xFFFF) << 16) | (dstPort & 0xFFFF);
    }

    /** Packs the egress kind ({@link #EGRESS_SID} / {@link #EGRESS_NEXT_HOP}), VRF id and port for {@link #record}. */
    public static long egress(final int kind, final int vrfId, final int port)
    {
        return ((long)(kind & 0xFF) << 56) | ((long)(vrfId & 0xFF_FFFF) << 24) | (port & 0xFF_FFFF);
    }

    /** Multiply-add of the key words (independent multiplies, so they overlap), then one finalising mix. */
    private static long hash(
        final long srcHi,
        final long srcLo,
        final long dstHi,
        final long dstLo,
        final long tuple,
        final long egress,
        final long egressHi,
        final long egressLo)
    {
        long h = srcLo * 0x9E3779B97F4A7C15L + dstLo * 0xC2B2AE3D27D4EB4FL + tuple * 0x165667B19E3779F9L +
            egressLo * 0xD6E8FEB86659FD93L + (srcHi ^ Long.rotateLeft(dstHi, 21)) * 0xFF51AFD7ED558CCDL +
            (egress ^ Long.rotateLeft(egressHi, 43)) * 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 32;
        h *= 0xBF58476D1CE4E5B9L;
        return h ^ (h >>> 29);
    }

    /** Packets not counted: the probed slots all held unreported or recently seen flows ({@code flows.untracked}). */
    public long untracked()
    {
        return shared.getLongAcquire(UNTRACKED_OFFSET);
    }

    /** Flows evicted to make room ({@code flows.evicted}). */
    public long evicted()
    {
        return shared.getLongAcquire(EVICTED_OFFSET);
    }

    // ---- sampler side ----

    /** Sampler: starts a new epoch (one per sample), which ages every flow not seen since by one. */
    void advanceEpoch(final long newEpoch)
    {
        shared.putLongRelease(EPOCH_OFFSET, newEpoch);
    }

    /** Sampler: the slot array, read under the seqlock protocol. */
    long[] slots()
    {
        return slots;
    }

    /** Sampler: publishes what it reported for a slot. */
    void reported(final int slot, final long seq, final long packets)
    {
        final int base = slot * SLOT_LONGS;
        LONGS.setRelease(slots, base + SAMPLED_PACKETS, packets);
        LONGS.setRelease(slots, base + SAMPLED_SEQ, seq);
    }
}
