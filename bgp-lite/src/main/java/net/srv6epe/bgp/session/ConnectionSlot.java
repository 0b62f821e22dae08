package net.srv6epe.bgp.session;

import net.srv6epe.bgp.fsm.FsmActions;
import net.srv6epe.bgp.fsm.NegotiatedSession;
import net.srv6epe.bgp.fsm.SessionFsm;
import net.srv6epe.bgp.fsm.SessionState;
import net.srv6epe.bgp.wire.WireOptions;
import net.srv6epe.bgp.wire.error.ValidationResult;
import net.srv6epe.bgp.wire.message.BgpMessage;
import net.srv6epe.bgp.wire.message.MessageDecodeException;
import net.srv6epe.bgp.wire.message.RouteRefreshMessage;
import net.srv6epe.bgp.wire.message.UpdateMessage;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * One FSM and the TCP connection it runs on: turns socket readiness into FSM events and FSM actions into socket
 * operations. A neighbor has one slot, and a second one while a collision is being resolved (RFC 4271 6.8).
 */
final class ConnectionSlot implements FsmActions, PeerConnection.MessageHandler
{
    private final Neighbor neighbor;
    private final SessionFsm fsm;
    private PeerConnection connection;
    private long nowNs;

    ConnectionSlot(final Neighbor neighbor)
    {
        this.neighbor = neighbor;
        this.fsm = new SessionFsm(neighbor.config().session(), this);
    }

    SessionFsm fsm()
    {
        return fsm;
    }

    PeerConnection connection()
    {
        return connection;
    }

    /** Takes an accepted channel (registered for reading by the caller through {@link #attach}). */
    void attach(final SocketChannel channel) throws IOException
    {
        final PeerConnection c = new PeerConnection(channel, neighbor.speaker().sendBufferBytes());
        c.key(neighbor.speaker().register(channel, SelectionKey.OP_READ, this));
        connection = c;
    }

    /** Selector: the outgoing connection completed or failed. */
    int onConnectable(final long timeNs)
    {
        nowNs = timeNs;
        final PeerConnection c = connection;
        try
        {
            if (!c.channel().finishConnect())
            {
                return 0;
            }
            c.key().interestOps(SelectionKey.OP_READ);
            fsm.tcpConnectionConfirmed(timeNs, true);
        }
        catch (final IOException e)
        {
            c.close();
            connection = null;
            fsm.tcpConnectionFails(timeNs, describe(e));
        }
        return 1;
    }

    /** Selector: bytes to read. */
    int onReadable(final long timeNs)
    {
        nowNs = timeNs;
        final PeerConnection c = connection;
        try
        {
            if (c.read(this) < 0 && connection == c)
            {
                fsm.tcpConnectionFails(timeNs, "connection closed by peer");
            }
        }
        catch (final IOException e)
        {
            if (connection == c)
            {
                fsm.tcpConnectionFails(timeNs, describe(e));
            }
        }
        return 1;
    }

    /** Writes what is queued; feeds the RFC 9687 SendHoldTimer. */
    int flush(final long timeNs)
    {
        final PeerConnection c = connection;
        if (c == null || c.isClosed())
        {
            return 0;
        }
        if (c.pendingBytes() == 0)
        {
            fsm.sendProgress();
            return 0;
        }
        nowNs = timeNs;
        try
        {
            final int written = c.flush();
            if (written > 0)
            {
                fsm.sendProgress();
            }
            final boolean pending = c.pendingBytes() > 0;
            c.writeInterest(pending);
            if (pending)
            {
                fsm.sendBlocked(timeNs);
            }
            return written > 0 ? 1 : 0;
        }
        catch (final IOException e)
        {
            fsm.tcpConnectionFails(timeNs, describe(e));
            return 1;
        }
    }

    /** Closes the connection without telling the FSM (the neighbor replaces or refuses it). */
    void dropConnection()
    {
        if (connection != null)
        {
            connection.close();
            connection = null;
        }
    }

    // ---------------------------------------------------------------------------------------------- FsmActions

    @Override
    public boolean send(final BgpMessage message)
    {
        final boolean queued = connection != null && connection.enqueue(message, fsm.wireOptions());
        if (queued)
        {
            neighbor.countSent(message.type());
        }
        return queued;
    }

    @Override
    public void connect()
    {
        dropConnection();
        final NeighborConfig config = neighbor.config();
        SocketChannel channel = null;
        try
        {
            channel = SocketChannel.open();
            channel.configureBlocking(false);
            if (config.localAddress() != null)
            {
                channel.bind(new InetSocketAddress(config.localAddress(), 0));
            }
            final PeerConnection c = new PeerConnection(channel, neighbor.speaker().sendBufferBytes());
            connection = c;
            final boolean connected = channel.connect(config.remote());
            c.key(neighbor.speaker().register(channel, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT,
                this));
            if (connected)
            {
                fsm.tcpConnectionConfirmed(nowNs, true);
            }
        }
        catch (final IOException e)
        {
            if (connection != null)
            {
                connection.close();
                connection = null;
            }
            else if (channel != null)
            {
                try
                {
                    channel.close();
                }
                catch (final IOException ignore)
                {
                    // failed anyway
                }
            }
            fsm.tcpConnectionFails(nowNs, describe(e));
        }
    }

    @Override
    public void disconnect()
    {
        dropConnection();
    }

    @Override
    public void stateChanged(final SessionState from, final SessionState to)
    {
        neighbor.onStateChange(this, from, to);
    }

    @Override
    public void established(final NegotiatedSession session)
    {
        neighbor.onEstablished(this, session);
    }

    @Override
    public void sessionDown(final String reason)
    {
        neighbor.onSessionDown(this, reason);
    }

    @Override
    public void updateReceived(final UpdateMessage update, final ValidationResult result)
    {
        neighbor.onUpdate(this, update, result);
    }

    @Override
    public void routeRefreshReceived(final RouteRefreshMessage message)
    {
        neighbor.onRouteRefresh(this, message);
    }

    @Override
    public SessionFsm otherConnection()
    {
        final ConnectionSlot other = neighbor.other(this);
        return other == null ? null : other.fsm;
    }

    // ---------------------------------------------------------------------------------------------- MessageHandler

    @Override
    public boolean onMessage(final BgpMessage message)
    {
        final PeerConnection c = connection;
        neighbor.countReceived(message.type());
        fsm.receive(message, nowNs);
        return connection == c && c != null && !c.isClosed();
    }

    @Override
    public void onDecodeError(final MessageDecodeException error)
    {
        fsm.decodeError(error, nowNs);
    }

    @Override
    public WireOptions wireOptions()
    {
        return fsm.wireOptions();
    }

    /** Sets the time FSM events raised from inside actions carry. */
    void now(final long timeNs)
    {
        nowNs = timeNs;
    }

    private static String describe(final IOException e)
    {
        final String message = e.getMessage();
        if (e instanceof ConnectException && message != null && message.toLowerCase().contains("refused"))
        {
            return "connection refused";
        }
        return message == null ? e.getClass().getSimpleName() : message.toLowerCase();
    }
}
