package net.srv6epe.dataplane.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * {@code bgp.content-server}: VPNv6 routes imported by route target into VRFs as SRv6 encapsulation routes (outer
 * source {@code router.encap-source}).
 *
 * @param importVrfs {@code import-vrfs}: at least one.
 * @param unicastVrf {@code unicast-vrf}: VRF the best IPv6 unicast routes (the ASBR's locator) are installed in;
 *                   default none.
 */
public record ContentServerSettings(List<ImportVrfConfig> importVrfs, String unicastVrf)
{
    /** Binds the YAML mapping. */
    @JsonCreator
    static ContentServerSettings of(
        @JsonProperty("import-vrfs") final List<ImportVrfConfig> importVrfs,
        @JsonProperty("unicast-vrf") final String unicastVrf)
    {
        return new ContentServerSettings(ConfigLists.copyOf(importVrfs), unicastVrf);
    }
}
