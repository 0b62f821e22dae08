package net.srv6epe.dataplane.bond;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.ByteBuffer;

/**
 * Feedback payloads on their way from the workers (where they arrive, as local delivery to a bond's source) to the
 * {@link BondAgent}: an agrona many-to-one ring buffer, copy in, no allocation, never blocks; a full ring refuses
 * the report (the worker counts the drop).
 */
public final class BondFeedbackQueue
{
    private static final int CAPACITY = 256 * 1024;
    private static final int MSG_TYPE = 1;

    private final ManyToOneRingBuffer ring = new ManyToOneRingBuffer(
        new UnsafeBuffer(ByteBuffer.allocateDirect(CAPACITY + RingBufferDescriptor.TRAILER_LENGTH)));

    /** Copies a report in; false when the ring is full. Any worker. */
    public boolean offer(final DirectBuffer buffer, final int offset, final int length)
    {
        return ring.write(MSG_TYPE, buffer, offset, length);
    }

    /** Hands up to {@code limit} reports to {@code handler}; the bond agent only. */
    public int drain(final MessageHandler handler, final int limit)
    {
        return ring.read(handler, limit);
    }
}
