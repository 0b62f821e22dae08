package net.srv6epe.srv6.bond;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * The tail end's reorder buffer of one (bond, stream) (docs/BONDING.md, "Tail end: the reorder buffer"): puts the
 * packets of a stream back into the head end's sequence order. Pure logic over an injected clock: every time is
 * passed in as {@code nowNs} (nondecreasing from call to call, e.g. {@code System.nanoTime()} of the worker).
 *
 * <p>Use, per bonded packet: {@code r = offer(...)}; on {@link #IN_ORDER} forward the packet at once (it was not
 * copied), on {@link #TOO_LARGE} forward it at once too (out of order), on {@link #LATE} / {@link #DUPLICATE} drop
 * it, on {@link #HELD} nothing (it was copied); then, whatever {@code r} was, {@link #release(long, ReleaseHandler)}.
 * The worker also calls {@code release} when idle (at the latest at {@link #nextDeadlineNs()}), so an expired gap
 * is released without new arrivals.
 *
 * <p>Rules (sequence numbers are 32 bits and wrap; they are compared with serial arithmetic {@code a - b}, and
 * {@code d = seq - next} below is such a difference):
 * <ol>
 *   <li>The first packet (also the first after {@link #reset()}) starts the stream: it is {@link #IN_ORDER}.</li>
 *   <li>{@code d == 0}: {@link #IN_ORDER} (unless the same sequence is already held: {@link #DUPLICATE}).</li>
 *   <li>{@code 0 < d < capacity}: copied into slot {@code seq & (capacity - 1)}: {@link #HELD}, or
 *       {@link #DUPLICATE} when that slot already holds this sequence, or {@link #TOO_LARGE} when the packet is
 *       longer than a slot.</li>
 *   <li>Window overrun, {@code capacity <= d < 2^24}: the window moves so that {@code seq} is its last sequence:
 *       every sequence before {@code seq - capacity + 1} goes, held packets delivered in order, missing ones given
 *       up ({@link #lost()}), then {@code seq} is held ({@link #HELD}; {@link #overruns()} counts the moves).
 *       {@code offer} never delivers, so: when no held packet lies before the new window, the gaps are given up
 *       at once and {@code seq} goes into its slot; otherwise {@code seq} is parked in a spare slot (the
 *       "parking" slot) and the next {@code release} first delivers the held packets before the new window (and
 *       gives up its gaps), then moves {@code seq} into its slot, so the older packets always go out before it.
 *       Only one packet can be parked: if another offer would need the parking slot before {@code release} ran
 *       (a caller that does not release after every offer), it is {@link #TOO_LARGE}: forwarded by the caller at
 *       once, out of order, counted in {@link #tooLarge()} and {@link #overflows()}.</li>
 *   <li>Resync, {@code |d| >= 2^24} (a head end restart, a long silence): {@link #resyncs()} counts it and the
 *       per-member bookkeeping is forgotten. With nothing held the stream restarts at {@code seq} at once:
 *       {@link #IN_ORDER}. With packets held, they are not dropped: {@code seq} is parked ({@link #HELD}) and the
 *       next {@code release} delivers every held packet in order (the gaps between them given up and counted
 *       lost; the jump itself is not counted lost), then restarts the stream at {@code seq} and delivers it. A
 *       packet longer than a slot that would have to be parked is {@link #TOO_LARGE} and does not resync (the
 *       stream's next packet will).</li>
 *   <li>{@code -capacity <= d < 0}: {@link #DUPLICATE} when its slot records this sequence as delivered, else
 *       {@link #LATE} (its gap was given up). {@code -2^24 < d < -capacity}: {@link #LATE}. A slot keeps only the
 *       newest sequence that used it, so a duplicate whose slot has since been reused by a held packet
 *       {@code capacity} further on is counted late (it is dropped either way).</li>
 *   <li>{@code release}: delivers the held packet of {@code next} while there is one; at a gap (next missing, later
 *       packets held) gives the gap up (every missing sequence up to the lowest held one, counted in
 *       {@link #lost()}) when either (a) every live member (one that offered a packet within
 *       {@link #memberLiveNs()} before now), and at least one, has offered a sequence at or after the lowest held
 *       one: member paths are FIFO, so nothing missing is still coming ({@link #inferredLost()}); or (b) the gap
 *       has been known for {@link #holdNs()}, i.e. since the earliest arrival among the packets held
 *       ({@link #expired()}). A given-up sequence that shows up later is {@link #LATE}.</li>
 *   <li>A member index outside {@code 0..maxMembers-1} is not an error: the packet is ordered like any other,
 *       but it takes no part in loss inference (it neither makes a member live nor passes a gap); counted in
 *       {@link #foreignMembers()}. Every other packet (whatever {@code offer} returns) updates its member's
 *       highest sequence and last arrival time.</li>
 * </ol>
 *
 * <p>Storage: one direct buffer of {@code (capacity + 1) * (headroom + slotBytes)} bytes (the ring's slots and the
 * parking slot), metadata in primitive arrays; nothing is allocated after construction. Not thread safe: one per
 * (bond, stream) per worker.
 */
public final class ReorderBuffer
{
    /** The packet is the next expected one: the caller forwards it now (it was not copied), then calls release. */
    public static final int IN_ORDER = 0;
    /** The packet was copied into the buffer; a later release delivers it. */
    public static final int HELD = 1;
    /** The packet is before the next expected one and its gap was given up: drop it. */
    public static final int LATE = 2;
    /** The packet was already delivered or is already held: drop it. */
    public static final int DUPLICATE = 3;
    /** The packet is out of order but cannot be stored (longer than a slot): the caller forwards it now. */
    public static final int TOO_LARGE = 4;

    /** A jump of this many sequence numbers or more, either way, resynchronises the stream. */
    public static final int RESYNC_DISTANCE = 1 << 24;
    /** Largest capacity accepted. */
    public static final int MAX_CAPACITY = 1 << 20;
    /** Default hold time: the default {@code hold-max-ms} (100 ms). */
    public static final long DEFAULT_HOLD_NS = 100_000_000L;
    /** Default member liveness: the default {@code dead-after-ms} (120 ms). */
    public static final long DEFAULT_MEMBER_LIVE_NS = 120_000_000L;

    private static final byte EMPTY = 0;
    private static final byte STORED = 1;
    private static final byte DELIVERED = 2;
    private static final byte GIVEN_UP = 3;

    private final int capacity;
    private final int mask;
    private final int slotBytes;
    private final int headroom;
    private final int stride;
    private final int maxMembers;
    private final UnsafeBuffer slots;

    private final int[] slotSeq;
    private final byte[] slotState;
    private final int[] slotLength;
    private final int[] slotTag;
    private final long[] slotArrivalNs;

    private final boolean[] memberSeen;
    private final int[] memberMaxSeq;
    private final long[] memberLastNs;

    /** Held packets in arrival order (stale entries removed lazily): the head is the earliest arrival held. */
    private final int[] arrivalSeq;
    private final long[] arrivalNs;
    private final int arrivalMask;
    private int arrivalHead;
    private int arrivalTail;

    private long holdNs = DEFAULT_HOLD_NS;
    private long memberLiveNs = DEFAULT_MEMBER_LIVE_NS;

    private boolean started;
    private int next;
    private int ringHeld;
    private boolean lowestValid;
    private int lowestHeld;

    private boolean parked;
    private boolean parkedResync;
    private int parkedSeq;
    private int parkedLength;
    private int parkedTag;
    private long parkedNs;
    private int flushTo;

    private long inOrder;
    private long resequenced;
    private long late;
    private long duplicates;
    private long lost;
    private long expired;
    private long inferredLost;
    private long tooLarge;
    private long resyncs;
    private long overruns;
    private long overflows;
    private long foreignMembers;
    private int maxOccupancy;

    /**
     * @param capacity   slots, a power of two, 2..{@link #MAX_CAPACITY}: the window of sequences held
     * @param slotBytes  the longest packet stored, > 0
     * @param headroom   free bytes kept in front of each stored packet, >= 0: a released packet's buffer may be
     *                   written from {@code offset - headroom} (e.g. to prepend an Ethernet header)
     * @param maxMembers member indexes {@code 0..maxMembers-1} take part in loss inference, > 0
     * @throws IllegalArgumentException when a parameter is out of range or the storage would exceed 2 GiB
     */
    public ReorderBuffer(final int capacity, final int slotBytes, final int headroom, final int maxMembers)
    {
        if (capacity < 2 || capacity > MAX_CAPACITY || Integer.bitCount(capacity) != 1)
        {
            throw new IllegalArgumentException("capacity must be a power of two in 2.." + MAX_CAPACITY + ": " +
                capacity);
        }
        if (slotBytes <= 0 || headroom < 0 || maxMembers <= 0)
        {
            throw new IllegalArgumentException("slotBytes and maxMembers must be positive, headroom not negative: " +
                "slotBytes=" + slotBytes + " headroom=" + headroom + " maxMembers=" + maxMembers);
        }
        final long bytes = (long)(capacity + 1) * ((long)headroom + slotBytes);
        if (bytes > Integer.MAX_VALUE - 8)
        {
            throw new IllegalArgumentException("reorder buffer too large: " + bytes + " bytes");
        }
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.slotBytes = slotBytes;
        this.headroom = headroom;
        this.stride = headroom + slotBytes;
        this.maxMembers = maxMembers;
        this.slots = new UnsafeBuffer(ByteBuffer.allocateDirect((int)bytes));
        this.slotSeq = new int[capacity];
        this.slotState = new byte[capacity];
        this.slotLength = new int[capacity];
        this.slotTag = new int[capacity];
        this.slotArrivalNs = new long[capacity];
        this.memberSeen = new boolean[maxMembers];
        this.memberMaxSeq = new int[maxMembers];
        this.memberLastNs = new long[maxMembers];
        // at most about 2 * capacity live or stale entries exist at once; compacted if ever full
        this.arrivalSeq = new int[4 * capacity];
        this.arrivalNs = new long[4 * capacity];
        this.arrivalMask = 4 * capacity - 1;
    }

    /**
     * Sets the hold time: the longest a gap is waited for.
     *
     * @param ns nanoseconds, >= 0 ({@link Long#MAX_VALUE}: gaps never expire)
     */
    public void holdNs(final long ns)
    {
        if (ns < 0)
        {
            throw new IllegalArgumentException("hold time must not be negative: " + ns);
        }
        this.holdNs = ns;
    }

    /** The hold time in nanoseconds: the longest a gap is waited for. */
    public long holdNs()
    {
        return holdNs;
    }

    /**
     * Makes members {@code 0..count-1} count for loss inference from now on although they have delivered nothing
     * yet, as if each had delivered the sequence before {@code firstSeq} at {@code nowNs}: at the start of a stream
     * a member whose first packets are still on the way must not let the others' packets give its gaps up. Members
     * already seen are left as they are.
     *
     * @param count    how many members the stream's bond has (the bond TLV says)
     * @param firstSeq the stream's first sequence
     * @param nowNs    the current time
     */
    public void expectMembers(final int count, final int firstSeq, final long nowNs)
    {
        for (int m = 0; m < Math.min(count, maxMembers); m++)
        {
            if (!memberSeen[m])
            {
                memberSeen[m] = true;
                memberMaxSeq[m] = firstSeq - 1;
                memberLastNs[m] = nowNs;
            }
        }
    }

    /**
     * Sets how recently a member must have delivered a packet to count for loss inference.
     *
     * @param ns nanoseconds, >= 0
     */
    public void memberLiveNs(final long ns)
    {
        if (ns < 0)
        {
            throw new IllegalArgumentException("member live time must not be negative: " + ns);
        }
        this.memberLiveNs = ns;
    }

    /** How recently (ns) a member must have delivered a packet to count for loss inference. */
    public long memberLiveNs()
    {
        return memberLiveNs;
    }

    /**
     * Takes one bonded packet of the stream (see the class comment for the rules). Copies the packet only when it
     * returns {@link #HELD}; never delivers anything itself.
     *
     * @param seq    the stream sequence of the packet (32 bits, wraps)
     * @param member the member index the packet arrived on
     * @param tag    the caller's value handed back with the packet on release (e.g. the ingress port)
     * @param nowNs  the current time
     * @param buffer the packet's buffer
     * @param offset where the packet starts
     * @param length the packet's length in bytes
     * @return {@link #IN_ORDER}, {@link #HELD}, {@link #LATE}, {@link #DUPLICATE} or {@link #TOO_LARGE}
     */
    public int offer(
        final int seq, final int member, final int tag, final long nowNs, final DirectBuffer buffer, final int offset,
        final int length)
    {
        final int result = classify(seq, tag, nowNs, buffer, offset, length);
        if (member >= 0 && member < maxMembers)
        {
            if (!memberSeen[member] || seq - memberMaxSeq[member] > 0)
            {
                memberMaxSeq[member] = seq;
            }
            memberSeen[member] = true;
            memberLastNs[member] = nowNs;
        }
        else
        {
            foreignMembers++;
        }
        return result;
    }

    private int classify(
        final int seq, final int tag, final long nowNs, final DirectBuffer buffer, final int offset,
        final int length)
    {
        if (!started)
        {
            started = true;
            return deliverAtOnce(seq);
        }
        if (parked && seq == parkedSeq)
        {
            duplicates++;
            return DUPLICATE;
        }
        final int d = seq - next;
        if (d >= 0 && d < capacity)
        {
            final int index = seq & mask;
            if (slotState[index] == STORED && slotSeq[index] == seq)
            {
                duplicates++;
                return DUPLICATE;
            }
            if (d == 0)
            {
                return deliverAtOnce(seq);
            }
            if (length > slotBytes)
            {
                tooLarge++;
                return TOO_LARGE;
            }
            store(seq, tag, nowNs, buffer, offset, length);
            return HELD;
        }
        if (d < 0 && d > -RESYNC_DISTANCE)
        {
            final int index = seq & mask;
            if (d >= -capacity && slotState[index] == DELIVERED && slotSeq[index] == seq)
            {
                duplicates++;
                return DUPLICATE;
            }
            late++;
            return LATE;
        }
        if (parked)
        {
            // a second window move before release ran: nowhere to keep it in order
            overflows++;
            tooLarge++;
            return TOO_LARGE;
        }
        if (d > 0 && d < RESYNC_DISTANCE)
        {
            if (length > slotBytes)
            {
                tooLarge++;
                return TOO_LARGE;
            }
            overruns++;
            final int newStart = seq - capacity + 1;
            if (ringHeld == 0 || lowestHeld() - newStart >= 0)
            {
                giveUp(next, newStart);
                store(seq, tag, nowNs, buffer, offset, length);
            }
            else
            {
                park(seq, tag, nowNs, buffer, offset, length, false);
                flushTo = newStart;
                pushArrival(seq, nowNs);
            }
            return HELD;
        }
        // |d| >= 2^24: resync
        if (ringHeld == 0)
        {
            resyncs++;
            forgetMembers();
            return deliverAtOnce(seq);
        }
        if (length > slotBytes)
        {
            tooLarge++;
            return TOO_LARGE;
        }
        resyncs++;
        forgetMembers();
        park(seq, tag, nowNs, buffer, offset, length, true);
        return HELD;
    }

    private int deliverAtOnce(final int seq)
    {
        final int index = seq & mask;
        slotSeq[index] = seq;
        slotState[index] = DELIVERED;
        next = seq + 1;
        inOrder++;
        return IN_ORDER;
    }

    private void store(
        final int seq, final int tag, final long nowNs, final DirectBuffer buffer, final int offset, final int length)
    {
        final int index = seq & mask;
        slots.putBytes(index * stride + headroom, buffer, offset, length);
        slotSeq[index] = seq;
        slotState[index] = STORED;
        slotLength[index] = length;
        slotTag[index] = tag;
        slotArrivalNs[index] = nowNs;
        insertedIntoRing(seq);
        pushArrival(seq, nowNs);
    }

    private void insertedIntoRing(final int seq)
    {
        if (ringHeld == 0)
        {
            lowestHeld = seq;
            lowestValid = true;
        }
        else if (lowestValid && seq - lowestHeld < 0)
        {
            lowestHeld = seq;
        }
        ringHeld++;
        final int occupancy = occupancy();
        if (occupancy > maxOccupancy)
        {
            maxOccupancy = occupancy;
        }
    }

    private void park(
        final int seq, final int tag, final long nowNs, final DirectBuffer buffer, final int offset, final int length,
        final boolean resync)
    {
        slots.putBytes(capacity * stride + headroom, buffer, offset, length);
        parked = true;
        parkedResync = resync;
        parkedSeq = seq;
        parkedLength = length;
        parkedTag = tag;
        parkedNs = nowNs;
        final int occupancy = occupancy();
        if (occupancy > maxOccupancy)
        {
            maxOccupancy = occupancy;
        }
    }

    /**
     * Delivers, in sequence order through {@code handler}, every held packet that may go now (see the class
     * comment), and gives up the gaps that are known lost or expired.
     *
     * @param nowNs   the current time
     * @param handler receives each released packet
     * @return how many packets were delivered
     */
    public int release(final long nowNs, final ReleaseHandler handler)
    {
        int delivered = 0;
        if (parked)
        {
            delivered += flush(handler);
        }
        while (ringHeld > 0)
        {
            final int index = next & mask;
            if (slotState[index] == STORED && slotSeq[index] == next)
            {
                deliver(index, handler);
                delivered++;
                continue;
            }
            final int lowest = lowestHeld();
            if (everyLiveMemberPassed(lowest, nowNs))
            {
                inferredLost++;
                giveUp(next, lowest);
                continue;
            }
            if (nowNs - earliestArrivalNs() >= holdNs)
            {
                expired++;
                giveUp(next, lowest);
                continue;
            }
            break;
        }
        return delivered;
    }

    private int flush(final ReleaseHandler handler)
    {
        int delivered = 0;
        if (parkedResync)
        {
            while (ringHeld > 0)
            {
                final int index = next & mask;
                if (slotState[index] == STORED && slotSeq[index] == next)
                {
                    deliver(index, handler);
                    delivered++;
                }
                else
                {
                    giveUp(next, lowestHeld());
                }
            }
            // the stream restarts at the parked sequence: older arrival entries may name its sequences
            arrivalHead = 0;
            arrivalTail = 0;
            next = parkedSeq;
            pushArrival(parkedSeq, parkedNs);
        }
        else
        {
            while (next - flushTo < 0)
            {
                final int index = next & mask;
                if (slotState[index] == STORED && slotSeq[index] == next)
                {
                    deliver(index, handler);
                    delivered++;
                }
                else if (ringHeld > 0 && lowestHeld() - flushTo < 0)
                {
                    giveUp(next, lowestHeld());
                }
                else
                {
                    giveUp(next, flushTo);
                }
            }
        }
        // unpark: its slot is free now (whatever used it was before the window)
        final int index = parkedSeq & mask;
        slots.putBytes(index * stride + headroom, slots, capacity * stride + headroom, parkedLength);
        slotSeq[index] = parkedSeq;
        slotState[index] = STORED;
        slotLength[index] = parkedLength;
        slotTag[index] = parkedTag;
        slotArrivalNs[index] = parkedNs;
        parked = false;
        insertedIntoRing(parkedSeq);
        return delivered;
    }

    private void deliver(final int index, final ReleaseHandler handler)
    {
        // state first: a handler that throws does not get the packet again
        slotState[index] = DELIVERED;
        ringHeld--;
        next++;
        resequenced++;
        lowestValid = false;
        if (ringHeld == 0 && !parked)
        {
            arrivalHead = 0;
            arrivalTail = 0;
        }
        handler.onRelease(slotTag[index], slots, index * stride + headroom, slotLength[index]);
    }

    /** Gives up every sequence in [from, to) (none held), counting them lost; next becomes {@code to}. */
    private void giveUp(final int from, final int to)
    {
        final int count = to - from;
        lost += count & 0xFFFFFFFFL;
        // remember the last capacity of them so a straggler is late, not a stale duplicate
        int s = count > capacity ? to - capacity : from;
        while (s != to)
        {
            final int index = s & mask;
            if (slotState[index] != STORED)
            {
                slotSeq[index] = s;
                slotState[index] = GIVEN_UP;
            }
            s++;
        }
        next = to;
    }

    /** The lowest sequence held in the ring (valid only when ringHeld > 0). */
    private int lowestHeld()
    {
        if (!lowestValid)
        {
            for (int i = 0; i < capacity; i++)
            {
                final int s = next + i;
                final int index = s & mask;
                if (slotState[index] == STORED && slotSeq[index] == s)
                {
                    lowestHeld = s;
                    break;
                }
            }
            lowestValid = true;
        }
        return lowestHeld;
    }

    private boolean everyLiveMemberPassed(final int lowest, final long nowNs)
    {
        int live = 0;
        for (int m = 0; m < maxMembers; m++)
        {
            if (memberSeen[m] && nowNs - memberLastNs[m] <= memberLiveNs)
            {
                if (memberMaxSeq[m] - lowest < 0)
                {
                    return false;
                }
                live++;
            }
        }
        return live > 0;
    }

    private boolean isHeld(final int seq)
    {
        if (parked && parkedSeq == seq)
        {
            return true;
        }
        final int index = seq & mask;
        return slotState[index] == STORED && slotSeq[index] == seq;
    }

    private void pushArrival(final int seq, final long nowNs)
    {
        if (arrivalTail - arrivalHead == arrivalSeq.length)
        {
            compactArrivals();
        }
        final int i = arrivalTail & arrivalMask;
        arrivalSeq[i] = seq;
        arrivalNs[i] = nowNs;
        arrivalTail++;
    }

    private void compactArrivals()
    {
        int write = arrivalHead;
        for (int read = arrivalHead; read != arrivalTail; read++)
        {
            final int r = read & arrivalMask;
            if (isHeld(arrivalSeq[r]))
            {
                final int w = write & arrivalMask;
                arrivalSeq[w] = arrivalSeq[r];
                arrivalNs[w] = arrivalNs[r];
                write++;
            }
        }
        arrivalTail = write;
    }

    /** The earliest arrival time among held packets, or Long.MAX_VALUE when none. */
    private long earliestArrivalNs()
    {
        while (arrivalHead != arrivalTail)
        {
            final int h = arrivalHead & arrivalMask;
            if (isHeld(arrivalSeq[h]))
            {
                return arrivalNs[h];
            }
            arrivalHead++;
        }
        return Long.MAX_VALUE;
    }

    private void forgetMembers()
    {
        for (int m = 0; m < maxMembers; m++)
        {
            memberSeen[m] = false;
        }
    }

    /**
     * The earliest time at which {@link #release} could deliver something because of the hold time: the earliest
     * arrival among the held packets plus {@link #holdNs()} (saturating). When release could deliver at once
     * (the next expected packet is held, or a packet is parked), a time no later than the last offer. Long.MAX_VALUE
     * when nothing is held.
     */
    public long nextDeadlineNs()
    {
        if (parked)
        {
            return parkedNs;
        }
        if (ringHeld == 0)
        {
            return Long.MAX_VALUE;
        }
        final long earliest = earliestArrivalNs();
        final int index = next & mask;
        if (slotState[index] == STORED && slotSeq[index] == next)
        {
            return earliest;
        }
        final long deadline = earliest + holdNs;
        return deadline < earliest ? Long.MAX_VALUE : deadline;
    }

    /**
     * Forgets the stream (held packets are dropped, not counted); the next packet starts it again. Counters are
     * kept.
     */
    public void reset()
    {
        started = false;
        next = 0;
        ringHeld = 0;
        lowestValid = false;
        parked = false;
        arrivalHead = 0;
        arrivalTail = 0;
        for (int i = 0; i < capacity; i++)
        {
            slotState[i] = EMPTY;
        }
        forgetMembers();
    }

    /** Packets held now (including a parked one). */
    public int occupancy()
    {
        return ringHeld + (parked ? 1 : 0);
    }

    /** The next expected sequence (meaningful once {@link #started()}). */
    public int nextExpected()
    {
        return next;
    }

    /** Whether a first packet started the stream (false again after {@link #reset()}). */
    public boolean started()
    {
        return started;
    }

    /** Slots: the window of sequences held. */
    public int capacity()
    {
        return capacity;
    }

    /** The longest packet stored. */
    public int slotBytes()
    {
        return slotBytes;
    }

    /** Free bytes in front of each stored packet. */
    public int headroom()
    {
        return headroom;
    }

    /** Member indexes {@code 0..maxMembers-1} take part in loss inference. */
    public int maxMembers()
    {
        return maxMembers;
    }

    /** Packets delivered at once ({@link #IN_ORDER}). */
    public long inOrder()
    {
        return inOrder;
    }

    /** Packets delivered by {@link #release} after being held. */
    public long resequenced()
    {
        return resequenced;
    }

    /** Packets dropped because their gap had been given up ({@link #LATE}). */
    public long late()
    {
        return late;
    }

    /** Packets dropped as already delivered or already held ({@link #DUPLICATE}). */
    public long duplicates()
    {
        return duplicates;
    }

    /** Sequence numbers given up (gaps, window overruns; not a resync's jump). */
    public long lost()
    {
        return lost;
    }

    /** Gaps given up because they were waited for the hold time. */
    public long expired()
    {
        return expired;
    }

    /** Gaps given up because every live member had passed them. */
    public long inferredLost()
    {
        return inferredLost;
    }

    /** Packets returned as {@link #TOO_LARGE} (forwarded out of order), {@link #overflows()} included. */
    public long tooLarge()
    {
        return tooLarge;
    }

    /** Resynchronisations (jumps of 2^24 or more). */
    public long resyncs()
    {
        return resyncs;
    }

    /** Window moves because a packet was beyond the window. */
    public long overruns()
    {
        return overruns;
    }

    /** Packets that needed the parking slot while it was taken (no release between two offers): {@link #TOO_LARGE}. */
    public long overflows()
    {
        return overflows;
    }

    /** Packets whose member index was outside {@code 0..maxMembers-1}. */
    public long foreignMembers()
    {
        return foreignMembers;
    }

    /** The highest {@link #occupancy()} seen. */
    public int maxOccupancy()
    {
        return maxOccupancy;
    }
}
