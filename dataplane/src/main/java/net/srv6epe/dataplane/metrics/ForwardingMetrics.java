package net.srv6epe.dataplane.metrics;

import net.srv6epe.vrf.ForwardingState;
import net.srv6epe.vrf.ForwardingStatePublisher;
import net.srv6epe.vrf.Vrf;

/**
 * The forwarding snapshot the workers use: {@code srv6epe_fib_routes{vrf="peer-a",family="ipv6"}} (routes per VRF
 * and family, as {@code show route} lists them) and {@code srv6epe_forwarding_generation} (grows by one per
 * published change).
 */
public final class ForwardingMetrics implements MetricsSource
{
    /** The routes gauge. */
    public static final String ROUTES = MetricNames.PREFIX + "fib_routes";
    /** The generation gauge. */
    public static final String GENERATION = MetricNames.PREFIX + "forwarding_generation";

    private final ForwardingStatePublisher publisher;

    /**
     * @param publisher the published forwarding state.
     */
    public ForwardingMetrics(final ForwardingStatePublisher publisher)
    {
        this.publisher = publisher;
    }

    @Override
    public void collect(final MetricsWriter out)
    {
        final ForwardingState state = publisher.current();
        out.family(ROUTES, MetricType.GAUGE, "routes in the FIB of a VRF, by address family (show route)");
        for (final Vrf vrf : state.vrfs())
        {
            out.sample(vrf.ipv6Fib().size(), "vrf", vrf.name(), "family", "ipv6");
            out.sample(vrf.ipv4Fib().size(), "vrf", vrf.name(), "family", "ipv4");
        }
        out.family(GENERATION, MetricType.GAUGE,
            "generation of the forwarding snapshot in use; grows by one per published change");
        out.sample(state.generation());
    }
}
