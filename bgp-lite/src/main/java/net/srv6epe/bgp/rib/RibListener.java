package net.srv6epe.bgp.rib;

import net.srv6epe.bgp.event.Cause;
import net.srv6epe.bgp.wire.nlri.AddressFamily;

/**
 * Told about every change of an Adj-RIB-In (RFC 4271 3.2), one route at a time, in the order the UPDATE carried
 * them; the roles turn these into VRF routes and advertisements. Keys are in primitive form with host bits
 * cleared.
 */
public interface RibListener
{
    /**
     * A route was added, replaced or removed in a peer's Adj-RIB-In.
     *
     * @param peer       the peer's RIB id ({@link Rib#peer(int)})
     * @param family     IPv6 unicast or VPN-IPv6
     * @param rd         route distinguisher (0 for IPv6 unicast)
     * @param label      the first label field of the NLRI (0 for IPv6 unicast; for a removal, the old one)
     * @param current    the route's attributes now, or null when it was removed
     * @param previous   its attributes before, or null when it is new
     * @param cause      the UPDATE or session loss behind the change
     */
    void onRouteChange(int peer, AddressFamily family, long rd, long hi, long lo, int length, int label,
        PathAttributes current, PathAttributes previous, Cause cause);

    /** The changes of one UPDATE or one session loss are all delivered: a good moment to flush a route sink. */
    default void onBatchEnd(final Cause cause)
    {
    }
}
