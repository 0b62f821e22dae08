package net.srv6epe.dataplane.port.afpacket;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

import java.nio.ByteBuffer;

import org.agrona.concurrent.UnsafeBuffer;

import net.srv6epe.dataplane.port.FrameHandler;
import net.srv6epe.dataplane.port.PortCounter;
import net.srv6epe.dataplane.port.PortCounters;

/**
 * The reader of a TPACKET_V3 receive ring (layouts in {@link PacketAbi}), independent of the socket so that it can
 * be tested over a hand-built ring. Blocks are taken in ring order while their {@code block_status} has
 * {@code TP_STATUS_USER} (an acquire load), their packets handed to the handler in place (zero copy: the handler
 * sees the ring memory), and each block is given back ({@code TP_STATUS_KERNEL}, a release store) as soon as its
 * last packet is handed. A receive limit can stop it in the middle of a block, or of a GSO super-frame; the next
 * call resumes there.
 *
 * <p>Per packet, with the {@code virtio_net_hdr} the socket asked for ({@code PACKET_VNET_HDR}):
 * <ul>
 *   <li>{@code sll_pkttype == PACKET_OUTGOING}: skipped (a frame the host sent; {@code PACKET_IGNORE_OUTGOING}
 *       normally keeps them out already);</li>
 *   <li>{@code tp_snaplen < tp_len}: larger than a block can hold, dropped and counted
 *       ({@link PortCounter#RX_TRUNCATED});</li>
 *   <li>{@code TP_STATUS_VLAN_VALID}: the kernel took the 802.1Q tag out of the frame; it is put back (in a copy)
 *       so the frame is what was on the wire;</li>
 *   <li>{@code gso_type != NONE}: split by {@link GsoSplitter} ({@link PortCounter#RX_GSO_SPLIT});</li>
 *   <li>{@code VIRTIO_NET_HDR_F_NEEDS_CSUM} (the frame also has {@code TP_STATUS_CSUMNOTREADY}): the checksum is
 *       finished in place by {@link PartialChecksum} ({@link PortCounter#RX_CHECKSUM_COMPLETED}).</li>
 * </ul>
 * Offload metadata that cannot be honoured drops the frame ({@link PortCounter#RX_OFFLOAD_ERRORS}); a packet
 * header that points outside its block drops the rest of the block ({@link PortCounter#RX_ERRORS}). Allocation
 * free after construction; one thread.
 */
final class RxRing
{
    private static final int VLAN_TPID_DEFAULT = 0x8100;
    private static final int MACS_LENGTH = 12;

    private final UnsafeBuffer ring;
    private final int blockSize;
    private final int blockCount;
    private final PortCounters counters;
    private final GsoSplitter splitter = new GsoSplitter();
    private final UnsafeBuffer tagged = new UnsafeBuffer(ByteBuffer.allocateDirect(GsoSplitter.MAX_SEGMENT));

