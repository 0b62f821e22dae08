package net.srv6epe.dataplane.config;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import net.srv6epe.srv6.Behavior;

/**
 * The {@code encap:} of a route: steer matching packets into an SRv6 policy (RFC 8986 section 5).
 *
 * @param mode     {@code mode}: {@code H.Encaps} or {@code H.Encaps.Red} (reduced: the first SID only in the
 *                 outer destination, no SRH for a single SID); default {@code H.Encaps}.
 * @param segments {@code segments}: required, the SID list in travel order (first SID visited first), 1..16
 *                 IPv6 addresses.
 * @param vrf      {@code vrf}: VRF whose FIB routes the outer packet; default {@code default}.
 */
public record EncapConfig(Behavior mode, List<String> segments, String vrf)
{
    /** Binds the YAML mapping, applying defaults for absent keys. */
    @JsonCreator
    static EncapConfig of(
        @JsonProperty("mode") final Behavior mode,
        @JsonProperty("segments") final List<String> segments,
        @JsonProperty("vrf") final String vrf)
    {
        return new EncapConfig(
            mode == null ? Behavior.fromDisplayName(ConfigDefaults.ENCAP_MODE) : mode,
            ConfigLists.copyOf(segments),
            vrf == null ? ConfigDefaults.DEFAULT_VRF : vrf);
    }
}
