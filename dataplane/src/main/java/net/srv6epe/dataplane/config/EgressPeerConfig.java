package net.srv6epe.dataplane.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One entry of {@code bgp.asbr.egress-peers}.
 *
 * @param neighbor           {@code neighbor}: required, address of a {@code bgp.neighbors} entry with role
 *                           {@code egress-peer}.
 * @param vrf                {@code vrf}: required, an existing VRF, one per egress peer.
 * @param rd                 {@code rd}: required route distinguisher, {@code ASN:NN} or {@code A.B.C.D:NN}.
 * @param exportRouteTargets {@code export-route-targets}: at least one route target.
 * @param behavior           {@code behavior}: {@code End.DT6} (default), {@code End.DT46} or {@code End.DX6}.
 * @param function           {@code function}: SID function value; default 0 (allocate the next free one).
 * @param nextHop            {@code next-hop}: required IPv6 address of the peer for forwarding.
 * @param port               {@code port}: required, the port towards the peer.
 * @param announce           {@code announce}: IPv6 prefixes we originate to the peer (the EPE source prefix whose
 *                           return traffic should come in through it), next hop our first IPv6 address on
 *                           {@code port}; default none.
 */
public record EgressPeerConfig(String neighbor, String vrf, String rd, List<String> exportRouteTargets,
    String behavior, long function, String nextHop, String port, List<String> announce)
{
    /** Binds the YAML mapping, applying defaults for absent keys. */
    @JsonCreator
    static EgressPeerConfig of(
        @JsonProperty("neighbor") final String neighbor,
        @JsonProperty("vrf") final String vrf,
        @JsonProperty("rd") final String rd,
        @JsonProperty("export-route-targets") final List<String> exportRouteTargets,
        @JsonProperty("behavior") final String behavior,
        @JsonProperty("function") final Long function,
        @JsonProperty("next-hop") final String nextHop,
        @JsonProperty("port") final String port,
        @JsonProperty("announce") final List<String> announce)
    {
        return new EgressPeerConfig(neighbor, vrf, rd, ConfigLists.copyOf(exportRouteTargets),
            behavior == null ? "End.DT6" : behavior, function == null ? 0 : function, nextHop, port,
            ConfigLists.copyOf(announce));
    }
}
