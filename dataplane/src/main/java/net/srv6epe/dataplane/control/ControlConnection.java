package net.srv6epe.dataplane.control;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One client of the control socket: bytes in, split into lines; response lines out, written as the socket
 * accepts them. Owned by the control thread.
 */
final class ControlConnection
{
    private static final int INITIAL_BYTES = 4096;

    private final SocketChannel channel;
    private final Deque<ByteBuffer> out = new ArrayDeque<>();
    private ByteBuffer in = ByteBuffer.allocate(INITIAL_BYTES);
    private boolean closeAfterFlush;
    private boolean discarding;

    ControlConnection(final SocketChannel channel)
    {
        this.channel = channel;
    }

    SocketChannel channel()
    {
        return channel;
    }

    /**
     * Reads what the socket has.
     *
     * @return bytes read, -1 at end of stream.
     */
    int read() throws IOException
    {
        if (!in.hasRemaining())
        {
            final ByteBuffer bigger = ByteBuffer.allocate(Math.min(in.capacity() * 2, ControlProtocol.MAX_LINE_BYTES + 1));
            in.flip();
            bigger.put(in);
            in = bigger;
        }
        return channel.read(in);
    }

    /** True when the unterminated tail is already longer than a line may be. */
    boolean overlong()
    {
        return in.position() > ControlProtocol.MAX_LINE_BYTES;
    }

    /** Drops the unterminated tail and the rest of its line, whenever that arrives. */
    void discardLine()
    {
        in.clear();
        discarding = true;
    }

    /** The next complete line (without its terminator, a trailing {@code \r} removed), or null. */
    String nextLine()
    {
        for (int i = 0; i < in.position(); i++)
        {
            if (in.get(i) == '\n' && discarding)
            {
                in.flip();
                in.position(i + 1);
                in.compact();
                discarding = false;
                i = -1;
            }
            else if (in.get(i) == '\n')
            {
                final byte[] bytes = new byte[i];
                in.flip();
                in.get(bytes);
                in.get();
                in.compact();
                final String line = new String(bytes, StandardCharsets.UTF_8);
                return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            }
        }
        if (discarding)
        {
            in.clear();
        }
        return null;
    }

    /** Queues one response line; the newline is added here. */
    void queue(final String line)
    {
        out.add(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Writes queued bytes until the socket would block.
     *
     * @return true when everything queued has been written.
     */
    boolean flush() throws IOException
    {
        while (!out.isEmpty())
        {
            final ByteBuffer head = out.peek();
            channel.write(head);
            if (head.hasRemaining())
            {
                return false;
            }
            out.poll();
        }
        return true;
    }

    void closeAfterFlush()
    {
        closeAfterFlush = true;
    }

    boolean isCloseAfterFlush()
    {
        return closeAfterFlush;
    }
}
