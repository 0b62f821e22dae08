package net.srv6epe.dataplane.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One entry of {@code neighbors:}: a static neighbor (never resolved, never aged out).
 *
 * @param port    {@code port}: required, name of the port the neighbor is on.
 * @param address {@code address}: required, the neighbor's IPv6 or IPv4 address.
 * @param mac     {@code mac}: required, the neighbor's unicast MAC.
 */
public record NeighborConfig(String port, String address, String mac)
{
    /** Binds the YAML mapping. */
    @JsonCreator
    static NeighborConfig of(
        @JsonProperty("port") final String port,
        @JsonProperty("address") final String address,
        @JsonProperty("mac") final String mac)
    {
        return new NeighborConfig(port, address, mac);
    }
}
