package net.srv6epe.dataplane.neighbor;

import java.nio.ByteBuffer;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * One reusable frame buffer passed between workers and the neighbor agent through queues (the queue hand-off
 * publishes its fields). Owned by exactly one party at a time: the pool, a queue, a worker, or the agent.
 */
final class FrameSlot
{
    static final int PUNT = 1;
    static final int UNRESOLVED = 2;
    static final int EMITTED = 3;

    final UnsafeBuffer buffer;
    int length;
    int kind;
    int portIndex;
    int family;
    long nextHopHi;
    long nextHopLo;

    FrameSlot(final int capacity)
    {
        buffer = new UnsafeBuffer(ByteBuffer.allocateDirect(capacity));
    }
}
