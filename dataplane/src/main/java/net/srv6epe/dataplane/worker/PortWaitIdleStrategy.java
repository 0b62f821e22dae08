package net.srv6epe.dataplane.worker;

import java.nio.ByteBuffer;

import net.srv6epe.dataplane.port.Port;
import net.srv6epe.dataplane.port.linux.Libc;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * {@code router.worker-idle: wait}: after a round that found nothing, the worker sleeps in {@code ppoll(2)} on its
 * ports' descriptors ({@link Port#readableFd}) until a frame waits on one of them, or {@link #maxWaitNanos} at most
 * (the neighbor agent's queued frames and the pipeline's timers are looked at every round, so a wait never lasts
 * longer than a park of {@link WorkerIdle#BACKOFF}). Unlike a park, a frame arriving during the wait wakes the worker
 * at once; unlike {@link WorkerIdle#YIELD}, the worker is off the CPU while it waits, so a kernel thread that fills its
 * rings on the same CPU (an {@code af-xdp} port's threaded NAPI) runs exactly then, however low its priority.
 *
 * <p>A descriptor that reports an error ({@code POLLERR}, e.g. a packet socket whose link went down) has its socket
 * error read and cleared ({@code SO_ERROR}), as the port's own receive does, or every later wait would return at
 * once; one that reports {@code POLLHUP} or {@code POLLNVAL} (closed) is no longer polled, and the wait is then
 * bounded by its timeout alone. Ports without a descriptor (pcap) are looked at only when the wait ends: with such a
 * port the wait acts as a park of {@link #maxWaitNanos}. Allocates nothing after construction; one per worker thread.
 */
public final class PortWaitIdleStrategy implements IdleStrategy
{
    /** {@code struct timespec { time_t tv_sec 0; long tv_nsec 8; }}. */
    private static final int TIMESPEC_SIZE = 16;

    private final long maxWaitNanos;
    private final int count;
    private final UnsafeBuffer pollFds;
    private final UnsafeBuffer timeout;
    private final UnsafeBuffer errorValue = new UnsafeBuffer(ByteBuffer.allocateDirect(8));

    /**
     * @param ports        the worker's ports; those with a descriptor are polled
     * @param maxWaitNanos the longest wait, 1 µs to 1 s
     */
    public PortWaitIdleStrategy(final Port[] ports, final long maxWaitNanos)
    {
        if (maxWaitNanos < 1_000 || maxWaitNanos > 1_000_000_000L)
        {
            throw new IllegalArgumentException("a wait of " + maxWaitNanos + " ns: 1 µs to 1 s");
        }
        if (Libc.UNAVAILABLE_REASON != null)
        {
            throw new IllegalStateException("worker-idle wait needs ppoll(2): " + Libc.UNAVAILABLE_REASON);
        }
        this.maxWaitNanos = maxWaitNanos;
        int n = 0;
        for (final Port port : ports)
        {
            n += port.readableFd() >= 0 ? 1 : 0;
        }
        count = n;
        pollFds = new UnsafeBuffer(ByteBuffer.allocateDirect(Math.max(1, n) * Libc.POLLFD_LENGTH));
        int i = 0;
        for (final Port port : ports)
        {
            if (port.readableFd() >= 0)
            {
                pollFds.putInt(i * Libc.POLLFD_LENGTH + Libc.POLLFD_FD_OFFSET, port.readableFd());
                pollFds.putShort(i * Libc.POLLFD_LENGTH + Libc.POLLFD_EVENTS_OFFSET, Libc.POLLIN);
                i++;
            }
        }
        timeout = new UnsafeBuffer(ByteBuffer.allocateDirect(TIMESPEC_SIZE));
        timeout.putLong(0, maxWaitNanos / 1_000_000_000L);
        timeout.putLong(8, maxWaitNanos % 1_000_000_000L);
    }

    /** The number of descriptors polled (ports with one that has not been closed). */
    public int polled()
    {
        int n = 0;
        for (int i = 0; i < count; i++)
        {
            n += pollFds.getInt(i * Libc.POLLFD_LENGTH + Libc.POLLFD_FD_OFFSET) >= 0 ? 1 : 0;
        }
        return n;
    }

    /** The longest wait, in nanoseconds. */
    public long maxWaitNanos()
    {
        return maxWaitNanos;
    }

    @Override
    public void idle(final int workCount)
    {
        if (workCount <= 0)
        {
            idle();
        }
    }

    @Override
    public void idle()
    {
        for (int i = 0; i < count; i++)
        {
            pollFds.putShort(i * Libc.POLLFD_LENGTH + Libc.POLLFD_REVENTS_OFFSET, (short)0);
        }
        if (Libc.ppoll(pollFds.addressOffset(), count, timeout.addressOffset(), 0L) <= 0)
        {
            return; // the timeout, or a signal (EINTR): the next round looks at everything anyway
        }
        for (int i = 0; i < count; i++)
        {
            final short revents = pollFds.getShort(i * Libc.POLLFD_LENGTH + Libc.POLLFD_REVENTS_OFFSET);
            if ((revents & (Libc.POLLHUP | Libc.POLLNVAL)) != 0)
            {
                // closed: a negative descriptor is skipped by poll(2)
                pollFds.putInt(i * Libc.POLLFD_LENGTH + Libc.POLLFD_FD_OFFSET, -1);
            }
            else if ((revents & Libc.POLLERR) != 0)
            {
                clearSocketError(pollFds.getInt(i * Libc.POLLFD_LENGTH + Libc.POLLFD_FD_OFFSET));
            }
        }
    }

    private void clearSocketError(final int fd)
    {
        errorValue.putInt(4, 4); // the value's length, in and out
        Libc.getsockopt(fd, Libc.SOL_SOCKET, Libc.SO_ERROR, errorValue.addressOffset(),
            errorValue.addressOffset() + 4);
    }

    @Override
    public void reset()
    {
    }

    @Override
    public String alias()
    {
        return "wait";
    }
}
