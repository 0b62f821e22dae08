package net.srv6epe.bgp.fsm;

import net.srv6epe.bgp.wire.error.ValidationResult;
import net.srv6epe.bgp.wire.message.BgpMessage;
import net.srv6epe.bgp.wire.message.NotificationMessage;
import net.srv6epe.bgp.wire.message.RouteRefreshMessage;
import net.srv6epe.bgp.wire.message.UpdateMessage;

import java.util.ArrayList;
import java.util.List;

/** Records every action an FSM takes; no sockets. */
final class RecordingActions implements FsmActions
{
    final List<BgpMessage> sent = new ArrayList<>();
    final List<String> transitions = new ArrayList<>();
    final List<UpdateMessage> updates = new ArrayList<>();
    final List<RouteRefreshMessage> refreshes = new ArrayList<>();
    final List<String> downs = new ArrayList<>();
    NegotiatedSession established;
    int connects;
    int disconnects;
    boolean acceptSends = true;
    SessionFsm other;

    @Override
    public boolean send(final BgpMessage message)
    {
        if (acceptSends)
        {
            sent.add(message);
        }
        return acceptSends;
    }

    @Override
    public void connect()
    {
        connects++;
    }

    @Override
    public void disconnect()
    {
        disconnects++;
    }

    @Override
    public void stateChanged(final SessionState from, final SessionState to)
    {
        transitions.add(from + "->" + to);
    }

    @Override
    public void established(final NegotiatedSession session)
    {
        established = session;
    }

    @Override
    public void sessionDown(final String reason)
    {
        downs.add(reason);
    }

    @Override
    public void updateReceived(final UpdateMessage update, final ValidationResult result)
    {
        updates.add(update);
    }

    @Override
    public void routeRefreshReceived(final RouteRefreshMessage message)
    {
        refreshes.add(message);
    }

    @Override
    public SessionFsm otherConnection()
    {
        return other;
    }

    BgpMessage last()
    {
        return sent.isEmpty() ? null : sent.get(sent.size() - 1);
    }

    NotificationMessage lastNotification()
    {
        return last() instanceof NotificationMessage n ? n : null;
    }

    long count(final Class<? extends BgpMessage> type)
    {
        return sent.stream().filter(type::isInstance).count();
    }
}
