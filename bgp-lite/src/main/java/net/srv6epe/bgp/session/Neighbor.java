package net.srv6epe.bgp.session;

import net.srv6epe.bgp.fsm.NegotiatedSession;
import net.srv6epe.bgp.fsm.SessionFsm;
import net.srv6epe.bgp.fsm.SessionState;
import net.srv6epe.bgp.wire.error.ValidationResult;
import net.srv6epe.bgp.wire.message.BgpMessage;
import net.srv6epe.bgp.wire.message.MessageType;
import net.srv6epe.bgp.wire.message.NotificationMessage;
import net.srv6epe.bgp.wire.message.RouteRefreshMessage;
import net.srv6epe.bgp.wire.message.UpdateMessage;

import java.io.IOException;
import java.nio.channels.SocketChannel;

/**
 * One configured neighbor: its main connection slot, and a second slot while two connections to the peer exist
 * (RFC 4271 6.8). Only the main slot speaks to the listener; when the main slot loses a collision the second one
 * takes its place.
 */
final class Neighbor
{
    private final NeighborConfig config;
    private final BgpSpeaker speaker;
    private final long[] receivedByType = new long[MessageType.values().length];
    private final long[] sentByType = new long[MessageType.values().length];
    private ConnectionSlot main;
    private ConnectionSlot second;
    private String lastError = "";

    Neighbor(final NeighborConfig config, final BgpSpeaker speaker)
    {
        this.config = config;
        this.speaker = speaker;
        this.main = new ConnectionSlot(this);
    }

    NeighborConfig config()
    {
        return config;
    }

    BgpSpeaker speaker()
    {
        return speaker;
    }

    SessionFsm fsm()
    {
        return main.fsm();
    }

    String lastError()
    {
        final String current = main.fsm().lastError();
        return current.isEmpty() ? lastError : current;
    }

    long received(final MessageType type)
    {
        return receivedByType[type.ordinal()];
    }

    long sent(final MessageType type)
    {
        return sentByType[type.ordinal()];
    }

    void countReceived(final MessageType type)
    {
        receivedByType[type.ordinal()]++;
    }

    void countSent(final MessageType type)
    {
        sentByType[type.ordinal()]++;
    }

    int start(final long nowNs)
    {
        main.now(nowNs);
        return main.fsm().manualStart(nowNs);
    }

    int stop(final long nowNs)
    {
        int work = 0;
        if (second != null)
        {
            second.now(nowNs);
            work += second.fsm().manualStop(nowNs);
            second = null;
        }
        main.now(nowNs);
        work += main.fsm().manualStop(nowNs);
        return work;
    }

    int close(final NotificationMessage notification, final String reason, final long nowNs)
    {
        int work = 0;
        if (second != null)
        {
            second.now(nowNs);
            work += second.fsm().closeWithNotification(notification, reason, nowNs);
            second = null;
        }
        main.now(nowNs);
        work += main.fsm().closeWithNotification(notification, reason, nowNs);
        return work;
    }

    boolean send(final BgpMessage message, final long nowNs)
    {
        main.now(nowNs);
        return main.fsm().send(message, nowNs);
    }

    /**
     * An incoming connection from this neighbor's address (RFC 4271 8.2.2 Event 17 / 6.8).
     *
     * @return null when taken, else why it was refused (the caller closes the channel)
     */
    String accept(final SocketChannel channel, final long nowNs) throws IOException
    {
        final SessionState state = main.fsm().state();
        if (state == SessionState.ACTIVE)
        {
            // RFC 4271 8.2.2 Active Event 17: no attempt of ours is pending, the peer's connection becomes ours
            main.attach(channel);
            main.now(nowNs);
            main.fsm().tcpConnectionConfirmed(nowNs, false);
            return null;
        }
        if ((state == SessionState.CONNECT || state == SessionState.OPEN_SENT ||
            state == SessionState.OPEN_CONFIRM) && second == null)
        {
            // a (possible) collision: run the new connection in its own FSM until RFC 4271 6.8 picks one, or
            // the first to reach Established wins
            final ConnectionSlot slot = new ConnectionSlot(this);
            slot.attach(channel);
            slot.now(nowNs);
            second = slot;
            slot.fsm().acceptConnection(nowNs);
            return null;
        }
        return "neighbor in state " + state + (second != null ? " with a second connection" : "");
    }

    ConnectionSlot other(final ConnectionSlot slot)
    {
        return slot == main ? second : slot == second ? main : null;
    }

    int doWork(final long nowNs)
    {
        int work = 0;
        main.now(nowNs);
        work += main.fsm().poll(nowNs);
        work += main.flush(nowNs);
        final ConnectionSlot s = second;
        if (s != null)
        {
            s.now(nowNs);
            work += s.fsm().poll(nowNs);
            work += s.flush(nowNs);
        }
        return work;
    }

    void close(final long nowNs)
    {
        stop(nowNs);
        main.dropConnection();
    }

    // ---------------------------------------------------------------------------------------------- from slots

    void onStateChange(final ConnectionSlot slot, final SessionState from, final SessionState to)
    {
        if (to == SessionState.IDLE)
        {
            if (slot == second)
            {
                second = null;
                return;
            }
            if (slot == main && second != null)
            {
                // the main connection is gone (often: it lost the collision); the second one carries on
                lastError = slot.fsm().lastError();
                main = second;
                second = null;
                main.fsm().enableAutomaticRestart();
                if (main.fsm().state() != from)
                {
                    speaker.listener().onStateChange(config, from, main.fsm().state());
                }
                return;
            }
        }
        if (slot == main)
        {
            speaker.listener().onStateChange(config, from, to);
        }
    }

    void onEstablished(final ConnectionSlot slot, final NegotiatedSession session)
    {
        if (slot == main)
        {
            speaker.listener().onEstablished(config, session);
        }
    }

    void onSessionDown(final ConnectionSlot slot, final String reason)
    {
        if (slot == main)
        {
            speaker.listener().onSessionDown(config, reason);
        }
    }

    void onUpdate(final ConnectionSlot slot, final UpdateMessage update, final ValidationResult result)
    {
        if (slot == main)
        {
            speaker.listener().onUpdate(config, update, result);
        }
    }

    void onRouteRefresh(final ConnectionSlot slot, final RouteRefreshMessage message)
    {
        if (slot == main)
        {
            speaker.listener().onRouteRefresh(config, message);
        }
    }

    @Override
    public String toString()
    {
        return config + " " + main.fsm().state();
    }
}
