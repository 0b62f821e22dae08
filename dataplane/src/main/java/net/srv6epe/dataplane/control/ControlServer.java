package net.srv6epe.dataplane.control;

import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Iterator;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's control socket: a Unix domain stream socket served by ONE thread with an NIO selector (no thread
 * per client). Each request line is decoded, passed to the {@link ControlHandler} and answered with one
 * response line (see {@link ControlProtocol}).
 *
 * <p>The socket file is created with mode {@code 0660} (bound under a temporary name, then renamed, so it is
 * never reachable with looser permissions); a stale file left by a dead router is replaced, a live router's is
 * refused; the file is removed on {@link #close()}.
 *
 * <p>Use {@link #start()} for a dedicated control thread, or call {@link #poll(long)} from a thread of your own.
 */
public final class ControlServer implements AutoCloseable
{
    /** Permissions of the socket file: owner and group may connect. */
    public static final Set<PosixFilePermission> SOCKET_PERMISSIONS = PosixFilePermissions.fromString("rw-rw----");

    /** Clients beyond this many are disconnected at once. */
    public static final int MAX_CLIENTS = 64;

    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);
    private static final long POLL_TIMEOUT_MS = 500;

    private final Path socketPath;
    private final ControlHandler handler;
    private final ServerSocketChannel server;
    private final Selector selector;
    private volatile boolean running;
    private Thread thread;
    private int clients;

    private ControlServer(
        final Path socketPath, final ControlHandler handler, final ServerSocketChannel server, final Selector selector)
    {
        this.socketPath = socketPath;
        this.handler = handler;
        this.server = server;
        this.selector = selector;
    }

    /**
     * Binds the socket (creating its directory when missing) and returns a server not yet serving.
     *
     * @param socketPath where the socket file goes.
     * @param handler    answers requests.
     * @return the bound server.
     * @throws IOException when another router is listening there, the path is not a socket, or binding fails;
     *                     the message says which.
     */
    public static ControlServer open(final Path socketPath, final ControlHandler handler) throws IOException
    {
        final Path parent = socketPath.toAbsolutePath().getParent();
        if (parent != null)
        {
            Files.createDirectories(parent);
        }
        removeStale(socketPath);
        final Path temp = socketPath.resolveSibling("." + socketPath.getFileName() + "." + ProcessHandle.current().pid());
        Files.deleteIfExists(temp);
        final ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        Selector selector = null;
        try
        {
            server.bind(UnixDomainSocketAddress.of(temp));
            Files.setPosixFilePermissions(temp, SOCKET_PERMISSIONS);
            Files.move(temp, socketPath, StandardCopyOption.ATOMIC_MOVE);
            server.configureBlocking(false);
            selector = Selector.open();
            server.register(selector, SelectionKey.OP_ACCEPT);
        }
        catch (final IOException | RuntimeException ex)
        {
            server.close();
            if (selector != null)
            {
                selector.close();
            }
            Files.deleteIfExists(temp);
            throw ex;
        }
        LOG.info("control socket listening on {}", socketPath);
        return new ControlServer(socketPath, handler, server, selector);
    }

    private static void removeStale(final Path socketPath) throws IOException
    {
        if (!Files.exists(socketPath, LinkOption.NOFOLLOW_LINKS))
        {
            return;
        }
        final BasicFileAttributes attrs =
            Files.readAttributes(socketPath, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!attrs.isOther())
        {
            throw new IOException(socketPath + " exists and is not a socket; refusing to replace it");
        }
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(socketPath)))
        {
            throw new IOException("another router is already listening on " + socketPath +
                (probe.isConnected() ? "" : " (connection pending)"));
        }
        catch (final ConnectException ex)
        {
            LOG.info("replacing stale control socket {}", socketPath);
            Files.deleteIfExists(socketPath);
        }
    }

    /** The socket file's path. */
    public Path socketPath()
    {
        return socketPath;
    }

    /** Starts the control thread (a daemon named {@code srv6-epe-control}), which polls until {@link #close()}. */
    public synchronized void start()
    {
        if (thread != null)
        {
            throw new IllegalStateException("already started");
        }
        running = true;
        thread = new Thread(this::serve, "srv6-epe-control");
        thread.setDaemon(true);
        thread.start();
    }

    private void serve()
    {
        try
        {
            while (running)
            {
                poll(POLL_TIMEOUT_MS);
            }
        }
        catch (final ClosedSelectorException ex)
        {
            // closed under us: shutting down
        }
        catch (final IOException ex)
        {
            LOG.error("control socket failed: {}", ex.toString());
        }
    }

    /**
     * Waits up to {@code timeoutMs} for socket events and handles them: accepts, reads, answers, writes.
     *
     * @param timeoutMs longest wait; 0 does not wait.
     * @return the number of events handled (0 drives an idle strategy).
     * @throws IOException when the selector fails.
     */
    public int poll(final long timeoutMs) throws IOException
    {
        final int ready = timeoutMs <= 0 ? selector.selectNow() : selector.select(timeoutMs);
        if (ready == 0)
        {
            return 0;
        }
        int work = 0;
        final Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
        while (keys.hasNext())
        {
            final SelectionKey key = keys.next();
            keys.remove();
            work++;
            try
            {
                if (!key.isValid())
                {
                    continue;
                }
                if (key.isAcceptable())
                {
                    accept();
                }
                else
                {
                    final ControlConnection connection = (ControlConnection)key.attachment();
                    if (key.isReadable())
                    {
                        readFrom(key, connection);
                    }
                    if (key.isValid() && key.isWritable())
                    {
                        writeTo(key, connection);
                    }
                }
            }
            catch (final IOException ex)
            {
                LOG.debug("control client dropped: {}", ex.toString());
                drop(key);
            }
        }
        return work;
    }

    private void accept() throws IOException
    {
        final SocketChannel channel = server.accept();
        if (channel == null)
        {
            return;
        }
        if (clients >= MAX_CLIENTS)
        {
            LOG.warn("control socket: more than {} clients, refusing one", MAX_CLIENTS);
            channel.close();
            return;
        }
        channel.configureBlocking(false);
        channel.register(selector, SelectionKey.OP_READ, new ControlConnection(channel));
        clients++;
    }

    private void readFrom(final SelectionKey key, final ControlConnection connection) throws IOException
    {
        final int n = connection.read();
        String line;
        while ((line = connection.nextLine()) != null)
        {
            if (!line.isBlank())
            {
                connection.queue(answer(line));
            }
        }
        if (connection.overlong())
        {
            connection.queue(ControlProtocol.encodeError(
                "request longer than " + ControlProtocol.MAX_LINE_BYTES + " bytes"));
            connection.discardLine();
        }
        if (n < 0)
        {
            connection.closeAfterFlush();
        }
        writeTo(key, connection);
    }

    private void writeTo(final SelectionKey key, final ControlConnection connection) throws IOException
    {
        if (connection.flush())
        {
            if (connection.isCloseAfterFlush())
            {
                drop(key);
            }
            else
            {
                key.interestOps(SelectionKey.OP_READ);
            }
        }
        else
        {
            key.interestOps(connection.isCloseAfterFlush() ? SelectionKey.OP_WRITE :
                SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        }
    }

    private String answer(final String line)
    {
        try
        {
            final ControlRequest request = ControlProtocol.decodeRequest(line);
            final JsonNode data = handler.handle(request);
            return ControlProtocol.encodeOk(data);
        }
        catch (final ControlException ex)
        {
            return ControlProtocol.encodeError(ex.getMessage());
        }
        catch (final RuntimeException ex)
        {
            LOG.warn("control request failed: {}", line, ex);
            return ControlProtocol.encodeError("internal error: " + ex);
        }
    }

    private void drop(final SelectionKey key)
    {
        key.cancel();
        try
        {
            key.channel().close();
        }
        catch (final IOException ex)
        {
            LOG.debug("closing control client: {}", ex.toString());
        }
        clients--;
    }

    /** Stops the control thread, disconnects clients, closes the socket and removes its file. Idempotent. */
    @Override
    public void close()
    {
        final Thread t;
        synchronized (this)
        {
            running = false;
            t = thread;
        }
        selector.wakeup();
        if (t != null && t != Thread.currentThread())
        {
            try
            {
                t.join(2000);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        try
        {
            if (selector.isOpen())
            {
                for (final SelectionKey key : selector.keys())
                {
                    key.channel().close();
                }
                selector.close();
            }
            server.close();
        }
        catch (final IOException ex)
        {
            LOG.debug("closing control socket: {}", ex.toString());
        }
        try
        {
            if (Files.deleteIfExists(socketPath))
            {
                LOG.info("control socket {} removed", socketPath);
            }
        }
        catch (final IOException ex)
        {
            LOG.warn("cannot remove control socket {}: {}", socketPath, ex.toString());
        }
    }
}
