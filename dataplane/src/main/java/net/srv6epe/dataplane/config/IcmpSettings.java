package net.srv6epe.dataplane.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * ICMP error generation ({@code router.icmp}), rate limited by a token bucket.
 *
 * @param enabled       {@code enabled}: whether the router sends ICMP/ICMPv6 errors (time exceeded, destination
 *                      unreachable, parameter problem, packet too big); default {@value ConfigDefaults#ICMP_ENABLED}.
 * @param ratePerSecond {@code rate-per-second}: token bucket refill rate, errors per second, 0 or more;
 *                      default {@value ConfigDefaults#ICMP_RATE_PER_SECOND}.
 * @param burst         {@code burst}: token bucket depth, 0 or more; default {@value ConfigDefaults#ICMP_BURST}.
 */
public record IcmpSettings(boolean enabled, int ratePerSecond, int burst)
{
    /** The settings used when {@code router.icmp} is absent. */
    public static final IcmpSettings DEFAULT =
        new IcmpSettings(ConfigDefaults.ICMP_ENABLED, ConfigDefaults.ICMP_RATE_PER_SECOND, ConfigDefaults.ICMP_BURST);

    /** Binds the YAML mapping, applying defaults for absent keys. */
    @JsonCreator
    static IcmpSettings of(
        @JsonProperty("enabled") final Boolean enabled,
        @JsonProperty("rate-per-second") final Integer ratePerSecond,
        @JsonProperty("burst") final Integer burst)
    {
        return new IcmpSettings(
            enabled == null ? ConfigDefaults.ICMP_ENABLED : enabled,
            ratePerSecond == null ? ConfigDefaults.ICMP_RATE_PER_SECOND : ratePerSecond,
            burst == null ? ConfigDefaults.ICMP_BURST : burst);
    }
}
