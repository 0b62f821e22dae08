package net.srv6epe.dataplane.port.afpacket;

import java.nio.ByteBuffer;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import net.srv6epe.dataplane.port.PortCounter;
import net.srv6epe.dataplane.port.PortCounters;
import net.srv6epe.dataplane.port.linux.Libc;

/**
 * Batched transmit with {@code sendmmsg(2)}: {@link #add} copies a frame into the next of {@code capacity}
 * preallocated slots, {@link #flush} hands every queued frame to the kernel in one {@code sendmmsg} call (more
 * only when the kernel accepts part of the batch). The {@code struct mmsghdr} and {@code struct iovec} arrays
 * ({@link PacketAbi}) point at the slots once, at construction; per frame only {@code iov_len} is written.
 *
 * <p>With {@code PACKET_VNET_HDR} on the socket every message must start with a {@code struct virtio_net_hdr}: each
 * slot carries a zeroed one (no GSO, no checksum offload: our frames are complete) right before the frame.
 *
 * <p>Back-pressure ({@code EAGAIN}: socket send buffer full; {@code ENOBUFS}: device queue full) is retried
 * {@link #MAX_RETRIES} times, then the frames still queued are dropped and counted in
 * {@link PortCounter#TX_BACKPRESSURE_DROPS} and {@link PortCounter#TX_ERRORS}; any other error drops the one frame
 * the kernel refused ({@link PortCounter#TX_ERRORS}: too large for the MTU, interface down) and continues with the
 * next. Never blocks: {@code MSG_DONTWAIT}. Allocation free after construction; one thread.
 */
final class TxBatch
{
    /** Retries of one flush while the kernel reports back-pressure without taking anything. */
    static final int MAX_RETRIES = 8;

    /** Bytes before a frame in its slot: the frame starts 16-byte aligned, its virtio_net_hdr just before. */
    private static final int FRAME_IN_SLOT = 16;

    private final int fd;
    private final int capacity;
    private final int slotSize;
    private final int maxFrame;
    private final int prefix;
    private final PortCounters counters;
    private final UnsafeBuffer memory;
    private final long messages;
    private final long iovecs;
    private final int slots;
    private final int[] lengths;
    private int queued;
    private long sendCalls;

    /**
     * @param fd the packet socket.
     * @param capacity frames per batch; {@link #add} flushes when the batch is full.
     * @param maxFrame largest frame accepted.
     * @param vnetHeader true when the socket has {@code PACKET_VNET_HDR} (each message then starts with one).
     * @param counters TX counters (this batch is their single writer).
     */
    TxBatch(final int fd, final int capacity, final int maxFrame, final boolean vnetHeader,
        final PortCounters counters)
    {
        if (capacity < 1 || maxFrame < 14)
        {
            throw new IllegalArgumentException("capacity " + capacity + ", max frame " + maxFrame);
        }
        this.fd = fd;
        this.capacity = capacity;
        this.maxFrame = maxFrame;
        this.prefix = vnetHeader ? PacketAbi.VNET_HDR_LENGTH : 0;
        this.counters = counters;
        this.slotSize = (FRAME_IN_SLOT + maxFrame + 63) & ~63;
        final int messagesBytes = capacity * PacketAbi.MMSGHDR_LENGTH;
        final int iovecBytes = capacity * PacketAbi.IOVEC_LENGTH;
        this.memory =
            new UnsafeBuffer(ByteBuffer.allocateDirect(64 + messagesBytes + iovecBytes + capacity * slotSize));
        final int base = (int)((64 - (memory.addressOffset() & 63)) & 63);
        this.messages = memory.addressOffset() + base;
        this.iovecs = messages + messagesBytes;
        this.slots = base + messagesBytes + iovecBytes;
        this.lengths = new int[capacity];
        for (int i = 0; i < capacity; i++)
        {
            final int message = base + i * PacketAbi.MMSGHDR_LENGTH;
            final int iovec = base + messagesBytes + i * PacketAbi.IOVEC_LENGTH;
            memory.putLong(message + PacketAbi.MMSG_IOV_OFFSET, iovecs + (long)i * PacketAbi.IOVEC_LENGTH);
            memory.putLong(message + PacketAbi.MMSG_IOVLEN_OFFSET, 1L);
            memory.putLong(iovec + PacketAbi.IOV_BASE_OFFSET,
                memory.addressOffset() + slots + (long)i * slotSize + FRAME_IN_SLOT - prefix);
        }
    }

    /** {@code sendmmsg} calls made so far (one per batch unless the kernel took part of one). */
    long sendCalls()
    {
        return sendCalls;
    }

    /** Frames queued and not yet flushed. */
    int queued()
    {
        return queued;
    }

    /**
     * Queues a copy of one frame, flushing first when the batch is full.
     *
     * @return false (counted in {@link PortCounter#TX_ERRORS}) when the frame is empty or larger than the
     *         largest frame.
     */
    boolean add(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length <= 0 || length > maxFrame)
        {
            counters.add(PortCounter.TX_ERRORS, 1);
            return false;
        }
        if (queued == capacity)
        {
            flush();
        }
        final int i = queued;
        memory.putBytes(slots + i * slotSize + FRAME_IN_SLOT, buffer, offset, length);
        memory.putLong(iovecOffset(i) + PacketAbi.IOV_LEN_OFFSET, (long)(prefix + length));
        lengths[i] = length;
        queued = i + 1;
        return true;
    }

    /** Sends every queued frame: one {@code sendmmsg} per batch unless the kernel takes part of it. */
    void flush()
    {
        int sent = 0;
        int retries = 0;
        while (sent < queued)
        {
            final int result = Libc.sendmmsg(fd, messages + (long)sent * PacketAbi.MMSGHDR_LENGTH, queued - sent,
                Libc.MSG_DONTWAIT);
            sendCalls++;
            if (result > 0)
            {
                long bytes = 0;
                for (int i = sent; i < sent + result; i++)
                {
                    bytes += lengths[i];
                }
                counters.add(PortCounter.TX_PACKETS, result);
                counters.add(PortCounter.TX_BYTES, bytes);
                sent += result;
                retries = 0;
                continue;
            }
            final int errno = result < 0 ? Libc.errno() : Libc.EAGAIN; // 0 taken: treat as back-pressure
            if (errno == Libc.EAGAIN || errno == Libc.ENOBUFS || errno == Libc.EINTR)
            {
                if (++retries <= MAX_RETRIES)
                {
                    Thread.onSpinWait();
                    continue;
                }
                final int dropped = queued - sent;
                counters.add(PortCounter.TX_BACKPRESSURE_DROPS, dropped);
                counters.add(PortCounter.TX_ERRORS, dropped);
                break;
            }
            counters.add(PortCounter.TX_ERRORS, 1);
            sent++;
        }
        queued = 0;
    }

    private int iovecOffset(final int i)
    {
        return (int)(iovecs - memory.addressOffset()) + i * PacketAbi.IOVEC_LENGTH;
    }
}
