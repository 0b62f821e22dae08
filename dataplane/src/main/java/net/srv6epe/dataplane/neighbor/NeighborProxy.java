package net.srv6epe.dataplane.neighbor;

import org.agrona.DirectBuffer;
import org.jctools.queues.MpmcArrayQueue;
import org.jctools.queues.MpscArrayQueue;

import net.srv6epe.dataplane.port.FrameHandler;
import net.srv6epe.dataplane.port.Port;
import net.srv6epe.srv6.DropReason;

/**
 * How workers talk to the {@link NeighborAgent}: hand it ARP/NDP frames from the wire, hand it frames whose next
 * hop has no MAC yet, and transmit the frames it produced. Thread safe for any number of workers; no allocation
 * and no blocking: when the pool or a queue is full the frame is dropped and counted
 * ({@link DropReason#PUNT_QUEUE_FULL} for punts, {@link DropReason#NEIGHBOR_UNRESOLVED} for unresolved frames).
 * Punts and unresolved frames travel in separate queues, so a flood of traffic towards an unresolved next hop
 * cannot starve the ARP/NDP answers.
 */
public final class NeighborProxy
{
    private final MpmcArrayQueue<FrameSlot> pool;
    private final MpscArrayQueue<FrameSlot> punts;
    private final MpscArrayQueue<FrameSlot> unresolved;
    private final MpmcArrayQueue<FrameSlot>[] outputs;
    private final NeighborCounters counters;
    private final int frameCapacity;

    NeighborProxy(
        final MpmcArrayQueue<FrameSlot> pool,
        final MpscArrayQueue<FrameSlot> punts,
        final MpscArrayQueue<FrameSlot> unresolved,
        final MpmcArrayQueue<FrameSlot>[] outputs,
        final NeighborCounters counters,
        final int frameCapacity)
    {
        this.pool = pool;
        this.punts = punts;
        this.unresolved = unresolved;
        this.outputs = outputs;
        this.counters = counters;
        this.frameCapacity = frameCapacity;
    }

    /**
     * Hands a received ARP / NS / NA frame (see {@link NeighborFrames#isNeighborFrame}) to the agent; the frame
     * is copied, the caller keeps its buffer.
     *
     * @return false if it was dropped (queue full, counted).
     */
    public boolean punt(final int portIndex, final DirectBuffer buffer, final int offset, final int length)
    {
        return enqueue(FrameSlot.PUNT, portIndex, NeighborSnapshot.FAMILY_IPV6, 0, 0, buffer, offset, length);
    }

    /**
     * Hands a complete Ethernet frame whose IPv6 next hop has no MAC ({@link NeighborTable#MISS}) to the agent,
     * which holds it (up to the hold limit) while it resolves the next hop, then fills in the destination MAC
     * (and our source MAC) and queues it for output on the same port; or drops it, counted
     * ({@code NEIGHBOR_UNRESOLVED} over the limit, {@code NEIGHBOR_FAILED} if resolution fails). Copied.
     *
     * @return false if it was dropped at once (queue full: counted as {@code NEIGHBOR_UNRESOLVED}).
     */
    public boolean unresolved(
        final int portIndex,
        final long nextHopHi,
        final long nextHopLo,
        final DirectBuffer frame,
        final int offset,
        final int length)
    {
        return enqueue(
            FrameSlot.UNRESOLVED, portIndex, NeighborSnapshot.FAMILY_IPV6, nextHopHi, nextHopLo, frame, offset,
            length);
    }

    /** As {@link #unresolved(int, long, long, DirectBuffer, int, int)} for an IPv4 next hop. */
    public boolean unresolved(
        final int portIndex, final int nextHopIpv4, final DirectBuffer frame, final int offset, final int length)
    {
        return enqueue(
            FrameSlot.UNRESOLVED, portIndex, NeighborSnapshot.FAMILY_IPV4, 0, nextHopIpv4 & 0xFFFF_FFFFL, frame,
            offset, length);
    }

    private boolean enqueue(
        final int kind,
        final int portIndex,
        final int family,
        final long hi,
        final long lo,
        final DirectBuffer buffer,
        final int offset,
        final int length)
    {
        final boolean punt = kind == FrameSlot.PUNT;
        final DropReason full = punt ? DropReason.PUNT_QUEUE_FULL : DropReason.NEIGHBOR_UNRESOLVED;
        if (length > frameCapacity || length <= 0)
        {
            counters.drop(DropReason.FRAME_TOO_LARGE);
            return false;
        }
        final FrameSlot slot = pool.poll();
        if (slot == null)
        {
            counters.drop(full);
            return false;
        }
        buffer.getBytes(offset, slot.buffer, 0, length);
        slot.length = length;
        slot.kind = kind;
        slot.portIndex = portIndex;
        slot.family = family;
        slot.nextHopHi = hi;
        slot.nextHopLo = lo;
        if (!(punt ? punts : unresolved).offer(slot))
        {
            pool.offer(slot);
            counters.drop(full);
            return false;
        }
        return true;
    }

    /**
     * Transmits up to {@code limit} frames the agent queued for {@code portIndex} on {@code port} (a refused frame
     * is counted by the port and not retried).
     *
     * @return frames taken from the queue.
     */
    public int drainOutput(final int portIndex, final Port port, final int limit)
    {
        final MpmcArrayQueue<FrameSlot> output = outputs[portIndex];
        int count = 0;
        FrameSlot slot;
        while (count < limit && (slot = output.poll()) != null)
        {
            port.send(slot.buffer, 0, slot.length);
            pool.offer(slot);
            count++;
        }
        return count;
    }

    /** As {@link #drainOutput(int, Port, int)} but hands each frame to {@code handler} (tests, batching TX). */
    public int drainOutput(final int portIndex, final FrameHandler handler, final int limit)
    {
        final MpmcArrayQueue<FrameSlot> output = outputs[portIndex];
        int count = 0;
        FrameSlot slot;
        while (count < limit && (slot = output.poll()) != null)
        {
            try
            {
                handler.onFrame(slot.buffer, 0, slot.length);
            }
            finally
            {
                pool.offer(slot);
            }
            count++;
        }
        return count;
    }

    /** True if frames wait for output on {@code portIndex}. */
    public boolean hasOutput(final int portIndex)
    {
        return !outputs[portIndex].isEmpty();
    }
}
