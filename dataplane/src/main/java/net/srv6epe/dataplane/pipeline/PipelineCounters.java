package net.srv6epe.dataplane.pipeline;

import net.srv6epe.srv6.DropReason;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The pipeline's counters: one per {@link DropReason}, good/bad packets and bytes per local SID (by the SID's
 * counter index), and a few totals. Written by one worker with ordered stores (no locks, no allocation), read by
 * any thread; a reader sees each counter at most a few nanoseconds stale.
 */
public final class PipelineCounters
{
    /** SIDs whose counter index is at or above this are not counted. */
    public static final int SID_CAPACITY = 1 << 16;

    /** Totals, by index into {@link #total}. */
    public static final int RX_FRAMES = 0;
    public static final int FORWARDED = 1;
    public static final int ENCAPSULATED = 2;
    public static final int DECAPSULATED = 3;
    public static final int LOCAL_DELIVERED = 4;
    public static final int PUNTED = 5;
    public static final int ICMP_ERRORS_SENT = 6;
    public static final int TX_FRAMES = 7;
    public static final int HELD_FOR_NEIGHBOR = 8;
    /** Frames a live capture copied (received, sent or dropped ones; {@code srv6 capture}). */
    public static final int CAPTURE_FRAMES = 9;
    /** Frames a live capture matched but did not copy because its ring was full. */
    public static final int CAPTURE_RING_FULL = 10;
    /** Packets a head end sent bonded (probe copies not included). */
    public static final int BOND_SENT = 11;
    /** Probe copies a head end sent on members believed down. */
    public static final int BOND_PROBES = 12;
    /** Bonded packets a tail end held in a reorder buffer. */
    public static final int BOND_HELD = 13;
    /** Bonded packets a tail end released from its reorder buffers. */
    public static final int BOND_RELEASED = 14;
    /** Feedback packets a tail end sent. */
    public static final int BOND_FEEDBACK_SENT = 15;
    /** Feedback datagrams a head end received and queued for its bond agent. */
    public static final int BOND_FEEDBACK_RECEIVED = 16;
    /** Bonded packets a tail end forwarded unordered because its worker keeps too many streams. */
    public static final int BOND_UNORDERED = 17;
    private static final String[] TOTAL_NAMES = {
        "rx.frames", "forwarded", "encapsulated", "decapsulated", "local.delivered", "punted", "icmp.errors-sent",
        "tx.frames", "held.neighbor", "capture.frames", "capture.ring-full", "bond.sent", "bond.probes",
        "bond.held", "bond.released", "bond.feedback-sent", "bond.feedback-received", "bond.unordered" };

    private final AtomicLongArray drops = new AtomicLongArray(DropReason.values().length);
    private final AtomicLongArray totals = new AtomicLongArray(TOTAL_NAMES.length);
    private final AtomicLongArray sidGoodPackets = new AtomicLongArray(SID_CAPACITY);
    private final AtomicLongArray sidGoodBytes = new AtomicLongArray(SID_CAPACITY);
    private final AtomicLongArray sidBadPackets = new AtomicLongArray(SID_CAPACITY);
    private final AtomicLongArray sidBadBytes = new AtomicLongArray(SID_CAPACITY);

    /** Counts one dropped packet. Worker thread only. */
    public void drop(final DropReason reason)
    {
        increment(drops, reason.ordinal(), 1);
    }

    /** Counts one event of a total. Worker thread only. */
    public void count(final int total)
    {
        increment(totals, total, 1);
    }

    /** Counts a packet a local SID processed, good or bad. Worker thread only. */
    public void sid(final int counterIndex, final boolean good, final int bytes)
    {
        if (counterIndex < 0 || counterIndex >= SID_CAPACITY)
        {
            return;
        }
        if (good)
        {
            increment(sidGoodPackets, counterIndex, 1);
            increment(sidGoodBytes, counterIndex, bytes);
        }
        else
        {
            increment(sidBadPackets, counterIndex, 1);
            increment(sidBadBytes, counterIndex, bytes);
        }
    }

    private static void increment(final AtomicLongArray array, final int index, final long delta)
    {
        // Single writer: a plain read and an ordered (release) store, no locked instruction.
        array.lazySet(index, array.get(index) + delta);
    }

    public long drops(final DropReason reason)
    {
        return drops.get(reason.ordinal());
    }

    public long total(final int total)
    {
        return totals.get(total);
    }

    public static int totalCount()
    {
        return TOTAL_NAMES.length;
    }

    public static String totalName(final int total)
    {
        return TOTAL_NAMES[total];
    }

    public long sidGoodPackets(final int counterIndex)
    {
        return inRange(counterIndex) ? sidGoodPackets.get(counterIndex) : 0;
    }

    public long sidGoodBytes(final int counterIndex)
    {
        return inRange(counterIndex) ? sidGoodBytes.get(counterIndex) : 0;
    }

    public long sidBadPackets(final int counterIndex)
    {
        return inRange(counterIndex) ? sidBadPackets.get(counterIndex) : 0;
    }

    public long sidBadBytes(final int counterIndex)
    {
        return inRange(counterIndex) ? sidBadBytes.get(counterIndex) : 0;
    }

    private static boolean inRange(final int counterIndex)
    {
        return counterIndex >= 0 && counterIndex < SID_CAPACITY;
    }

    /**
     * Sets every counter to zero ({@code clear counters}). Called on the control thread: a packet counted at the
     * same moment may be lost from the new count, which operators accept from {@code clear counters}.
     */
    public void clear()
    {
        clear(drops);
        clear(totals);
        clear(sidGoodPackets);
        clear(sidGoodBytes);
        clear(sidBadPackets);
        clear(sidBadBytes);
    }

    private static void clear(final AtomicLongArray array)
    {
        for (int i = 0; i < array.length(); i++)
        {
            array.set(i, 0);
        }
    }
}
