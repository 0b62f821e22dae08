package net.srv6epe.dataplane.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One entry of {@code pbr:}: a policy rule choosing the VRF a packet is looked up in, like {@code ip rule}.
 * Rules are tried by ascending priority; a packet matching no rule is looked up in its port's VRF.
 *
 * @param priority {@code priority}: required, 0..32767, unique; lower is tried first.
 * @param from     {@code from}: source prefix to match; null matches any (at least one of from/to is required).
 * @param to       {@code to}: destination prefix to match; null matches any.
 * @param vrf      {@code vrf}: required, the VRF to look the packet up in.
 */
public record PbrRuleConfig(int priority, String from, String to, String vrf)
{
    /** Marks an absent priority; the validator reports it. */
    public static final int NO_PRIORITY = -1;

    /** Binds the YAML mapping. */
    @JsonCreator
    static PbrRuleConfig of(
        @JsonProperty("priority") final Integer priority,
        @JsonProperty("from") final String from,
        @JsonProperty("to") final String to,
        @JsonProperty("vrf") final String vrf)
    {
        return new PbrRuleConfig(priority == null ? NO_PRIORITY : priority, from, to, vrf);
    }
}
