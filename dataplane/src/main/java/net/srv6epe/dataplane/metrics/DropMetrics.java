package net.srv6epe.dataplane.metrics;

import java.util.function.ToLongFunction;

import net.srv6epe.srv6.DropReason;

/**
 * {@code srv6epe_drops_total{reason="drop.srh.sl-zero"}}: every {@link DropReason}, zero or not, with the count
 * {@code show errors} gives for it (the router passes the same function to both).
 */
public final class DropMetrics implements MetricsSource
{
    /** The family name. */
    public static final String NAME = MetricNames.PREFIX + "drops_total";

    private final ToLongFunction<DropReason> count;

    /**
     * @param count a reason's count: pipeline and neighbor agent added up.
     */
    public DropMetrics(final ToLongFunction<DropReason> count)
    {
        this.count = count;
    }

    @Override
    public void collect(final MetricsWriter out)
    {
        out.family(NAME, MetricType.COUNTER,
            "packets that left the fast path without being forwarded, by named reason (show errors)");
        for (final DropReason reason : DropReason.values())
        {
            out.sample(count.applyAsLong(reason), "reason", reason.label());
        }
    }
}
