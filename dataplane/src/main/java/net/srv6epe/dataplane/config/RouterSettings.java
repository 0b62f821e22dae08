package net.srv6epe.dataplane.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The {@code router:} section: identity and process-wide settings.
 *
 * @param name          {@code name}: required, {@code [a-z0-9-]+}; names the control socket and log lines.
 * @param controlSocket {@code control-socket}: path of the CLI's Unix domain socket;
 *                      default {@code /run/srv6-epe/<name>.sock} ({@link ConfigDefaults#controlSocket(String)}).
 * @param encapSource   {@code encap-source}: IPv6 source address of the outer header H.Encaps builds; required
 *                      when any route encapsulates, else may be null.
 * @param workers       {@code workers}: number of forwarding worker threads, 1..{@value ConfigDefaults#MAX_WORKERS};
 *                      default {@value ConfigDefaults#WORKERS}.
 * @param icmp          {@code icmp}: ICMP error generation; default {@link IcmpSettings#DEFAULT}.
 * @param metrics       {@code metrics}: the Prometheus endpoint; default {@link MetricsSettings#DEFAULT}.
 */
public record RouterSettings(
    String name, String controlSocket, String encapSource, int workers, IcmpSettings icmp, MetricsSettings metrics)
{
    /** Settings with the default metrics endpoint ({@link MetricsSettings#DEFAULT}). */
    public RouterSettings(
        final String name, final String controlSocket, final String encapSource, final int workers,
        final IcmpSettings icmp)
    {
        this(name, controlSocket, encapSource, workers, icmp, MetricsSettings.DEFAULT);
    }

    /** Binds the YAML mapping, applying defaults for absent keys. */
    @JsonCreator
    static RouterSettings of(
        @JsonProperty("name") final String name,
        @JsonProperty("control-socket") final String controlSocket,
        @JsonProperty("encap-source") final String encapSource,
        @JsonProperty("workers") final Integer workers,
        @JsonProperty("icmp") final IcmpSettings icmp,
        @JsonProperty("metrics") final MetricsSettings metrics)
    {
        return new RouterSettings(
            name,
            controlSocket == null ? ConfigDefaults.controlSocket(name) : controlSocket,
            encapSource,
            workers == null ? ConfigDefaults.WORKERS : workers,
            icmp == null ? IcmpSettings.DEFAULT : icmp,
            metrics == null ? MetricsSettings.DEFAULT : metrics);
    }
}
