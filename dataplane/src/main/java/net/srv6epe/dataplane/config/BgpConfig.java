package net.srv6epe.dataplane.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * The {@code bgp:} section: the embedded BGP speaker (module {@code bgp-lite}), absent when the router runs no BGP.
 *
 * @param asn           {@code asn}: required, our AS, 1..4294967295 (4-octet, RFC 6793).
 * @param routerId      {@code router-id}: required, dotted-quad BGP identifier, not 0.0.0.0.
 * @param listen        {@code listen}: {@code host:port} addresses to accept sessions on; default none (active
 *                      sessions only).
 * @param neighbors     {@code neighbors}: the configured neighbors; at least one.
 * @param contentServer {@code content-server}: the content-server role, or null.
 * @param asbr          {@code asbr}: the ASBR role, or null.
 */
public record BgpConfig(
    Long asn,
    String routerId,
    List<String> listen,
    List<BgpNeighborConfig> neighbors,
    ContentServerSettings contentServer,
    AsbrSettings asbr)
{
    /** Binds the YAML mapping, applying defaults for absent keys. */
    @JsonCreator
    static BgpConfig of(
        @JsonProperty("asn") final Long asn,
        @JsonProperty("router-id") final String routerId,
        @JsonProperty("listen") final List<String> listen,
        @JsonProperty("neighbors") final List<BgpNeighborConfig> neighbors,
        @JsonProperty("content-server") final ContentServerSettings contentServer,
        @JsonProperty("asbr") final AsbrSettings asbr)
    {
        return new BgpConfig(asn, routerId, ConfigLists.copyOf(listen), ConfigLists.copyOf(neighbors), contentServer,
            asbr);
    }
}
