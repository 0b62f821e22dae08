package net.srv6epe.dataplane.metrics;

import net.srv6epe.dataplane.pipeline.PipelineCounters;

/**
 * The pipeline's totals of {@code show counters}, one counter family each:
 * {@code pipeline.rx.frames} becomes {@code srv6epe_pipeline_rx_frames_total}. With several workers each has its
 * own counters (single writer, no shared cache line); a sample is their sum.
 */
public final class PipelineMetrics implements MetricsSource
{
    private final PipelineCounters[] counters;

    /**
     * @param counters the pipelines' counters, one per worker.
     */
    public PipelineMetrics(final PipelineCounters... counters)
    {
        this.counters = counters.clone();
    }

    @Override
    public void collect(final MetricsWriter out)
    {
        for (int i = 0; i < PipelineCounters.totalCount(); i++)
        {
            out.family(MetricNames.counter("pipeline." + PipelineCounters.totalName(i)), MetricType.COUNTER,
                help(i));
            long sum = 0;
            for (final PipelineCounters c : counters)
            {
                sum += c.total(i);
            }
            out.sample(sum);
        }
    }

    private static String help(final int total)
    {
        switch (total)
        {
            case PipelineCounters.RX_FRAMES:
                return "frames the pipeline received from all ports";
            case PipelineCounters.FORWARDED:
                return "packets forwarded to a next hop after the route lookup";
            case PipelineCounters.ENCAPSULATED:
                return "packets encapsulated (H.Encaps, H.Encaps.Red)";
            case PipelineCounters.DECAPSULATED:
                return "packets decapsulated at a local SID (End.DX*, End.DT*, USD)";
            case PipelineCounters.LOCAL_DELIVERED:
                return "packets to our own addresses or SIDs answered locally (echo)";
            case PipelineCounters.PUNTED:
                return "frames handed to the neighbor agent (ARP, NDP)";
            case PipelineCounters.ICMP_ERRORS_SENT:
                return "ICMP and ICMPv6 errors generated";
            case PipelineCounters.TX_FRAMES:
                return "frames the pipeline handed to a port for sending";
            case PipelineCounters.HELD_FOR_NEIGHBOR:
                return "packets handed to the neighbor agent to wait for next-hop resolution";
            default:
                return "pipeline total " + PipelineCounters.totalName(total) + " (show counters)";
        }
    }
}
