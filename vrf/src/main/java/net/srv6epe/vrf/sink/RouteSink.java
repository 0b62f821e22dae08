package net.srv6epe.vrf.sink;

import net.srv6epe.vrf.prefix.Ipv4Prefix;
import net.srv6epe.vrf.prefix.Ipv6Prefix;
import net.srv6epe.vrf.route.RouteAction;

/**
 * Where a routing protocol (the BGP speaker) puts the routes it selected: install or withdraw a prefix in a named
 * VRF, each with a cause for the route-event journal ({@code "bgp 192.0.2.1 update"}), then {@link #flush()} to
 * make the batch visible to the data plane at once. Owned by {@code vrf} so the speaker depends on this
 * interface only. Implementations are used from one thread.
 */
public interface RouteSink
{
    /**
     * Installs or replaces an IPv6 route.
     *
     * @throws IllegalArgumentException for an unknown VRF or an encap action naming an unknown underlay VRF
     */
    void install(String vrf, Ipv6Prefix prefix, RouteAction action, String cause);

    /** Withdraws an IPv6 route; withdrawing an absent route is not an error. */
    void withdraw(String vrf, Ipv6Prefix prefix, String cause);

    /**
     * Installs or replaces an IPv4 route.
     *
     * @throws IllegalArgumentException for an unknown VRF or an encap action naming an unknown underlay VRF
     */
    void install(String vrf, Ipv4Prefix prefix, RouteAction action, String cause);

    /** Withdraws an IPv4 route; withdrawing an absent route is not an error. */
    void withdraw(String vrf, Ipv4Prefix prefix, String cause);

    /**
     * Publishes every change since the last flush as one new snapshot (nothing when there was none).
     *
     * @return the generation current after the flush
     */
    long flush();
}
