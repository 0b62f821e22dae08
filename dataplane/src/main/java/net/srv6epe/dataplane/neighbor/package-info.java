/**
 * Neighbor resolution: ARP (RFC 826) and IPv6 Neighbor Discovery (RFC 4861).
 *
 * <p>Workers read the {@link net.srv6epe.dataplane.neighbor.NeighborTable} (lock free, no allocation) and talk to
 * the {@link net.srv6epe.dataplane.neighbor.NeighborAgent} only through its
 * {@link net.srv6epe.dataplane.neighbor.NeighborProxy}: punt ARP/NS/NA frames
 * ({@link net.srv6epe.dataplane.neighbor.NeighborFrames#isNeighborFrame}), hand over frames whose next hop is a
 * {@link net.srv6epe.dataplane.neighbor.NeighborTable#MISS}, and drain the frames the agent produced for their
 * port. The agent answers for our addresses, resolves next hops, holds and releases frames, and ages entries.
 */
package net.srv6epe.dataplane.neighbor;
