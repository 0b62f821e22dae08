package net.srv6epe.bgp.fsm;

import net.srv6epe.bgp.wire.error.ValidationResult;
import net.srv6epe.bgp.wire.message.BgpMessage;
import net.srv6epe.bgp.wire.message.RouteRefreshMessage;
import net.srv6epe.bgp.wire.message.UpdateMessage;

/**
 * What a {@link SessionFsm} asks of its surroundings: the transport (send, connect, disconnect) and the owner of
 * the session (state changes, UPDATEs). Called on the FSM's thread, from inside the FSM's event methods.
 */
public interface FsmActions
{
    /**
     * Queues a message on the connection.
     *
     * @return false when it could not be queued (no connection, or the send buffer is full)
     */
    boolean send(BgpMessage message);

    /** Initiates the outgoing TCP connection (RFC 4271 8.2.2 Connect state); the outcome comes back as an event. */
    void connect();

    /** Drops the TCP connection, after trying to write what is queued (a NOTIFICATION last). */
    void disconnect();

    /** The state changed. */
    default void stateChanged(final SessionState from, final SessionState to)
    {
    }

    /** The session reached Established. */
    default void established(final NegotiatedSession session)
    {
    }

    /** The session left Established; {@code reason} is the same text as {@link SessionFsm#lastError()}. */
    default void sessionDown(final String reason)
    {
    }

    /**
     * An UPDATE arrived in Established and is not a session reset (RFC 7606): the owner applies {@code result}
     * (treat-as-withdraw, attribute discard) itself.
     */
    default void updateReceived(final UpdateMessage update, final ValidationResult result)
    {
    }

    /** A ROUTE-REFRESH for a negotiated family arrived in Established (RFC 2918 4). */
    default void routeRefreshReceived(final RouteRefreshMessage message)
    {
    }

    /**
     * The other connection to the same peer, for collision detection (RFC 4271 6.8), or null when there is none.
     */
    default SessionFsm otherConnection()
    {
        return null;
    }
}
