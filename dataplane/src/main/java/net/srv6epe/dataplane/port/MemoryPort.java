package net.srv6epe.dataplane.port;

import java.util.ArrayList;
import java.util.List;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.jctools.queues.MpmcArrayQueue;

/**
 * A port made of two in-memory frame queues, for pipeline tests: {@link #inject} frames that {@link #receive}
 * then delivers, and {@link #pollSent()} / {@link #drainSent()} the frames that were sent. A full queue is
 * back-pressure: {@link #send} returns false and counts a TX error. The queues are thread safe; the copies it
 * makes allocate, so it is for tests, not for rates.
 */
public final class MemoryPort implements Port
{
    private final String name;
    private final long mac;
    private final int mtu;
    private final MpmcArrayQueue<byte[]> rxQueue;
    private final MpmcArrayQueue<byte[]> txQueue;
    private final PortCounters counters = new PortCounters();
    private final UnsafeBuffer rxBuffer = new UnsafeBuffer(new byte[0]);

    /**
     * @param capacity frames each queue holds (rounded up to a power of two).
     */
    public MemoryPort(final String name, final long mac, final int mtu, final int capacity)
    {
        this.name = name;
        this.mac = mac;
        this.mtu = mtu;
        this.rxQueue = new MpmcArrayQueue<>(Math.max(2, capacity));
        this.txQueue = new MpmcArrayQueue<>(Math.max(2, capacity));
    }

    /** A port with room for 1024 frames each way. */
    public MemoryPort(final String name, final long mac, final int mtu)
    {
        this(name, mac, mtu, 1024);
    }

    @Override
    public PortBackend backend()
    {
        return PortBackend.MEMORY;
    }

    @Override
    public String name()
    {
        return name;
    }

    @Override
    public long mac()
    {
        return mac;
    }

    @Override
    public int mtu()
    {
        return mtu;
    }

    /** Queues a frame (copied) for {@link #receive}; false if the RX queue is full (counted as RX dropped). */
    public boolean inject(final byte[] frame)
    {
        if (!rxQueue.offer(frame.clone()))
        {
            counters.add(PortCounter.RX_DROPPED, 1);
            return false;
        }
        return true;
    }

    /** Queues a copy of {@code length} bytes at {@code offset} for {@link #receive}. */
    public boolean inject(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] frame = new byte[length];
        buffer.getBytes(offset, frame);
        return inject(frame);
    }

    @Override
    public int receive(final FrameHandler handler, final int limit)
    {
        int count = 0;
        byte[] frame;
        while (count < limit && (frame = rxQueue.poll()) != null)
        {
            rxBuffer.wrap(frame);
            counters.onReceived(frame.length);
            handler.onFrame(rxBuffer, 0, frame.length);
            count++;
        }
        return count;
    }

    @Override
    public boolean send(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length <= 0 || length > MAX_FRAME_LENGTH)
        {
            counters.add(PortCounter.TX_ERRORS, 1);
            return false;
        }
        final byte[] frame = new byte[length];
        buffer.getBytes(offset, frame);
        if (!txQueue.offer(frame))
        {
            counters.add(PortCounter.TX_ERRORS, 1);
            return false;
        }
        counters.onSent(length);
        return true;
    }

    /** The oldest sent frame not yet taken, or null. */
    public byte[] pollSent()
    {
        return txQueue.poll();
    }

    /** All sent frames not yet taken, oldest first. */
    public List<byte[]> drainSent()
    {
        final List<byte[]> frames = new ArrayList<>();
        txQueue.drain(frames::add);
        return frames;
    }

    /** Frames injected but not yet received. */
    public int pendingReceive()
    {
        return rxQueue.size();
    }

    @Override
    public void flush()
    {
    }

    @Override
    public PortCounters counters()
    {
        return counters;
    }

    @Override
    public void close()
    {
        rxQueue.clear();
    }

    @Override
    public String toString()
    {
        return "MemoryPort{" + name + ", mac=" + MacAddress.format(mac) + "}";
    }
}
