package net.srv6epe.dataplane.capture;

import net.srv6epe.srv6.DropReason;
import net.srv6epe.srv6.wire.EthernetFrame;
import net.srv6epe.srv6.wire.Ipv6Header;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AtomicBuffer;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * The worker's side of one capture: the pipeline calls it where a frame is received, sent or dropped (only while
 * the capture runs), and it copies the frames its {@link CaptureFilter} selects into a bounded single-producer
 * ring that a control-plane thread drains. It never allocates and never blocks: when the ring is full the frame is
 * not captured and {@link #RING_FULL} is returned (the caller counts it).
 *
 * <p>Matching, per frame the pipeline processes:
 * <ul>
 *   <li>{@code in}: the frame as received, when its port matches and (with a SID) its outer IPv6 destination is
 *       the SID;</li>
 *   <li>{@code drop}: the same frame as it was received (kept aside on arrival), with the first drop reason the
 *       pipeline counts for it; later drops counted while handling it (a rate-limited ICMP error) are not
 *       frames of their own;</li>
 *   <li>{@code out}: a frame sent on a matching port when (with a SID) the received frame it came from matched
 *       the SID, or its own outer destination is the SID (so H.Encaps towards the SID is seen);
 *       {@link #released} frames (sent by the neighbor agent) match on their own destination only.</li>
 * </ul>
 *
 * <p>Made by the control thread, then used by one worker thread; the counters and {@link #finished()} /
 * {@link #detached()} are readable by any thread. With several workers a capture has one tap per worker (each its
 * own ring: the ring has one producer); the taps of one capture share its frame count ({@link CaptureBudget}),
 * so together they copy at most {@link CaptureFilter#count()} frames.
 */
public final class CaptureTap
{
    /** Nothing was copied. */
    public static final int NONE = 0;
    /** One frame was copied into the ring. */
    public static final int CAPTURED = 1;
    /** A matching frame was not copied: the ring was full. */
    public static final int RING_FULL = 2;

    private final CaptureFilter filter;
    private final boolean hasSid;
    private final long sidHi;
    private final long sidLo;
    private final boolean in;
    private final boolean out;
    private final boolean drop;
    private final int snapLength;
    private final RingBuffer ring;
    private final AtomicBuffer ringBuffer;
    private final CaptureRecord record = new CaptureRecord();
    private final UnsafeBuffer held;
    private final NanoClock clock;
    private final long epochOffsetNs;
    private final AtomicLong captured = new AtomicLong();
    private final AtomicLong ringFull = new AtomicLong();
    private volatile boolean finished;
    private volatile boolean detached;

    private final CaptureBudget budget;
    private boolean arrivalMatchedSid;
    private boolean dropPending;
    private int heldPort;
    private int heldCaptured;
    private int heldOriginal;

    /**
     * Allocates the ring and the frame kept for drop records; call on a control thread.
     *
     * @param filter        what to copy
     * @param ringBytes     the ring's capacity, a power of two at least 8 times the largest record
     * @param clock         the worker's monotonic clock
     * @param epochOffsetNs added to {@code clock} to give wall-clock ns since the epoch
     */
    public CaptureTap(final CaptureFilter filter, final int ringBytes, final NanoClock clock, final long epochOffsetNs)
    {
        this(filter, ringBytes, clock, epochOffsetNs, new CaptureBudget(filter.count()));
    }

    /**
     * As {@link #CaptureTap(CaptureFilter, int, NanoClock, long)}, one of several taps (one per worker) of one
     * capture, which share {@code budget}.
     *
     * @param budget the capture's frame count, shared by its taps
     */
    public CaptureTap(
        final CaptureFilter filter,
        final int ringBytes,
        final NanoClock clock,
        final long epochOffsetNs,
        final CaptureBudget budget)
    {
        this.filter = filter;
        this.hasSid = filter.hasSid();
        this.sidHi = filter.sidHi();
        this.sidLo = filter.sidLo();
        this.in = CapturePoint.IN.in(filter.pointMask());
        this.out = CapturePoint.OUT.in(filter.pointMask());
        this.drop = CapturePoint.DROP.in(filter.pointMask());
        this.snapLength = filter.snapLength();
        this.ringBuffer = new UnsafeBuffer(ByteBuffer.allocateDirect(ringBytes + RingBufferDescriptor.TRAILER_LENGTH));
        this.ring = new OneToOneRingBuffer(ringBuffer);
        if (CaptureRecord.HEADER_LENGTH + snapLength > ring.maxMsgLength())
        {
            throw new IllegalArgumentException("a ring of " + ringBytes + " bytes cannot hold records of snaplen " +
                snapLength);
        }
        this.held = new UnsafeBuffer(new byte[snapLength]);
        this.clock = clock;
        this.epochOffsetNs = epochOffsetNs;
        this.budget = budget;
    }

    /** What this capture copies. */
    public CaptureFilter filter()
    {
        return filter;
    }

    /** The ring the records go to; its one consumer is the control plane. */
    RingBuffer ring()
    {
        return ring;
    }

    /**
     * A frame was received: copies it when {@code in} matches, keeps it aside for a drop record when {@code drop}
     * matches. Worker thread only.
     *
     * @return {@link #NONE}, {@link #CAPTURED} or {@link #RING_FULL}
     */
    public int received(final int port, final DirectBuffer buffer, final int offset, final int length)
    {
        dropPending = false;
        arrivalMatchedSid = false;
        if (budget.exhausted())
        {
            return NONE;
        }
        final boolean sidMatches = !hasSid || destinationIsSid(buffer, offset, length);
        arrivalMatchedSid = hasSid && sidMatches;
        if (!sidMatches || !filter.matchesPort(port))
        {
            return NONE;
        }
        if (drop)
        {
            heldPort = port;
            heldOriginal = length;
            heldCaptured = Math.min(length, snapLength);
            held.putBytes(0, buffer, offset, heldCaptured);
            dropPending = true;
        }
        return in ? write(CapturePoint.IN, port, CaptureRecord.NO_DROP_REASON, buffer, offset, length) : NONE;
    }

    /**
     * The pipeline sent a frame it made from the frame last {@link #received}. Worker thread only.
     *
     * @return {@link #NONE}, {@link #CAPTURED} or {@link #RING_FULL}
     */
    public int sent(final int port, final DirectBuffer buffer, final int offset, final int length)
    {
        if (!out || budget.exhausted() || !filter.matchesPort(port))
        {
            return NONE;
        }
        if (hasSid && !arrivalMatchedSid && !destinationIsSid(buffer, offset, length))
        {
            return NONE;
        }
        return write(CapturePoint.OUT, port, CaptureRecord.NO_DROP_REASON, buffer, offset, length);
    }

    /**
     * A frame the neighbor agent queued (a held packet whose next hop resolved, ARP/NDP) was sent: an {@code out}
     * frame matched on its own destination. Worker thread only.
     *
     * @return {@link #NONE}, {@link #CAPTURED} or {@link #RING_FULL}
     */
    public int released(final int port, final DirectBuffer buffer, final int offset, final int length)
    {
        dropPending = false;
        arrivalMatchedSid = false;
        return sent(port, buffer, offset, length);
    }

    /**
     * The pipeline dropped the frame last {@link #received} (or counted one more drop while handling it, which
     * is not recorded again). Worker thread only.
     *
     * @return {@link #NONE}, {@link #CAPTURED} or {@link #RING_FULL}
     */
    public int dropped(final DropReason reason)
    {
        if (!dropPending)
        {
            return NONE;
        }
        dropPending = false;
        return write(CapturePoint.DROP, heldPort, reason.ordinal(), held, 0, heldOriginal);
    }

    /** The pipeline no longer uses this tap (it saw the switch change). Worker thread only. */
    public void detach()
    {
        detached = true;
    }

    /** Whether the worker has let go of this tap: it writes no more records. */
    public boolean detached()
    {
        return detached;
    }

    /**
     * Whether the capture's {@link CaptureFilter#count()} frames were copied (by this tap's worker, or, for a
     * capture of several taps, by all of them together) and no more are.
     */
    public boolean finished()
    {
        return finished || budget.exhausted();
    }

    /** Frames copied into the ring so far. */
    public long capturedFrames()
    {
        return captured.get();
    }

    /** Matching frames not copied because the ring was full. */
    public long ringFullFrames()
    {
        return ringFull.get();
    }

    private int write(
        final CapturePoint point,
        final int port,
        final int dropReason,
        final DirectBuffer buffer,
        final int offset,
        final int originalLength)
    {
        if (!budget.take())
        {
            finished = true;
            return NONE;
        }
        final int length = Math.min(originalLength, snapLength);
        final int index = ring.tryClaim(point.id(), CaptureRecord.HEADER_LENGTH + length);
        if (index < 0)
        {
            budget.giveBack();
            increment(ringFull);
            return RING_FULL;
        }
        record.wrap(ringBuffer, index, CaptureRecord.HEADER_LENGTH + length)
            .timestampNs(clock.nanoTime() + epochOffsetNs)
            .originalLength(originalLength)
            .port(port)
            .dropReason(dropReason)
            .frame(buffer, offset, length);
        ring.commit(index);
        increment(captured);
        if (budget.exhausted())
        {
            finished = true;
        }
        return CAPTURED;
    }

    private boolean destinationIsSid(final DirectBuffer buffer, final int offset, final int length)
    {
        int l3 = offset + EthernetFrame.HEADER_LENGTH;
        if (length < EthernetFrame.HEADER_LENGTH)
        {
            return false;
        }
        int type = buffer.getShort(offset + EthernetFrame.TYPE_OFFSET, BIG_ENDIAN) & 0xFFFF;
        if (type == EthernetFrame.TPID_8021Q && length >= EthernetFrame.HEADER_LENGTH + EthernetFrame.VLAN_TAG_LENGTH)
        {
            type = buffer.getShort(l3 + 2, BIG_ENDIAN) & 0xFFFF;
            l3 += EthernetFrame.VLAN_TAG_LENGTH;
        }
        return type == EthernetFrame.ETHERTYPE_IPV6 && l3 + Ipv6Header.HEADER_LENGTH <= offset + length &&
            buffer.getLong(l3 + Ipv6Header.DESTINATION_OFFSET, BIG_ENDIAN) == sidHi &&
            buffer.getLong(l3 + Ipv6Header.DESTINATION_OFFSET + 8, BIG_ENDIAN) == sidLo;
    }

    private static void increment(final AtomicLong counter)
    {
        // one writer (the worker): a plain read and an ordered store, no locked instruction
        counter.lazySet(counter.get() + 1);
    }
}
