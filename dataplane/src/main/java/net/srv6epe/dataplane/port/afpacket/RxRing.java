package net.srv6epe.dataplane.port.afpacket;

import org.agrona.concurrent.UnsafeBuffer;

import net.srv6epe.dataplane.port.FrameHandler;
import net.srv6epe.dataplane.port.PortCounter;
import net.srv6epe.dataplane.port.PortCounters;

/**
 * The reader of a TPACKET_V3 receive ring (layouts in {@link PacketAbi}), independent of the socket so that it can
 * be tested over a hand-built ring. Blocks are taken in ring order while their {@code block_status} has
 * {@code TP_STATUS_USER} (an acquire load), their packets handed to the handler in place by {@link RxPacket} (zero
 * copy: the handler sees the ring memory), and each block is given back ({@code TP_STATUS_KERNEL}, a release store)
 * as soon as its last packet is handed. A receive limit can stop it in the middle of a block, or of a GSO
 * super-frame; the next call resumes there. A packet header that points outside its block drops the rest of the
 * block ({@link PortCounter#RX_ERRORS}). Allocation free after construction; one thread.
 *
 * <p>The kernel hands a block over when it is full or {@code tp_retire_blk_tov} after its first packet: on a link
 * that does not fill blocks that fast, frames wait up to that long (1 ms at least) before the reader sees them
 * ({@link FrameRing} sees each frame at once).
 */
final class RxRing implements ReceiveRing
{
    private final UnsafeBuffer ring;
    private final int blockSize;
    private final int blockCount;
    private final PortCounters counters;
    private final RxPacket packetReader;

    private int block;
    private boolean inBlock;
    private int packetsLeft;
    private int packet;

    /**
     * @param ring the mapped ring, {@code blockSize * blockCount} bytes.
     * @param blockSize {@code tp_block_size}.
     * @param blockCount {@code tp_block_nr}.
     * @param counters where the RX counters go (this reader is their single writer).
     */
    RxRing(final UnsafeBuffer ring, final int blockSize, final int blockCount, final PortCounters counters)
    {
        if ((long)blockSize * blockCount > ring.capacity())
        {
            throw new IllegalArgumentException("ring of " + ring.capacity() + " bytes cannot hold " + blockCount +
                " blocks of " + blockSize);
        }
        this.ring = ring;
        this.blockSize = blockSize;
        this.blockCount = blockCount;
        this.counters = counters;
        this.packetReader = new RxPacket(RxLayout.V3, counters);
    }

    @Override
    public boolean ready()
    {
        return inBlock || (ring.getIntVolatile(block * blockSize + PacketAbi.BLOCK_STATUS_OFFSET) &
            PacketAbi.TP_STATUS_USER) != 0;
    }

    @Override
    public long timestampNs()
    {
        return packetReader.timestampNs();
    }

    /** Index of the block the reader takes next or is in. */
    int currentBlock()
    {
        return block;
    }

    @Override
    public int read(final FrameHandler handler, final int limit)
    {
        int handed = 0;
        while (handed < limit)
        {
            if (!inBlock && !enterBlock())
            {
                break;
            }
            if (packetReader.splitting())
            {
                handed += packetReader.resume(handler, limit - handed);
                if (packetReader.splitting())
                {
                    break;
                }
                advance();
                continue;
            }
            handed += packetReader.hand(ring, packet, block * blockSize + blockSize, handler, limit - handed);
            if (!packetReader.splitting())
            {
                advance();
            }
        }
        return handed;
    }

    private boolean enterBlock()
    {
        for (int tries = 0; tries < blockCount; tries++)
        {
            final int base = block * blockSize;
            if ((ring.getIntVolatile(base + PacketAbi.BLOCK_STATUS_OFFSET) & PacketAbi.TP_STATUS_USER) == 0)
            {
                return false;
            }
            packetsLeft = ring.getInt(base + PacketAbi.BLOCK_NUM_PKTS_OFFSET);
            packet = base + ring.getInt(base + PacketAbi.BLOCK_OFFSET_TO_FIRST_PKT_OFFSET);
            inBlock = true;
            if (packetsLeft > 0 && packetInBlock())
            {
                return true;
            }
            if (packetsLeft != 0)
            {
                counters.add(PortCounter.RX_ERRORS, 1);
            }
            releaseBlock();
        }
        return false;
    }

    private boolean packetInBlock()
    {
        final int base = block * blockSize;
        return packet >= base + PacketAbi.BLOCK_DESC_LENGTH &&
            packet + PacketAbi.TPACKET3_HDRLEN + PacketAbi.VNET_HDR_LENGTH <= base + blockSize;
    }

    private void advance()
    {
        if (--packetsLeft <= 0)
        {
            releaseBlock();
            return;
        }
        packet += ring.getInt(packet + PacketAbi.TP_NEXT_OFFSET_OFFSET);
        if (!packetInBlock())
        {
            counters.add(PortCounter.RX_ERRORS, 1);
            releaseBlock();
        }
    }

    private void releaseBlock()
    {
        ring.putIntOrdered(block * blockSize + PacketAbi.BLOCK_STATUS_OFFSET, PacketAbi.TP_STATUS_KERNEL);
        inBlock = false;
        packetsLeft = 0;
        block = block + 1 == blockCount ? 0 : block + 1;
    }
}
