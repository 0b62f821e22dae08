package net.srv6epe.dataplane.worker;

import net.srv6epe.dataplane.port.FrameHandler;
import net.srv6epe.dataplane.port.Port;
import net.srv6epe.dataplane.port.PortBackend;
import net.srv6epe.dataplane.port.PortCounter;
import net.srv6epe.dataplane.port.PortCounters;
import org.agrona.DirectBuffer;

/**
 * One configured port as the readers see it when several workers each own a socket of it (one
 * {@code PACKET_FANOUT} group): its name, MAC and MTU, and its counters summed over the sockets. The frames go
 * through the sockets, each on its own worker's thread; this view neither receives nor sends, and
 * {@link #close()} closes every socket.
 */
public final class PortSockets implements Port
{
    private final Port[] sockets;

    /**
     * @param sockets the port's sockets, by worker; at least one, all of the same port
     */
    public PortSockets(final Port[] sockets)
    {
        if (sockets.length == 0)
        {
            throw new IllegalArgumentException("a port needs at least one socket");
        }
        this.sockets = sockets.clone();
    }

    /** The socket of worker {@code worker}. */
    public Port socket(final int worker)
    {
        return sockets[worker];
    }

    /** Sockets of this port (the router's worker count). */
    public int socketCount()
    {
        return sockets.length;
    }

    @Override
    public String name()
    {
        return sockets[0].name();
    }

    @Override
    public PortBackend backend()
    {
        return sockets[0].backend();
    }

    @Override
    public String rxRing()
    {
        return sockets[0].rxRing();
    }

    @Override
    public long mac()
    {
        return sockets[0].mac();
    }

    @Override
    public int mtu()
    {
        return sockets[0].mtu();
    }

    /** Refused: each worker receives on its own {@link #socket(int)}. */
    @Override
    public int receive(final FrameHandler handler, final int limit)
    {
        throw new UnsupportedOperationException("port '" + name() + "' is received on per worker: use socket(w)");
    }

    /** Refused: each worker sends on its own {@link #socket(int)}. */
    @Override
    public boolean send(final DirectBuffer buffer, final int offset, final int length)
    {
        throw new UnsupportedOperationException("port '" + name() + "' is sent on per worker: use socket(w)");
    }

    /** Nothing to flush here: each worker flushes its own socket. */
    @Override
    public void flush()
    {
    }

    /** The sum of the sockets' counters at this moment (a new object; for readers, never the packet path). */
    @Override
    public PortCounters counters()
    {
        final PortCounters sum = new PortCounters();
        for (final PortCounter c : PortCounter.values())
        {
            long value = 0;
            for (final Port socket : sockets)
            {
                value += socket.counters().get(c);
            }
            sum.set(c, value);
        }
        return sum;
    }

    @Override
    public void close()
    {
        RuntimeException failure = null;
        for (final Port socket : sockets)
        {
            try
            {
                socket.close();
            }
            catch (final RuntimeException ex)
            {
                failure = failure == null ? ex : failure;
            }
        }
        if (failure != null)
        {
            throw failure;
        }
    }
}
