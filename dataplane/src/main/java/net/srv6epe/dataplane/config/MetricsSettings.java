package net.srv6epe.dataplane.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;

/**
 * The Prometheus metrics endpoint ({@code router.metrics}).
 *
 * @param listen {@code listen}: where {@code GET /metrics} is served, {@code host:port} (see {@link ListenAddress};
 *               port 0 picks a free port), or {@value ConfigDefaults#METRICS_OFF} for no endpoint; default
 *               {@value ConfigDefaults#METRICS_LISTEN}.
 */
public record MetricsSettings(String listen)
{
    /** The settings used when {@code router.metrics} is absent. */
    public static final MetricsSettings DEFAULT = new MetricsSettings(ConfigDefaults.METRICS_LISTEN);

    /** No endpoint. */
    public static final MetricsSettings OFF = new MetricsSettings(ConfigDefaults.METRICS_OFF);

    /** Binds the YAML mapping, applying defaults for absent keys. */
    @JsonCreator
    static MetricsSettings of(
        @JsonProperty("listen") @JsonDeserialize(using = ListenTextDeserializer.class) final String listen)
    {
        return new MetricsSettings(listen == null ? ConfigDefaults.METRICS_LISTEN : listen);
    }

    /** False when {@code listen} is {@value ConfigDefaults#METRICS_OFF}. */
    public boolean enabled()
    {
        return !ConfigDefaults.METRICS_OFF.equals(listen);
    }

    /**
     * The address to listen on; call on a validated configuration only.
     *
     * @return the address, or null when the endpoint is off.
     * @throws IllegalArgumentException when {@code listen} is not valid (the validator reports that first).
     */
    public ListenAddress address()
    {
        return enabled() ? ListenAddress.parse(listen) : null;
    }
}