    private int block;
    private boolean inBlock;
    private int packetsLeft;
    private int packet;
    private boolean splitting;
    private int nextSegment;

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
    }

    /** True when a packet is waiting: the reader is inside a block, or the next block belongs to user space. */
    boolean ready()
    {
        return inBlock || (ring.getIntVolatile(block * blockSize + PacketAbi.BLOCK_STATUS_OFFSET) &
            PacketAbi.TP_STATUS_USER) != 0;
    }

    /** Index of the block the reader takes next or is in. */
    int currentBlock()
    {
        return block;
    }

    /**
     * Hands up to {@code limit} frames to {@code handler}.
     *
     * @return the number of frames handed; 0 when no block is ready (or every waiting packet was dropped).
     */
    int read(final FrameHandler handler, final int limit)
    {
        int handed = 0;
        while (handed < limit)
        {
            if (!inBlock && !enterBlock())
            {
                break;
            }
            if (splitting)
            {
                final int n = splitter.emit(handler, nextSegment, limit - handed, counters);
                handed += n;
                nextSegment += n;
                if (nextSegment < splitter.segments())
                {
                    break;
                }
                splitting = false;
                advance();
                continue;
            }
            handed += processPacket(handler, limit - handed);
            if (!splitting)
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

    private int processPacket(final FrameHandler handler, final int budget)
    {
        final int h = packet;
        if ((ring.getByte(h + PacketAbi.SOCKADDR_LL_OFFSET + PacketAbi.SLL_PKTTYPE_OFFSET) & 0xFF) ==
            PacketAbi.PACKET_OUTGOING)
        {
            return 0;
        }
        final int snaplen = ring.getInt(h + PacketAbi.TP_SNAPLEN_OFFSET);
        final int wireLength = ring.getInt(h + PacketAbi.TP_LEN_OFFSET);
        if (snaplen != wireLength)
        {
            counters.add(PortCounter.RX_TRUNCATED, 1);
            return 0;
        }
        final int mac = ring.getShort(h + PacketAbi.TP_MAC_OFFSET, LITTLE_ENDIAN) & 0xFFFF;
        final int frame = h + mac;
        final int blockEnd = block * blockSize + blockSize;
        if (mac < PacketAbi.TPACKET3_HDRLEN + PacketAbi.VNET_HDR_LENGTH || snaplen < MACS_LENGTH + 2 ||
            frame + snaplen > blockEnd)
        {
            counters.add(PortCounter.RX_ERRORS, 1);
            return 0;
        }
        final int status = ring.getInt(h + PacketAbi.TP_STATUS_OFFSET);
        int vlanTag = GsoSplitter.NO_VLAN;
        if ((status & PacketAbi.TP_STATUS_VLAN_VALID) != 0)
        {
            final int tpid = (status & PacketAbi.TP_STATUS_VLAN_TPID_VALID) != 0 ?
                ring.getShort(h + PacketAbi.TP_VLAN_TPID_OFFSET, LITTLE_ENDIAN) & 0xFFFF : VLAN_TPID_DEFAULT;
            vlanTag = tpid << 16 | (ring.getInt(h + PacketAbi.TP_VLAN_TCI_OFFSET, LITTLE_ENDIAN) & 0xFFFF);
        }

        final int vnet = frame - PacketAbi.VNET_HDR_LENGTH;
        final int flags = ring.getByte(vnet + PacketAbi.VNET_FLAGS_OFFSET) & 0xFF;
        final int gsoType = ring.getByte(vnet + PacketAbi.VNET_GSO_TYPE_OFFSET) & 0xFF;
        final boolean needsChecksum = (flags & PacketAbi.VIRTIO_NET_HDR_F_NEEDS_CSUM) != 0;
        final int csumStart = ring.getShort(vnet + PacketAbi.VNET_CSUM_START_OFFSET, LITTLE_ENDIAN) & 0xFFFF;
        final int csumOffset = ring.getShort(vnet + PacketAbi.VNET_CSUM_OFFSET_OFFSET, LITTLE_ENDIAN) & 0xFFFF;

        if (gsoType != PacketAbi.VIRTIO_NET_HDR_GSO_NONE)
        {
            final int gsoSize = ring.getShort(vnet + PacketAbi.VNET_GSO_SIZE_OFFSET, LITTLE_ENDIAN) & 0xFFFF;
            if (splitter.prepare(ring, frame, snaplen, gsoType, gsoSize, needsChecksum ? csumStart : -1, vlanTag) < 0)
            {
                counters.add(PortCounter.RX_OFFLOAD_ERRORS, 1);
                return 0;
            }
            counters.add(PortCounter.RX_GSO_SPLIT, 1);
            final int n = splitter.emit(handler, 0, budget, counters);
            if (n < splitter.segments())
            {
                splitting = true;
                nextSegment = n;
            }
            return n;
        }

        final UnsafeBuffer out;
        final int offset;
        final int length;
        if (vlanTag == GsoSplitter.NO_VLAN)
        {
            out = ring;
            offset = frame;
            length = snaplen;
        }
        else
        {
            if (snaplen + 4 > tagged.capacity())
            {
                counters.add(PortCounter.RX_TRUNCATED, 1);
                return 0;
            }
            tagged.putBytes(0, ring, frame, MACS_LENGTH);
            tagged.putInt(MACS_LENGTH, vlanTag, BIG_ENDIAN);
            tagged.putBytes(MACS_LENGTH + 4, ring, frame + MACS_LENGTH, snaplen - MACS_LENGTH);
            out = tagged;
            offset = 0;
            length = snaplen + 4;
        }
        if (needsChecksum)
        {
            final int start = vlanTag == GsoSplitter.NO_VLAN ? csumStart : csumStart + 4;
            if (!PartialChecksum.complete(out, offset, length, start, csumOffset))
            {
                counters.add(PortCounter.RX_OFFLOAD_ERRORS, 1);
                return 0;
            }
            counters.add(PortCounter.RX_CHECKSUM_COMPLETED, 1);
        }
        counters.onReceived(length);
        handler.onFrame(out, offset, length);
        return 1;
    }
}
