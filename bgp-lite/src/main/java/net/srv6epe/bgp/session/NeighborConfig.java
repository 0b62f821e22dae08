package net.srv6epe.bgp.session;

import net.srv6epe.bgp.fsm.SessionConfig;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * One configured neighbor: where it is, which local address our connections leave from, and its session settings.
 * Only configured neighbors may connect (the speaker refuses any other source address).
 *
 * @param remote       the peer's address and port (179 unless testing); connections from this address (any port)
 *                     belong to this neighbor
 * @param localAddress the address outgoing connections are bound to, or null to let the kernel choose
 * @param session      AS numbers, identifier, timers, families
 */
public record NeighborConfig(InetSocketAddress remote, InetAddress localAddress, SessionConfig session)
{
    /** RFC 4271 8.2.1.2: the BGP port. */
    public static final int BGP_PORT = 179;

    /**
     * @throws IllegalArgumentException naming the field that is wrong
     */
    public NeighborConfig
    {
        if (remote == null || remote.isUnresolved())
        {
            throw new IllegalArgumentException("neighbor address: " + remote + " is not a resolved IP address");
        }
        if (session == null)
        {
            throw new IllegalArgumentException("neighbor " + remote.getAddress().getHostAddress() +
                ": session settings missing");
        }
        if (localAddress != null && localAddress.getClass() != remote.getAddress().getClass())
        {
            throw new IllegalArgumentException("neighbor " + remote.getAddress().getHostAddress() +
                ": local-address " + localAddress.getHostAddress() + " is not of the neighbor's address family");
        }
    }

    /** A neighbor on the standard port, local address chosen by the kernel. */
    public static NeighborConfig of(final InetAddress peer, final SessionConfig session)
    {
        return new NeighborConfig(new InetSocketAddress(peer, BGP_PORT), null, session);
    }

    /** The peer's IP address: the neighbor's key. */
    public InetAddress address()
    {
        return remote.getAddress();
    }

    @Override
    public String toString()
    {
        return "neighbor " + remote.getAddress().getHostAddress() + " port " + remote.getPort() + " as " +
            session.peerAs();
    }
}
