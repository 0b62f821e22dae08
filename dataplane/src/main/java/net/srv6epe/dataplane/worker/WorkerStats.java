package net.srv6epe.dataplane.worker;

import net.srv6epe.dataplane.port.Port;
import net.srv6epe.dataplane.port.PortCounter;

/**
 * What the readers ({@code show counters}, {@code /metrics}) see of one worker: its loop counters and its own
 * sockets, whose kernel ring drops are the worker's ring overruns.
 *
 * @param index   the worker's number, 0..{@code router.workers} - 1
 * @param loop    the worker's loop counters
 * @param sockets the worker's ports, indexed as configured
 */
public record WorkerStats(int index, WorkerCounters loop, Port[] sockets)
{
    /** Copies the socket array. */
    public WorkerStats
    {
        sockets = sockets.clone();
    }

    /**
     * Frames the kernel dropped because this worker's receive rings were full (the sum of its sockets'
     * {@link PortCounter#RX_DROPPED}).
     */
    public long rxRingDrops()
    {
        long sum = 0;
        for (final Port socket : sockets)
        {
            sum += socket.counters().get(PortCounter.RX_DROPPED);
        }
        return sum;
    }
}
