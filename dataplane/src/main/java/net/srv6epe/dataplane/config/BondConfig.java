package net.srv6epe.dataplane.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One entry of {@code bonds:}: a head end's bond (docs/BONDING.md), used by routes with {@code bond: NAME}.
 *
 * @param name              {@code name}: required, unique, {@code [a-z0-9-]+}.
 * @param id                {@code id}: required, 1..65535, unique; carried in every bonded packet's TLV.
 * @param source            {@code source}: outer source address of bonded packets, where the tail's feedback
 *                          arrives; default {@code router.encap-source}; null when absent.
 * @param vrf               {@code vrf}: the VRF routing the members' first SIDs; default {@code default}.
 * @param probeIntervalMs   {@code probe-interval-ms}: how often a member believed down is probed; default 50.
 * @param deadAfterMs       {@code dead-after-ms}: a member whose deliveries stop for this long is down; default 120.
 * @param feedbackTimeoutMs {@code feedback-timeout-ms}: no feedback for this long: use every member blind;
 *                          default 1000.
 * @param members           {@code members}: 1..16 member paths.
 */
public record BondConfig(
    String name,
    int id,
    String source,
    String vrf,
    int probeIntervalMs,
    int deadAfterMs,
    int feedbackTimeoutMs,
    List<BondMemberConfig> members)
{
    /** Default of {@code probe-interval-ms}. */
    public static final int PROBE_INTERVAL_MS = 50;
    /** Default of {@code dead-after-ms}. */
    public static final int DEAD_AFTER_MS = 120;
    /** Default of {@code feedback-timeout-ms}. */
    public static final int FEEDBACK_TIMEOUT_MS = 1000;

    /** Binds the YAML mapping, applying defaults for absent keys. */
    @JsonCreator
    static BondConfig of(
        @JsonProperty("name") final String name,
        @JsonProperty("id") final Integer id,
        @JsonProperty("source") final String source,
        @JsonProperty("vrf") final String vrf,
        @JsonProperty("probe-interval-ms") final Integer probeIntervalMs,
        @JsonProperty("dead-after-ms") final Integer deadAfterMs,
        @JsonProperty("feedback-timeout-ms") final Integer feedbackTimeoutMs,
        @JsonProperty("members") final List<BondMemberConfig> members)
    {
        return new BondConfig(name, id == null ? 0 : id, source, vrf == null ? ConfigDefaults.DEFAULT_VRF : vrf,
            probeIntervalMs == null ? PROBE_INTERVAL_MS : probeIntervalMs,
            deadAfterMs == null ? DEAD_AFTER_MS : deadAfterMs,
            feedbackTimeoutMs == null ? FEEDBACK_TIMEOUT_MS : feedbackTimeoutMs,
            ConfigLists.copyOf(members));
    }
}
