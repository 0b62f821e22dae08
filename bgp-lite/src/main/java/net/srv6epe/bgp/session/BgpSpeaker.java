package net.srv6epe.bgp.session;

import net.srv6epe.bgp.fsm.NegotiatedSession;
import net.srv6epe.bgp.fsm.SessionState;
import net.srv6epe.bgp.wire.WireOptions;
import net.srv6epe.bgp.wire.message.BgpMessage;
import net.srv6epe.bgp.wire.message.MessageType;
import net.srv6epe.bgp.wire.message.NotificationMessage;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The BGP speaker's control agent: every neighbor's sessions on one thread and one {@link Selector} (no thread per
 * peer). {@link #doWork()} polls the selector without blocking (accept, connect, read), runs each neighbor's FSM
 * timers with the injected clock, and flushes write buffers.
 * <p>
 * Active and passive: each started neighbor connects unless passive, and the listening sockets accept connections
 * from configured neighbor addresses only; any other source is refused, closed and counted. IPv4 and IPv6
 * transport alike. Each connection has a bounded write buffer: {@link #send} returns false when it is full
 * (back-pressure), and the RFC 9687 SendHoldTimer closes a session whose output makes no progress.
 * <p>
 * Not thread-safe: every method runs on the agent's thread (other threads will reach it through a proxy queue in
 * a later slice).
 */
public final class BgpSpeaker implements Agent
{
    /** Default write buffer per connection: 4 maximum-size extended messages. */
    public static final int DEFAULT_SEND_BUFFER_BYTES = 4 * (WireOptions.EXTENDED_MAX_MESSAGE_LENGTH + 1);
    private static final int MAX_ACCEPTS_PER_WORK = 16;

    private final List<InetSocketAddress> listenAddresses;
    private final Map<InetAddress, Neighbor> neighbors = new HashMap<>();
    private final List<Neighbor> neighborList = new ArrayList<>();
    private final NanoClock clock;
    private final BgpSpeakerListener listener;
    private final int sendBufferBytes;
    private final List<ServerSocketChannel> servers = new ArrayList<>();
    private final List<InetSocketAddress> boundAddresses = new ArrayList<>();
    private Selector selector;
    private long refusedConnections;
    private long nowNs;
    private int workCount;

    /**
     * @param listenAddresses where to accept connections (port 0: an ephemeral port, see {@link #boundAddresses()})
     * @param neighbors       the configured neighbors, one per address
     * @param clock           the time source for every timer
     * @param listener        receives session events and UPDATEs
     * @param sendBufferBytes write buffer per connection, at least one maximum-size message (65535 octets)
     * @throws IllegalArgumentException on a neighbor configured twice or a too small buffer
     */
    public BgpSpeaker(final List<InetSocketAddress> listenAddresses, final List<NeighborConfig> neighbors,
        final NanoClock clock, final BgpSpeakerListener listener, final int sendBufferBytes)
    {
        if (sendBufferBytes < WireOptions.EXTENDED_MAX_MESSAGE_LENGTH)
        {
            throw new IllegalArgumentException("send-buffer: " + sendBufferBytes + " octets, at least " +
                WireOptions.EXTENDED_MAX_MESSAGE_LENGTH + " needed");
        }
        this.listenAddresses = List.copyOf(listenAddresses);
        this.clock = clock;
        this.listener = listener;
        this.sendBufferBytes = sendBufferBytes;
        for (final NeighborConfig config : neighbors)
        {
            final Neighbor neighbor = new Neighbor(config, this);
            if (this.neighbors.putIfAbsent(config.address(), neighbor) != null)
            {
                throw new IllegalArgumentException("neighbor " + config.address().getHostAddress() +
                    ": configured twice");
            }
            neighborList.add(neighbor);
        }
    }

    /** A speaker with {@link #DEFAULT_SEND_BUFFER_BYTES}. */
    public BgpSpeaker(final List<InetSocketAddress> listenAddresses, final List<NeighborConfig> neighbors,
        final NanoClock clock, final BgpSpeakerListener listener)
    {
        this(listenAddresses, neighbors, clock, listener, DEFAULT_SEND_BUFFER_BYTES);
    }

    /**
     * Opens the selector, binds the listening sockets and starts every neighbor (RFC 4271 ManualStart).
     *
     * @throws UncheckedIOException when a listening address cannot be bound
     */
    @Override
    public void onStart()
    {
        try
        {
            selector = Selector.open();
            for (final InetSocketAddress address : listenAddresses)
            {
                final ServerSocketChannel server = ServerSocketChannel.open();
                servers.add(server);
                server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                server.bind(address);
                server.configureBlocking(false);
                server.register(selector, SelectionKey.OP_ACCEPT, server);
                boundAddresses.add((InetSocketAddress)server.getLocalAddress());
            }
        }
        catch (final IOException e)
        {
            closeQuietly();
            throw new UncheckedIOException("bgp listen: " + e.getMessage(), e);
        }
        nowNs = clock.nanoTime();
        for (final Neighbor neighbor : neighborList)
        {
            neighbor.start(nowNs);
        }
    }

    /**
     * One round: selector (non-blocking), timers, writes.
     *
     * @return the amount of work done (0: idle)
     */
    @Override
    public int doWork() throws IOException
    {
        nowNs = clock.nanoTime();
        workCount = 0;
        selector.selectNow(this::onSelected);
        int work = workCount;
        for (int i = 0; i < neighborList.size(); i++)
        {
            work += neighborList.get(i).doWork(nowNs);
        }
        return work;
    }

    /** Stops every neighbor (NOTIFICATION Cease / Administrative Shutdown where a session is up), closes all. */
    @Override
    public void onClose()
    {
        if (selector != null)
        {
            nowNs = clock.nanoTime();
            for (final Neighbor neighbor : neighborList)
            {
                neighbor.close(nowNs);
            }
        }
        closeQuietly();
    }

    @Override
    public String roleName()
    {
        return "bgp-speaker";
    }

    // ---------------------------------------------------------------------------------------------- operator API

    /** ManualStart of one neighbor. */
    public void start(final InetAddress peer)
    {
        neighbor(peer).start(clock.nanoTime());
    }

    /** ManualStop of one neighbor: Cease / Administrative Shutdown (RFC 4486) when connected; no reconnect. */
    public void stop(final InetAddress peer)
    {
        neighbor(peer).stop(clock.nanoTime());
    }

    /**
     * Closes the neighbor's session with this NOTIFICATION (e.g. Cease / Maximum Number of Prefixes Reached from
     * {@link net.srv6epe.bgp.rib.MaxPrefixListener}); unlike {@link #stop}, automatic restart stays as configured.
     *
     * @param reason kept in the neighbor's last error
     */
    public void close(final InetAddress peer, final NotificationMessage notification, final String reason)
    {
        neighbor(peer).close(notification, reason, clock.nanoTime());
    }

    /**
     * Queues a message (UPDATE, ROUTE-REFRESH) on an Established session.
     *
     * @return false when the session is not Established or its write buffer is full (retry after a doWork)
     * @throws IllegalArgumentException when the message exceeds the negotiated maximum length (4096 octets unless
     *                                  both sides offered Extended Message, RFC 8654)
     */
    public boolean send(final InetAddress peer, final BgpMessage message)
    {
        return neighbor(peer).send(message, clock.nanoTime());
    }

    /** The neighbor's session state. */
    public SessionState state(final InetAddress peer)
    {
        return neighbor(peer).fsm().state();
    }

    /** Why the neighbor's session last failed, readable; empty when nothing failed yet. */
    public String lastError(final InetAddress peer)
    {
        return neighbor(peer).lastError();
    }

    /** What the session negotiated, or null when not at least OpenConfirm. */
    public NegotiatedSession negotiated(final InetAddress peer)
    {
        return neighbor(peer).fsm().negotiated();
    }

    /** Messages of a type received from the neighbor, over all its connections. */
    public long received(final InetAddress peer, final MessageType type)
    {
        return neighbor(peer).received(type);
    }

    /** Messages of a type queued to the neighbor, over all its connections. */
    public long sent(final InetAddress peer, final MessageType type)
    {
        return neighbor(peer).sent(type);
    }

    /** The configured neighbors. */
    public List<NeighborConfig> neighbors()
    {
        return neighborList.stream().map(Neighbor::config).toList();
    }

    /** The addresses actually bound (ephemeral ports resolved), after {@link #onStart()}. */
    public List<InetSocketAddress> boundAddresses()
    {
        return List.copyOf(boundAddresses);
    }

    /** Incoming connections refused: unconfigured source, or a neighbor that could not take one. */
    public long refusedConnections()
    {
        return refusedConnections;
    }

    // ---------------------------------------------------------------------------------------------- internals

    BgpSpeakerListener listener()
    {
        return listener;
    }

    int sendBufferBytes()
    {
        return sendBufferBytes;
    }

    SelectionKey register(final SelectableChannel channel, final int ops, final Object attachment)
        throws ClosedChannelException
    {
        return channel.register(selector, ops, attachment);
    }

    private Neighbor neighbor(final InetAddress peer)
    {
        final Neighbor n = neighbors.get(peer);
        if (n == null)
        {
            throw new IllegalArgumentException("neighbor " + peer.getHostAddress() + ": not configured");
        }
        return n;
    }

    private void onSelected(final SelectionKey key)
    {
        if (!key.isValid())
        {
            return;
        }
        final Object attachment = key.attachment();
        if (attachment instanceof ServerSocketChannel server)
        {
            workCount += acceptAll(server);
            return;
        }
        final ConnectionSlot slot = (ConnectionSlot)attachment;
        final PeerConnection connection = slot.connection();
        if (connection == null || connection.key() != key)
        {
            key.cancel();
            return;
        }
        if (key.isConnectable())
        {
            workCount += slot.onConnectable(nowNs);
        }
        if (key.isValid() && slot.connection() == connection && key.isReadable())
        {
            workCount += slot.onReadable(nowNs);
        }
        if (key.isValid() && slot.connection() == connection && key.isWritable())
        {
            workCount += slot.flush(nowNs);
        }
    }

    private int acceptAll(final ServerSocketChannel server)
    {
        int accepted = 0;
        while (accepted < MAX_ACCEPTS_PER_WORK)
        {
            final SocketChannel channel;
            try
            {
                channel = server.accept();
            }
            catch (final IOException e)
            {
                return accepted;
            }
            if (channel == null)
            {
                return accepted;
            }
            accepted++;
            onAccepted(channel);
        }
        return accepted;
    }

    private void onAccepted(final SocketChannel channel)
    {
        InetSocketAddress remote = null;
        String refusal;
        try
        {
            remote = (InetSocketAddress)channel.getRemoteAddress();
            channel.configureBlocking(false);
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            final Neighbor neighbor = neighbors.get(remote.getAddress());
            refusal = neighbor == null ? "not a configured neighbor" : neighbor.accept(channel, nowNs);
        }
        catch (final IOException e)
        {
            refusal = "accept failed: " + e.getMessage();
        }
        if (refusal != null)
        {
            refusedConnections++;
            try
            {
                channel.close();
            }
            catch (final IOException ignore)
            {
                // refused anyway
            }
            listener.onConnectionRefused(remote, refusal);
        }
    }

    private void closeQuietly()
    {
        for (final ServerSocketChannel server : servers)
        {
            try
            {
                server.close();
            }
            catch (final IOException ignore)
            {
                // closing
            }
        }
        servers.clear();
        if (selector != null)
        {
            try
            {
                selector.close();
            }
            catch (final IOException ignore)
            {
                // closing
            }
        }
    }
}
