package net.srv6epe.perf.bgp;

import net.srv6epe.bgp.wire.WireOptions;
import net.srv6epe.bgp.wire.capability.ExtendedMessageCapability;
import net.srv6epe.bgp.wire.capability.FourOctetAsCapability;
import net.srv6epe.bgp.wire.capability.MultiprotocolCapability;
import net.srv6epe.bgp.wire.capability.RouteRefreshCapability;
import net.srv6epe.bgp.wire.error.ErrorSubcode;
import net.srv6epe.bgp.wire.message.BgpMessage;
import net.srv6epe.bgp.wire.message.BgpMessageCodec;
import net.srv6epe.bgp.wire.message.KeepaliveMessage;
import net.srv6epe.bgp.wire.message.MessageDecodeException;
import net.srv6epe.bgp.wire.message.MessageHeader;
import net.srv6epe.bgp.wire.message.NotificationMessage;
import net.srv6epe.bgp.wire.message.OpenMessage;
import net.srv6epe.bgp.wire.nlri.AddressFamily;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A minimal active BGP sender for load tests: connects, exchanges OPENs (4-octet AS, multiprotocol VPN-IPv6,
 * route refresh and RFC 8654 extended messages offered; what both sides offered is used) and KEEPALIVEs, then
 * writes pre-encoded {@link UpdateStream}s as fast as TCP takes them. After Established a reader thread drains and
 * decodes what the peer sends (so the peer never blocks on us) and a keepalive thread sends a KEEPALIVE every
 * third of the hold time; a NOTIFICATION from the peer is kept in {@link #failure()}. Writes of whole streams and
 * KEEPALIVEs never interleave inside a message.
 */
public final class RouteBlaster implements AutoCloseable
{
    private static final int READ_BUFFER_BYTES = 2 * (WireOptions.EXTENDED_MAX_MESSAGE_LENGTH + 1);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final byte[] readBytes = new byte[READ_BUFFER_BYTES];
    private final UnsafeBuffer readView = new UnsafeBuffer(readBytes);
    private int readStart;
    private int readEnd;
    private WireOptions options = WireOptions.DEFAULT.withFourOctetAs(false);
    private OpenMessage peerOpen;
    private int holdTimeS;
    private volatile String failure;
    private volatile long keepalivesReceived;
    private volatile boolean closing;
    private Thread reader;
    private Thread keepalive;

    private RouteBlaster(final Socket socket) throws IOException
    {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /**
     * Connects and brings the session to Established.
     *
     * @param local         the source address (the peer's configured neighbor address), or null
     * @param as            our AS
     * @param bgpIdentifier our BGP identifier
     * @param holdTimeS     the hold time we propose (0, or 3..65535)
     * @param timeoutMs     how long to wait for the connection and for each message of the handshake
     * @throws IOException when the connection fails, the peer sends a NOTIFICATION, or the handshake times out
     */
    public static RouteBlaster connect(final InetSocketAddress remote, final InetAddress local, final long as,
        final int bgpIdentifier, final int holdTimeS, final int timeoutMs) throws IOException
    {
        final Socket socket = new Socket();
        try
        {
            socket.setTcpNoDelay(true);
            if (local != null)
            {
                socket.bind(new InetSocketAddress(local, 0));
            }
            socket.connect(remote, timeoutMs);
            socket.setSoTimeout(timeoutMs);
            final RouteBlaster blaster = new RouteBlaster(socket);
            blaster.handshake(as, bgpIdentifier, holdTimeS);
            socket.setSoTimeout(0);
            blaster.startThreads();
            return blaster;
        }
        catch (final IOException | RuntimeException ex)
        {
            socket.close();
            throw ex;
        }
    }

    private void handshake(final long as, final int bgpIdentifier, final int proposedHoldTimeS) throws IOException
    {
        write(OpenMessage.create(as, proposedHoldTimeS, bgpIdentifier, List.of(
            new MultiprotocolCapability(AddressFamily.VPN_IPV6), new RouteRefreshCapability(),
            new FourOctetAsCapability(as), new ExtendedMessageCapability())));
        final BgpMessage first = next();
        if (!(first instanceof OpenMessage open))
        {
            throw new IOException("expected the peer's OPEN, got " + first);
        }
        peerOpen = open;
        holdTimeS = Math.min(proposedHoldTimeS, open.holdTimeS());
        options = new WireOptions(open.supportsExtendedMessage() ? WireOptions.EXTENDED_MAX_MESSAGE_LENGTH :
            WireOptions.STANDARD_MAX_MESSAGE_LENGTH, open.supportsFourOctetAs());
        write(KeepaliveMessage.INSTANCE);
        final BgpMessage confirm = next();
        if (!(confirm instanceof KeepaliveMessage))
        {
            throw new IOException("expected a KEEPALIVE after the OPENs, got " + confirm);
        }
    }

    private void startThreads()
    {
        reader = new Thread(this::readLoop, "blaster-reader");
        reader.setDaemon(true);
        reader.start();
        if (holdTimeS > 0)
        {
            keepalive = new Thread(this::keepaliveLoop, "blaster-keepalive");
            keepalive.setDaemon(true);
            keepalive.start();
        }
    }

    /** What the session negotiated: message length limit and AS number size. */
    public WireOptions options()
    {
        return options;
    }

    /** The peer's OPEN. */
    public OpenMessage peerOpen()
    {
        return peerOpen;
    }

    /** The negotiated hold time in seconds. */
    public int holdTimeS()
    {
        return holdTimeS;
    }

    /** Why the session failed (a NOTIFICATION from the peer, a read error), or null while it is up. */
    public String failure()
    {
        return failure;
    }

    /** KEEPALIVEs received since Established. */
    public long keepalivesReceived()
    {
        return keepalivesReceived;
    }

    /**
     * Writes a whole stream, blocking until TCP took every octet.
     *
     * @return {@link System#nanoTime()} just before the first octet was handed to the socket
     * @throws IOException when the session failed or the write fails
     */
    public long send(final UpdateStream stream) throws IOException
    {
        writeLock.lock();
        try
        {
            if (failure != null)
            {
                throw new IOException("session failed: " + failure);
            }
            final long startNs = System.nanoTime();
            out.write(stream.bytes());
            out.flush();
            return startNs;
        }
        finally
        {
            writeLock.unlock();
        }
    }

    /** Sends a NOTIFICATION Cease / Administrative Shutdown (RFC 4486) and closes the connection. */
    @Override
    public void close()
    {
        if (closing)
        {
            return;
        }
        closing = true;
        try
        {
            write(NotificationMessage.of(ErrorSubcode.ADMINISTRATIVE_SHUTDOWN, new byte[0]));
            socket.shutdownOutput();
        }
        catch (final IOException ignore)
        {
            // closing anyway
        }
        try
        {
            socket.close();
        }
        catch (final IOException ignore)
        {
            // nothing more to do
        }
        for (final Thread t : new Thread[]{ reader, keepalive })
        {
            if (t != null)
            {
                t.interrupt();
                try
                {
                    t.join(2_000);
                }
                catch (final InterruptedException ex)
                {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    private void write(final BgpMessage message) throws IOException
    {
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        final int length = BgpMessageCodec.encode(message, buffer, 0, options);
        writeLock.lock();
        try
        {
            out.write(buffer.byteArray(), 0, length);
            out.flush();
        }
        finally
        {
            writeLock.unlock();
        }
    }

    private void keepaliveLoop()
    {
        final long intervalMs = Math.max(1, holdTimeS) * 1000L / 3;
        try
        {
            while (!closing && failure == null)
            {
                Thread.sleep(intervalMs);
                write(KeepaliveMessage.INSTANCE);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        catch (final IOException ex)
        {
            fail("keepalive: " + ex.getMessage());
        }
    }

    private void readLoop()
    {
        try
        {
            while (!closing)
            {
                final BgpMessage m = next();
                if (m instanceof NotificationMessage n)
                {
                    fail("peer sent " + n);
                    return;
                }
                if (m instanceof KeepaliveMessage)
                {
                    keepalivesReceived++;
                }
            }
        }
        catch (final IOException ex)
        {
            if (!closing)
            {
                fail(ex.getMessage());
            }
        }
    }

    private void fail(final String why)
    {
        if (failure == null)
        {
            failure = why;
        }
    }

    /** The next whole message from the peer (blocking). */
    private BgpMessage next() throws IOException
    {
        while (true)
        {
            final int available = readEnd - readStart;
            try
            {
                final int length = BgpMessageCodec.frameLength(readView, readStart, available, options);
                if (length >= MessageHeader.HEADER_LENGTH && length <= available)
                {
                    final BgpMessage m = BgpMessageCodec.decode(readView, readStart, length, options);
                    readStart += length;
                    if (m instanceof NotificationMessage n && peerOpen == null)
                    {
                        throw new IOException("peer refused the session: " + n);
                    }
                    return m;
                }
            }
            catch (final MessageDecodeException ex)
            {
                throw new IOException("cannot decode the peer's message: " + ex.getMessage(), ex);
            }
            if (readStart > 0)
            {
                System.arraycopy(readBytes, readStart, readBytes, 0, available);
                readEnd = available;
                readStart = 0;
            }
            final int n;
            try
            {
                n = in.read(readBytes, readEnd, readBytes.length - readEnd);
            }
            catch (final SocketTimeoutException ex)
            {
                throw new IOException("no message from the peer within the timeout (" +
                    Arrays.toString(Arrays.copyOf(readBytes, Math.min(readEnd, 19))) + " buffered)", ex);
            }
            if (n < 0)
            {
                throw new IOException("connection closed by the peer");
            }
            readEnd += n;
        }
    }
}
