package net.srv6epe.dataplane.control;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The CLI's side of the control socket: connect, send one request line, wait (bounded) for one response line.
 * Every failure becomes a {@link ControlException} with a message fit for the operator, e.g.
 * {@code no router is listening on /run/srv6-epe/cs1.sock (is `srv6 run` started?)}.
 */
public final class ControlClient
{
    /** Default time to wait for the router's answer. */
    public static final long DEFAULT_TIMEOUT_MS = 5000;

    private final Path socketPath;
    private final long timeoutMs;

    /**
     * @param socketPath the router's control socket.
     * @param timeoutMs  how long to wait for a complete response.
     */
    public ControlClient(final Path socketPath, final long timeoutMs)
    {
        this.socketPath = socketPath;
        this.timeoutMs = timeoutMs;
    }

    /** The socket this client talks to. */
    public Path socketPath()
    {
        return socketPath;
    }

    /**
     * Sends one request and returns the response's data.
     *
     * @param request the request.
     * @return the {@code data} of a successful response.
     * @throws ControlException when the router is not running, does not answer in time, or answers with an
     *                          error (its message is the router's).
     */
    public JsonNode request(final ControlRequest request) throws ControlException
    {
        if (!Files.exists(socketPath))
        {
            throw notRunning();
        }
        try (SocketChannel channel = connect(); Selector selector = Selector.open())
        {
            final ByteBuffer out =
                ByteBuffer.wrap((ControlProtocol.encodeRequest(request) + "\n").getBytes(StandardCharsets.UTF_8));
            channel.configureBlocking(false);
            final SelectionKey key = channel.register(selector, SelectionKey.OP_WRITE);
            final ByteArrayOutputStream in = new ByteArrayOutputStream();
            final ByteBuffer buffer = ByteBuffer.allocate(8192);
            final long deadlineNs = System.nanoTime() + timeoutMs * 1_000_000L;
            while (true)
            {
                final long leftMs = (deadlineNs - System.nanoTime()) / 1_000_000L;
                if (leftMs <= 0)
                {
                    throw new ControlException("the router on " + socketPath + " did not answer within " +
                        timeoutMs + " ms");
                }
                selector.select(leftMs);
                if (key.isWritable() && out.hasRemaining())
                {
                    channel.write(out);
                    if (!out.hasRemaining())
                    {
                        key.interestOps(SelectionKey.OP_READ);
                    }
                }
                if (key.isReadable())
                {
                    buffer.clear();
                    final int n = channel.read(buffer);
                    if (n < 0)
                    {
                        throw new ControlException("the router on " + socketPath + " closed the connection");
                    }
                    for (int i = 0; i < n; i++)
                    {
                        final byte b = buffer.get(i);
                        if (b == '\n')
                        {
                            return ControlProtocol.decodeResponse(in.toString(StandardCharsets.UTF_8));
                        }
                        in.write(b);
                    }
                }
                selector.selectedKeys().clear();
            }
        }
        catch (final IOException ex)
        {
            throw new ControlException("control socket " + socketPath + ": " + ex.getMessage(), ex);
        }
    }

    private SocketChannel connect() throws ControlException, IOException
    {
        final SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        try
        {
            channel.connect(UnixDomainSocketAddress.of(socketPath));
            return channel;
        }
        catch (final ConnectException ex)
        {
            channel.close();
            throw notRunning();
        }
        catch (final AccessDeniedException ex)
        {
            channel.close();
            throw permissionDenied();
        }
        catch (final SocketException ex)
        {
            channel.close();
            if (ex.getMessage() != null && ex.getMessage().contains("ermission denied"))
            {
                throw permissionDenied();
            }
            throw ex;
        }
    }

    private ControlException notRunning()
    {
        return new ControlException("no router is listening on " + socketPath + " (is `srv6 run` started?)");
    }

    private ControlException permissionDenied()
    {
        return new ControlException("permission denied on " + socketPath +
            " (run as root or as a member of the socket's group)");
    }
}
