package net.srv6epe.dataplane.metrics;

/**
 * One subsystem's metrics: on each scrape the {@link MetricsRegistry} asks every source to write its families.
 * Called on the metrics thread: a source reads counters and published snapshots, never locks what the packet
 * path uses, and writes each of its families once per call.
 */
@FunctionalInterface
public interface MetricsSource
{
    /**
     * Writes this source's families and samples.
     *
     * @param out the scrape being written.
     */
    void collect(MetricsWriter out);
}
