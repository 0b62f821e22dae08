package net.srv6epe.dataplane.metrics;

import java.util.List;

import net.srv6epe.dataplane.port.Port;
import net.srv6epe.dataplane.port.PortCounter;

/**
 * Per-port counters, one family per {@link PortCounter} labelled by port name:
 * {@code srv6epe_port_rx_packets_total{port="p0"}}, {@code _rx_bytes_total}, {@code _rx_dropped_total},
 * {@code _rx_errors_total}, {@code _tx_packets_total}, {@code _tx_bytes_total}, {@code _tx_errors_total}
 * (the values of {@code show interfaces}).
 */
public final class PortMetrics implements MetricsSource
{
    private final List<Port> ports;

    /**
     * @param ports the router's ports, in configuration order; read on each scrape.
     */
    public PortMetrics(final List<Port> ports)
    {
        this.ports = ports;
    }

    @Override
    public void collect(final MetricsWriter out)
    {
        for (final PortCounter counter : PortCounter.values())
        {
            out.family(MetricNames.counter(counter.label()), MetricType.COUNTER, counter.description());
            for (final Port port : ports)
            {
                out.sample(port.counters().get(counter), "port", port.name());
            }
        }
    }
}
