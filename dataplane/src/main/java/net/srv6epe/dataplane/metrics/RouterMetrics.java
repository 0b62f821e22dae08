package net.srv6epe.dataplane.metrics;

import java.util.List;
import java.util.function.ToLongFunction;

import net.srv6epe.dataplane.neighbor.NeighborCounters;
import net.srv6epe.dataplane.neighbor.NeighborTable;
import net.srv6epe.dataplane.pipeline.PipelineCounters;
import net.srv6epe.dataplane.port.Port;
import net.srv6epe.srv6.DropReason;
import net.srv6epe.vrf.ForwardingStatePublisher;

/** The registry of a router's standard sources, in the order a scrape lists them. */
public final class RouterMetrics
{
    private RouterMetrics()
    {
    }

    /**
     * Registers build info, ports, drop reasons, the pipeline's totals, local SIDs, the neighbor agent and the
     * forwarding snapshot. Later subsystems {@link MetricsRegistry#register} their own sources on the result.
     *
     * @param version          the build's version ({@link BuildInfoMetrics#thisBuildVersion()}).
     * @param ports            the router's ports (with several workers, their {@code PortSockets} views).
     * @param dropCount        a drop reason's count as {@code show errors} gives it.
     * @param counters         the pipeline's counters.
     * @param publisher        the forwarding snapshot.
     * @param neighborCounters the neighbor agent's counters.
     * @param neighborTable    the neighbor table.
     * @return the registry.
     */
    public static MetricsRegistry registry(
        final String version,
        final List<Port> ports,
        final ToLongFunction<DropReason> dropCount,
        final PipelineCounters counters,
        final ForwardingStatePublisher publisher,
        final NeighborCounters neighborCounters,
        final NeighborTable neighborTable)
    {
        return registry(version, ports, dropCount, new PipelineCounters[] {counters}, publisher, neighborCounters,
            neighborTable);
    }

    /**
     * As {@link #registry(String, List, ToLongFunction, PipelineCounters, ForwardingStatePublisher,
     * NeighborCounters, NeighborTable)} for a router of several workers: the pipeline and SID families are the
     * sums of the workers' counters.
     *
     * @param counters each worker's pipeline counters, by worker.
     */
    public static MetricsRegistry registry(
        final String version,
        final List<Port> ports,
        final ToLongFunction<DropReason> dropCount,
        final PipelineCounters[] counters,
        final ForwardingStatePublisher publisher,
        final NeighborCounters neighborCounters,
        final NeighborTable neighborTable)
    {
        return new MetricsRegistry()
            .register(new BuildInfoMetrics(version))
            .register(new PortMetrics(ports))
            .register(new DropMetrics(dropCount))
            .register(new PipelineMetrics(counters))
            .register(new SidMetrics(publisher, counters))
            .register(new NeighborMetrics(neighborCounters, neighborTable))
            .register(new ForwardingMetrics(publisher));
    }
}
