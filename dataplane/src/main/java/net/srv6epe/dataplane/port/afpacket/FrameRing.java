package net.srv6epe.dataplane.port.afpacket;

import org.agrona.concurrent.UnsafeBuffer;

import net.srv6epe.dataplane.port.FrameHandler;
import net.srv6epe.dataplane.port.PortCounters;

/**
 * The reader of a TPACKET_V2 receive ring: {@code frameCount} slots of {@code frameSize} bytes, each one packet
 * ({@code struct tpacket2_hdr}, {@link RxLayout#V2}), owned by user space while its {@code tp_status} has
 * {@code TP_STATUS_USER} (an acquire load) and given back ({@code TP_STATUS_KERNEL}, a release store) as soon as
 * its frame is handed. Unlike the block ring ({@link RxRing}) the kernel hands over every frame the moment it has
 * written it, so a frame waits for the reader only, not for a block to fill or time out: the ring for low latency.
 * The price: a frame larger than a slot (a GRO or GSO super-frame from a kernel peer with offloads on) is cut by
 * the kernel and dropped here ({@code RX_TRUNCATED}); slots are sized for the port's MTU.
 *
 * <p>Slots are taken in ring order; frames are handed by {@link RxPacket} (zero copy, offload metadata honoured as
 * in the block ring). Allocation free after construction; one thread.
 */
final class FrameRing implements ReceiveRing
{
    private final UnsafeBuffer ring;
    private final int frameSize;
    private final int frameCount;
    private final RxPacket packetReader;

    private int frame;

    /**
     * @param ring the mapped ring, at least {@code frameSize * frameCount} bytes (slots are contiguous: the block
     *     size is a multiple of the frame size).
     * @param frameSize {@code tp_frame_size}.
     * @param frameCount {@code tp_frame_nr}.
     * @param counters where the RX counters go (this reader is their single writer).
     */
    FrameRing(final UnsafeBuffer ring, final int frameSize, final int frameCount, final PortCounters counters)
    {
        if ((long)frameSize * frameCount > ring.capacity())
        {
            throw new IllegalArgumentException("ring of " + ring.capacity() + " bytes cannot hold " + frameCount +
                " frames of " + frameSize);
        }
        this.ring = ring;
        this.frameSize = frameSize;
        this.frameCount = frameCount;
        this.packetReader = new RxPacket(RxLayout.V2, counters);
    }

    @Override
    public boolean ready()
    {
        return packetReader.splitting() || owned(frame * frameSize);
    }

    @Override
    public long timestampNs()
    {
        return packetReader.timestampNs();
    }

    /** Index of the slot the reader takes next or is in. */
    int currentFrame()
    {
        return frame;
    }

    @Override
    public int read(final FrameHandler handler, final int limit)
    {
        int handed = 0;
        for (int visited = 0; handed < limit && visited < frameCount; visited++)
        {
            if (packetReader.splitting())
            {
                handed += packetReader.resume(handler, limit - handed);
                if (packetReader.splitting())
                {
                    break;
                }
                release();
                continue;
            }
            final int slot = frame * frameSize;
            if (!owned(slot))
            {
                break;
            }
            handed += packetReader.hand(ring, slot, slot + frameSize, handler, limit - handed);
            if (!packetReader.splitting())
            {
                release();
            }
        }
        return handed;
    }

    private boolean owned(final int slot)
    {
        return (ring.getIntVolatile(slot + RxLayout.V2.status) & PacketAbi.TP_STATUS_USER) != 0;
    }

    private void release()
    {
        ring.putIntOrdered(frame * frameSize + RxLayout.V2.status, PacketAbi.TP_STATUS_KERNEL);
        frame = frame + 1 == frameCount ? 0 : frame + 1;
    }
}
