package net.srv6epe.dataplane.bgp;

import java.util.List;

/**
 * What the operator sees of the BGP speaker, built on the speaker thread and handed to the control thread by one
 * volatile reference: immutable.
 *
 * @param asn       our AS
 * @param routerId  our BGP identifier, dotted quad
 * @param neighbors one row per configured neighbor
 * @param vpnv6     VPN-IPv6 routes received (Adj-RIB-In of every neighbor), at most
 *                  {@link BgpAgent#MAX_ROUTE_ROWS}; rebuilt only after routes changed
 * @param ipv6      IPv6 unicast routes received, likewise
 * @param takenNs   monotonic time the snapshot was taken
 */
public record BgpSnapshot(long asn, String routerId, List<Neighbor> neighbors, List<Route> vpnv6, List<Route> ipv6,
    long takenNs)
{
    /** An empty snapshot (before the speaker's first round). */
    public static BgpSnapshot empty(final long asn, final String routerId)
    {
        return new BgpSnapshot(asn, routerId, List.of(), List.of(), List.of(), 0);
    }

    /** The row of a neighbor, or null. */
    public Neighbor neighbor(final String address)
    {
        for (final Neighbor n : neighbors)
        {
            if (n.address().equals(address))
            {
                return n;
            }
        }
        return null;
    }

    /**
     * One neighbor.
     *
     * @param address          its address
     * @param port             its TCP port
     * @param remoteAs         its AS
     * @param role             {@code egress-peer} or {@code ibgp}
     * @param state            FSM state
     * @param establishedForMs time in Established, or -1 when not Established
     * @param messagesIn       messages received, all types
     * @param messagesOut      messages queued to it, all types
     * @param updatesIn        UPDATEs received
     * @param updatesOut       UPDATEs queued
     * @param prefixesReceived routes in its Adj-RIB-In
     * @param prefixesAccepted routes of the family its role uses
     * @param pendingOut       UPDATEs waiting for room in its write buffer
     * @param holdTimeS        negotiated hold time, or -1
     * @param peerRouterId     its BGP identifier, or null before its OPEN
     * @param lastError        why it last failed, empty when nothing failed
     */
    public record Neighbor(String address, int port, long remoteAs, String role, String state, long establishedForMs,
        long messagesIn, long messagesOut, long updatesIn, long updatesOut, long prefixesReceived,
        long prefixesAccepted, int pendingOut, long holdTimeS, String peerRouterId, String lastError)
    {
    }

    /**
     * One received route.
     *
     * @param neighbor    who sent it
     * @param rd          route distinguisher, or null for IPv6 unicast
     * @param prefix      the prefix
     * @param nextHop     next hop
     * @param sid         the SRv6 SID of its Prefix-SID attribute, or null
     * @param behavior    the SID's endpoint behavior codepoint, or -1
     * @param label       the label field (transposed SID function bits), or -1 for IPv6 unicast
     * @param routeTargets its route targets
     * @param asPath      AS path length
     * @param best        true when our roles selected it
     */
    public record Route(String neighbor, String rd, String prefix, String nextHop, String sid, int behavior,
        int label, List<String> routeTargets, int asPath, boolean best)
    {
    }
}
