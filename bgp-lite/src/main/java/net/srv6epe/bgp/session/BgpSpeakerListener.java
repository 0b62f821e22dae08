package net.srv6epe.bgp.session;

import net.srv6epe.bgp.fsm.NegotiatedSession;
import net.srv6epe.bgp.fsm.SessionState;
import net.srv6epe.bgp.wire.error.ValidationResult;
import net.srv6epe.bgp.wire.message.RouteRefreshMessage;
import net.srv6epe.bgp.wire.message.UpdateMessage;

import java.net.InetSocketAddress;

/**
 * What the speaker tells its owner, on the speaker's thread, from inside {@link BgpSpeaker#doWork()}. Keep the
 * callbacks short: they run on the control thread of every neighbor. All methods default to doing nothing.
 */
public interface BgpSpeakerListener
{
    /** A neighbor's session changed state. */
    default void onStateChange(final NeighborConfig neighbor, final SessionState from, final SessionState to)
    {
    }

    /** A session reached Established with these negotiated capabilities. */
    default void onEstablished(final NeighborConfig neighbor, final NegotiatedSession session)
    {
    }

    /** A session left Established; {@code reason} is the neighbor's last error. */
    default void onSessionDown(final NeighborConfig neighbor, final String reason)
    {
    }

    /**
     * An UPDATE arrived that does not reset the session; apply {@code result} (RFC 7606 treat-as-withdraw or
     * attribute discard) before using it.
     */
    default void onUpdate(final NeighborConfig neighbor, final UpdateMessage update, final ValidationResult result)
    {
    }

    /** The neighbor asked for a route refresh of a negotiated family (RFC 2918). */
    default void onRouteRefresh(final NeighborConfig neighbor, final RouteRefreshMessage message)
    {
    }

    /**
     * An incoming connection was refused and closed: its source is not a configured neighbor, or the neighbor
     * cannot take another connection now.
     */
    default void onConnectionRefused(final InetSocketAddress remote, final String reason)
    {
    }
}
