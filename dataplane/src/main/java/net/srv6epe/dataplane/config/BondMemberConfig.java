package net.srv6epe.dataplane.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One entry of {@code bonds[].members}: a path to the tail end.
 *
 * @param name         {@code name}: required, unique within the bond.
 * @param segments     {@code segments}: required, the SID list in travel order, the tail's bond SID last; 1..16.
 * @param capacityMbit {@code capacity-mbit}: the first estimate of the path's capacity in Mbit/s, before feedback
 *                     measures it; 0 (absent) = 10 Mbit/s.
 */
public record BondMemberConfig(String name, List<String> segments, double capacityMbit)
{
    /** Binds the YAML mapping, applying defaults for absent keys. */
    @JsonCreator
    static BondMemberConfig of(
        @JsonProperty("name") final String name,
        @JsonProperty("segments") final List<String> segments,
        @JsonProperty("capacity-mbit") final Double capacityMbit)
    {
        return new BondMemberConfig(name, ConfigLists.copyOf(segments), capacityMbit == null ? 0 : capacityMbit);
    }
}
