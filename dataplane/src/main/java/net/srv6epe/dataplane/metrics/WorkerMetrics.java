package net.srv6epe.dataplane.metrics;

import java.util.List;

import net.srv6epe.dataplane.worker.WorkerCounter;
import net.srv6epe.dataplane.worker.WorkerStats;

/**
 * Each forwarding worker's loop, labelled {@code worker="N"}: one counter family per {@link WorkerCounter}
 * ({@code srv6epe_worker_busy_loops_total}, {@code _idle_loops_total}, {@code _rx_frames_total},
 * {@code _rx_batches_total}, {@code _rx_full_batches_total}, {@code _neighbor_frames_sent_total}) and
 * {@code srv6epe_worker_rx_ring_drops_total}, the frames the kernel dropped because that worker's receive rings
 * were full (the values of {@code show counters} {@code worker.N.*}).
 */
public final class WorkerMetrics implements MetricsSource
{
    private final List<WorkerStats> workers;

    /**
     * @param workers the router's workers, by index
     */
    public WorkerMetrics(final List<WorkerStats> workers)
    {
        this.workers = List.copyOf(workers);
    }

    @Override
    public void collect(final MetricsWriter out)
    {
        for (final WorkerCounter counter : WorkerCounter.values())
        {
            out.family(MetricNames.counter("worker." + counter.label()), MetricType.COUNTER, counter.description());
            for (final WorkerStats w : workers)
            {
                out.sample(w.loop().get(counter), "worker", String.valueOf(w.index()));
            }
        }
        out.family(MetricNames.counter("worker.rx-ring-drops"), MetricType.COUNTER,
            "frames the kernel dropped because the worker's receive rings were full (its sockets' rx.dropped)");
        for (final WorkerStats w : workers)
        {
            out.sample(w.rxRingDrops(), "worker", String.valueOf(w.index()));
        }
    }
}
