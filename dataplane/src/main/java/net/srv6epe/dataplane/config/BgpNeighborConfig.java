package net.srv6epe.dataplane.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.util.List;

/**
 * One entry of {@code bgp.neighbors:}.
 *
 * @param address      {@code address}: required, unique, the neighbor's IPv4 or IPv6 address.
 * @param port         {@code port}: the neighbor's TCP port; default 179 (other values for tests and labs).
 * @param remoteAs     {@code remote-as}: required, 1..4294967295.
 * @param localAddress {@code local-address}: source address of our connections, same family; default: the
 *                     kernel chooses.
 * @param passive      {@code passive}: only accept, never connect; default false.
 * @param holdTime     {@code hold-time}: seconds, 0 or 3..65535; default 90.
 * @param connectRetry {@code connect-retry}: first ConnectRetry interval in seconds, at least 1; default 120.
 * @param families     {@code families}: {@code ipv6-unicast}, {@code vpnv6}; default both.
 * @param maxPrefix    {@code max-prefix}: route limit, or null for none.
 * @param role         {@code role}: required, {@code egress-peer} (eBGP IPv6 unicast to the ASBR role) or
 *                     {@code ibgp} (VPNv6 between ASBR, route reflector and content server).
 */
public record BgpNeighborConfig(
    String address,
    int port,
    Long remoteAs,
    String localAddress,
    boolean passive,
    int holdTime,
    int connectRetry,
    List<String> families,
    MaxPrefixConfig maxPrefix,
    String role)
{
    /** Role of an eBGP egress peer of the ASBR. */
    public static final String ROLE_EGRESS_PEER = "egress-peer";
    /** Role of an iBGP (VPNv6) neighbor. */
    public static final String ROLE_IBGP = "ibgp";
    /** Family name of IPv6 unicast. */
    public static final String FAMILY_IPV6_UNICAST = "ipv6-unicast";
    /** Family name of VPN-IPv6. */
    public static final String FAMILY_VPNV6 = "vpnv6";

    /** Binds the YAML mapping, applying defaults for absent keys. */
    @JsonCreator
    static BgpNeighborConfig of(
        @JsonProperty("address") final String address,
        @JsonProperty("port") final Integer port,
        @JsonProperty("remote-as") final Long remoteAs,
        @JsonProperty("local-address") final String localAddress,
        @JsonProperty("passive") final Boolean passive,
        @JsonProperty("hold-time") final Integer holdTime,
        @JsonProperty("connect-retry") final Integer connectRetry,
        @JsonProperty("families") final List<String> families,
        @JsonProperty("max-prefix") final MaxPrefixConfig maxPrefix,
        @JsonProperty("role") final String role)
    {
        return new BgpNeighborConfig(address, port == null ? 179 : port, remoteAs, localAddress,
            passive != null && passive, holdTime == null ? 90 : holdTime, connectRetry == null ? 120 : connectRetry,
            families == null ? List.of(FAMILY_IPV6_UNICAST, FAMILY_VPNV6) : ConfigLists.copyOf(families), maxPrefix,
            role);
    }
}
