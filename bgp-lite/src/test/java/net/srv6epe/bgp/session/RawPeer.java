package net.srv6epe.bgp.session;

import net.srv6epe.bgp.wire.WireOptions;
import net.srv6epe.bgp.wire.message.BgpMessage;
import net.srv6epe.bgp.wire.message.BgpMessageCodec;
import net.srv6epe.bgp.wire.message.MessageDecodeException;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A hand-driven BGP peer on a plain socket: writes exactly the bytes a test gives it, frames what it reads. */
final class RawPeer implements AutoCloseable
{
    private final SocketChannel channel;
    private final ByteBuffer in = ByteBuffer.allocate(1 << 20);
    private final UnsafeBuffer inView = new UnsafeBuffer(in.array());
    private final List<BgpMessage> received = new ArrayList<>();
    private boolean closedByPeer;

    private RawPeer(final SocketChannel channel)
    {
        this.channel = channel;
    }

    /**
     * @param receiveBufferBytes SO_RCVBUF to ask for (0: default), set before connecting
     */
    static RawPeer connect(final InetSocketAddress to, final int receiveBufferBytes) throws IOException
    {
        final SocketChannel channel = SocketChannel.open();
        try
        {
            if (receiveBufferBytes > 0)
            {
                channel.setOption(StandardSocketOptions.SO_RCVBUF, receiveBufferBytes);
            }
            channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
            channel.connect(to);
            channel.configureBlocking(false);
            return new RawPeer(channel);
        }
        catch (final IOException e)
        {
            channel.close();
            throw e;
        }
    }

    static byte[] encode(final BgpMessage message)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[WireOptions.EXTENDED_MAX_MESSAGE_LENGTH]);
        final int length = BgpMessageCodec.encode(message, buffer, 0, WireOptions.DEFAULT);
        return Arrays.copyOf(buffer.byteArray(), length);
    }

    void send(final BgpMessage message) throws IOException
    {
        sendBytes(encode(message));
    }

    void sendBytes(final byte[] bytes) throws IOException
    {
        final ByteBuffer out = ByteBuffer.wrap(bytes);
        final long deadline = System.nanoTime() + 5_000_000_000L;
        while (out.hasRemaining())
        {
            channel.write(out);
            if (System.nanoTime() > deadline)
            {
                throw new IOException("could not write " + bytes.length + " octets in 5 s");
            }
        }
    }

    /** Reads what has arrived; returns every message received so far. */
    List<BgpMessage> poll() throws IOException, MessageDecodeException
    {
        if (!closedByPeer)
        {
            try
            {
                if (channel.read(in) < 0)
                {
                    closedByPeer = true;
                }
            }
            catch (final IOException e)
            {
                closedByPeer = true;
            }
        }
        int offset = 0;
        while (true)
        {
            final int available = in.position() - offset;
            final int length = BgpMessageCodec.frameLength(inView, offset, available, WireOptions.DEFAULT);
            if (length < 0 || length > available)
            {
                break;
            }
            received.add(BgpMessageCodec.decode(inView, offset, length, WireOptions.DEFAULT));
            offset += length;
        }
        in.flip();
        in.position(offset);
        in.compact();
        return received;
    }

    boolean closedByPeer()
    {
        return closedByPeer;
    }

    @Override
    public void close() throws IOException
    {
        channel.close();
    }
}
