package net.srv6epe.bgp.session;

import net.srv6epe.bgp.wire.WireOptions;
import net.srv6epe.bgp.wire.message.BgpMessage;
import net.srv6epe.bgp.wire.message.BgpMessageCodec;
import net.srv6epe.bgp.wire.message.MessageDecodeException;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/**
 * The bytes of one TCP connection: BGP message framing over partial reads (RFC 4271 4.1) and a bounded write
 * buffer over partial writes. Non-blocking; never buffers more than its fixed capacities (back-pressure instead).
 */
final class PeerConnection
{
    /** Room for one message of the RFC 8654 maximum plus the start of the next. */
    static final int READ_BUFFER_BYTES = 2 * (WireOptions.EXTENDED_MAX_MESSAGE_LENGTH + 1);
    private static final int DRAIN_LIMIT_BYTES = 1 << 20;

    /** Receives the messages {@link #read} frames. */
    interface MessageHandler
    {
        /**
         * @return false to stop reading (the connection was closed or replaced)
         */
        boolean onMessage(BgpMessage message);

        /** A message broke RFC 4271 6.1/6.2 framing rules; reading stops. */
        void onDecodeError(MessageDecodeException error);

        /** The options to frame and decode the next message with (they change once the OPENs are exchanged). */
        WireOptions wireOptions();
    }

    private final SocketChannel channel;
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER_BYTES);
    private final UnsafeBuffer readView = new UnsafeBuffer(readBuffer);
    private final ByteBuffer writeBuffer;
    private final UnsafeBuffer encodeBuffer = new UnsafeBuffer(new byte[WireOptions.EXTENDED_MAX_MESSAGE_LENGTH]);
    private SelectionKey key;
    private boolean closed;

    /**
     * @param channel         a non-blocking channel, connected or connecting
     * @param sendBufferBytes capacity of the write buffer (at least one maximum-size message)
     */
    PeerConnection(final SocketChannel channel, final int sendBufferBytes)
    {
        this.channel = channel;
        this.writeBuffer = ByteBuffer.allocateDirect(sendBufferBytes);
    }

    SocketChannel channel()
    {
        return channel;
    }

    void key(final SelectionKey selectionKey)
    {
        this.key = selectionKey;
    }

    SelectionKey key()
    {
        return key;
    }

    boolean isClosed()
    {
        return closed;
    }

    /**
     * Encodes a message into the write buffer.
     *
     * @return false when the connection is closed or the buffer has no room (the caller retries later)
     */
    boolean enqueue(final BgpMessage message, final WireOptions options)
    {
        if (closed)
        {
            return false;
        }
        final int length = BgpMessageCodec.encode(message, encodeBuffer, 0, options);
        if (length > writeBuffer.remaining())
        {
            return false;
        }
        writeBuffer.put(encodeBuffer.byteArray(), 0, length);
        return true;
    }

    /** Octets queued and not yet written. */
    int pendingBytes()
    {
        return writeBuffer.position();
    }

    /**
     * Writes as much of the queue as the socket takes.
     *
     * @return octets written
     */
    int flush() throws IOException
    {
        if (closed || writeBuffer.position() == 0)
        {
            return 0;
        }
        writeBuffer.flip();
        try
        {
            return channel.write(writeBuffer);
        }
        finally
        {
            writeBuffer.compact();
        }
    }

    /**
     * Reads what the socket has and hands every complete message to the handler.
     *
     * @return octets read, or -1 at end of stream
     */
    int read(final MessageHandler handler) throws IOException
    {
        final int read = channel.read(readBuffer);
        if (read < 0)
        {
            return -1;
        }
        readBuffer.flip();
        try
        {
            while (!closed)
            {
                final int offset = readBuffer.position();
                final int available = readBuffer.remaining();
                final WireOptions options = handler.wireOptions();
                final int length = BgpMessageCodec.frameLength(readView, offset, available, options);
                if (length < 0 || length > available)
                {
                    break;
                }
                final BgpMessage message = BgpMessageCodec.decode(readView, offset, length, options);
                readBuffer.position(offset + length);
                if (!handler.onMessage(message))
                {
                    break;
                }
            }
        }
        catch (final MessageDecodeException e)
        {
            readBuffer.clear();
            readBuffer.flip();
            handler.onDecodeError(e);
        }
        finally
        {
            readBuffer.compact();
        }
        return read;
    }

    /** Sets or clears interest in writability (used while the write buffer is not empty). */
    void writeInterest(final boolean interested)
    {
        if (key != null && key.isValid())
        {
            final int ops = key.interestOps();
            final int wanted = interested ? ops | SelectionKey.OP_WRITE : ops & ~SelectionKey.OP_WRITE;
            if (wanted != ops)
            {
                key.interestOps(wanted);
            }
        }
    }

    /**
     * Clean close: one last non-blocking write of what is queued (a NOTIFICATION), discard unread input so the
     * kernel sends FIN rather than RST, then close.
     */
    void close()
    {
        if (closed)
        {
            return;
        }
        try
        {
            if (channel.isConnected())
            {
                flush();
                drainInput();
                channel.shutdownOutput();
            }
        }
        catch (final IOException ignore)
        {
            // closing anyway
        }
        closed = true;
        try
        {
            channel.close();
        }
        catch (final IOException ignore)
        {
            // nothing more to do
        }
    }

    private void drainInput() throws IOException
    {
        readBuffer.clear();
        int drained = 0;
        int n;
        while (drained < DRAIN_LIMIT_BYTES && (n = channel.read(readBuffer)) > 0)
        {
            drained += n;
            readBuffer.clear();
        }
    }
}
