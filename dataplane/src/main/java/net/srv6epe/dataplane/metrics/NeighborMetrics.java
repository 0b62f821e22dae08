package net.srv6epe.dataplane.metrics;

import net.srv6epe.dataplane.neighbor.NeighborCounter;
import net.srv6epe.dataplane.neighbor.NeighborCounters;
import net.srv6epe.dataplane.neighbor.NeighborState;
import net.srv6epe.dataplane.neighbor.NeighborTable;
import net.srv6epe.dataplane.neighbor.NeighborView;

/**
 * The neighbor agent: its counters of {@code show counters}, one family each
 * ({@code neighbor.ndp.solicitations-sent} becomes {@code srv6epe_neighbor_ndp_solicitations_sent_total}), and
 * the gauge {@code srv6epe_neighbors{state="reachable"}}: entries of the neighbor table by state, every state
 * written (zero included) with the names {@code show neighbors} uses.
 */
public final class NeighborMetrics implements MetricsSource
{
    /** The gauge of entries by state. */
    public static final String ENTRIES = MetricNames.PREFIX + "neighbors";

    private final NeighborCounters counters;
    private final NeighborTable table;

    /**
     * @param counters the agent's counters.
     * @param table    the published neighbor table.
     */
    public NeighborMetrics(final NeighborCounters counters, final NeighborTable table)
    {
        this.counters = counters;
        this.table = table;
    }

    @Override
    public void collect(final MetricsWriter out)
    {
        for (final NeighborCounter counter : NeighborCounter.values())
        {
            out.family(MetricNames.counter(counter.label()), MetricType.COUNTER,
                "neighbor agent counter " + counter.label() + " (show counters)");
            out.sample(counters.get(counter));
        }
        final long[] byState = new long[NeighborState.values().length];
        for (final NeighborView n : table.entries())
        {
            byState[n.state().ordinal()]++;
        }
        out.family(ENTRIES, MetricType.GAUGE, "neighbor table entries by state (show neighbors)");
        for (final NeighborState state : NeighborState.values())
        {
            out.sample(byState[state.ordinal()], "state", stateName(state));
        }
    }

    /** The state as {@code show neighbors} prints it. */
    static String stateName(final NeighborState state)
    {
        return state.name().toLowerCase();
    }
}
