package net.srv6epe.dataplane.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One entry of {@code bgp.content-server.import-vrfs}.
 *
 * @param vrf          {@code vrf}: required, an existing VRF, used once.
 * @param routeTargets {@code route-targets}: at least one, {@code ASN:NN} or {@code A.B.C.D:NN}.
 * @param mode         {@code mode}: {@code H.Encaps} (default) or {@code H.Encaps.Red}.
 * @param underlayVrf  {@code underlay-vrf}: VRF routing the outer packet; default {@code default}.
 */
public record ImportVrfConfig(String vrf, List<String> routeTargets, String mode, String underlayVrf)
{
    /** Binds the YAML mapping, applying defaults for absent keys. */
    @JsonCreator
    static ImportVrfConfig of(
        @JsonProperty("vrf") final String vrf,
        @JsonProperty("route-targets") final List<String> routeTargets,
        @JsonProperty("mode") final String mode,
        @JsonProperty("underlay-vrf") final String underlayVrf)
    {
        return new ImportVrfConfig(vrf, ConfigLists.copyOf(routeTargets), mode == null ? "H.Encaps" : mode,
            underlayVrf == null ? ConfigDefaults.DEFAULT_VRF : underlayVrf);
    }
}
