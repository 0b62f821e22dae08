package net.srv6epe.dataplane.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * SRv6 flow statistics ({@code router.flow-stats}): per-flow packet and byte counters kept by each worker and
 * sampled as deltas into the flow journal.
 *
 * @param enabled    {@code enabled}: whether flows are counted and sampled; default
 *                   {@value ConfigDefaults#FLOW_STATS_ENABLED}.
 * @param intervalMs {@code interval-ms}: sampling period, {@value ConfigDefaults#MIN_FLOW_STATS_INTERVAL_MS}..
 *                   {@value ConfigDefaults#MAX_FLOW_STATS_INTERVAL_MS}; default
 *                   {@value ConfigDefaults#FLOW_STATS_INTERVAL_MS}.
 * @param maxFlows   {@code max-flows}: flows tracked per worker (rounded up to a power of two),
 *                   {@value ConfigDefaults#MIN_FLOW_STATS_MAX_FLOWS}..{@value ConfigDefaults#MAX_FLOW_STATS_MAX_FLOWS};
 *                   default {@value ConfigDefaults#FLOW_STATS_MAX_FLOWS}.
 */
public record FlowStatsSettings(boolean enabled, int intervalMs, int maxFlows)
{
    /** The settings used when {@code router.flow-stats} is absent. */
    public static final FlowStatsSettings DEFAULT = new FlowStatsSettings(ConfigDefaults.FLOW_STATS_ENABLED,
        ConfigDefaults.FLOW_STATS_INTERVAL_MS, ConfigDefaults.FLOW_STATS_MAX_FLOWS);

    /** Binds the YAML mapping, applying defaults for absent keys. */
    @JsonCreator
    static FlowStatsSettings of(
        @JsonProperty("enabled") final Boolean enabled,
        @JsonProperty("interval-ms") final Integer intervalMs,
        @JsonProperty("max-flows") final Integer maxFlows)
    {
        return new FlowStatsSettings(
            enabled == null ? ConfigDefaults.FLOW_STATS_ENABLED : enabled,
            intervalMs == null ? ConfigDefaults.FLOW_STATS_INTERVAL_MS : intervalMs,
            maxFlows == null ? ConfigDefaults.FLOW_STATS_MAX_FLOWS : maxFlows);
    }
}
