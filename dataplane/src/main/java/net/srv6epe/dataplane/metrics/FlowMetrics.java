package net.srv6epe.dataplane.metrics;

import net.srv6epe.dataplane.flowstats.FlowTable;

/**
 * SRv6 flow stats' bounds, per worker table: {@code srv6epe_flows_untracked_total} (packets no slot could take:
 * counted nowhere else, so a non-zero value means {@code router.flow-stats.max-flows} is too small for the
 * traffic), {@code srv6epe_flows_evicted_total} (idle, already reported flows pushed out to make room) and the
 * gauge {@code srv6epe_flows_capacity}.
 */
public final class FlowMetrics implements MetricsSource
{
    private final FlowTable[] tables;

    /**
     * @param tables the workers' flow tables, indexed by worker
     */
    public FlowMetrics(final FlowTable[] tables)
    {
        this.tables = tables.clone();
    }

    @Override
    public void collect(final MetricsWriter out)
    {
        out.family(MetricNames.PREFIX + "flows_untracked_total", MetricType.COUNTER,
            "packets of SRv6 flows the full flow table could not track (flows.untracked)");
        for (int w = 0; w < tables.length; w++)
        {
            out.sample(tables[w].untracked(), "worker", String.valueOf(w));
        }
        out.family(MetricNames.PREFIX + "flows_evicted_total", MetricType.COUNTER,
            "reported, idle flows evicted to make room (flows.evicted)");
        for (int w = 0; w < tables.length; w++)
        {
            out.sample(tables[w].evicted(), "worker", String.valueOf(w));
        }
        out.family(MetricNames.PREFIX + "flows_capacity", MetricType.GAUGE,
            "flow slots of the worker's table (router.flow-stats.max-flows)");
        for (int w = 0; w < tables.length; w++)
        {
            out.sample(tables[w].capacity(), "worker", String.valueOf(w));
        }
    }
}
