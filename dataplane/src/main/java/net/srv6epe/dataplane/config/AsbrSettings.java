package net.srv6epe.dataplane.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * {@code bgp.asbr}: the ASBR role.
 *
 * @param dataplaneAddress {@code dataplane-address}: required IPv6 address advertised as next hop.
 * @param locator          {@code locator}: required, where the SIDs are allocated.
 * @param transposition    {@code transposition}: advertise SIDs with the function in the label; default false.
 * @param egressPeers      {@code egress-peers}: at least one.
 */
public record AsbrSettings(String dataplaneAddress, AsbrLocatorConfig locator, boolean transposition,
    List<EgressPeerConfig> egressPeers)
{
    /** Binds the YAML mapping, applying defaults for absent keys. */
    @JsonCreator
    static AsbrSettings of(
        @JsonProperty("dataplane-address") final String dataplaneAddress,
        @JsonProperty("locator") final AsbrLocatorConfig locator,
        @JsonProperty("transposition") final Boolean transposition,
        @JsonProperty("egress-peers") final List<EgressPeerConfig> egressPeers)
    {
        return new AsbrSettings(dataplaneAddress, locator, transposition != null && transposition,
            ConfigLists.copyOf(egressPeers));
    }
}
