package net.srv6epe.dataplane.port.afpacket;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

import java.nio.ByteBuffer;

import org.agrona.concurrent.UnsafeBuffer;

import net.srv6epe.dataplane.port.FrameHandler;
import net.srv6epe.dataplane.port.PortCounter;
import net.srv6epe.dataplane.port.PortCounters;

/**
 * What both receive rings ({@link RxRing}, {@link FrameRing}) do with one packet of the ring: its header
 * ({@link RxLayout}) read, the frame handed to the handler in place, and, with the {@code virtio_net_hdr} the socket
 * asked for ({@code PACKET_VNET_HDR}):
 * <ul>
 *   <li>{@code sll_pkttype == PACKET_OUTGOING}: skipped (a frame the host sent; {@code PACKET_IGNORE_OUTGOING}
 *       normally keeps them out already);</li>
 *   <li>{@code tp_snaplen < tp_len}: larger than its slot or block can hold, dropped and counted
 *       ({@link PortCounter#RX_TRUNCATED});</li>
 *   <li>{@code TP_STATUS_VLAN_VALID}: the kernel took the 802.1Q tag out of the frame; it is put back (in a copy)
 *       so the frame is what was on the wire;</li>
 *   <li>{@code gso_type != NONE}: split by {@link GsoSplitter} ({@link PortCounter#RX_GSO_SPLIT}); a receive limit
 *       can stop in the middle of the segments, {@link #resume} goes on;</li>
 *   <li>{@code VIRTIO_NET_HDR_F_NEEDS_CSUM} (the frame also has {@code TP_STATUS_CSUMNOTREADY}): the checksum is
 *       finished in place by {@link PartialChecksum} ({@link PortCounter#RX_CHECKSUM_COMPLETED}).</li>
 * </ul>
 * Offload metadata that cannot be honoured drops the frame ({@link PortCounter#RX_OFFLOAD_ERRORS}); a frame that
 * points outside its slot is dropped ({@link PortCounter#RX_ERRORS}). Allocation free after construction; one
 * thread.
 */
final class RxPacket
{
    private static final int VLAN_TPID_DEFAULT = 0x8100;
    private static final int MACS_LENGTH = 12;

    private final RxLayout layout;
    private final PortCounters counters;
    private final GsoSplitter splitter = new GsoSplitter();
    private final UnsafeBuffer tagged = new UnsafeBuffer(ByteBuffer.allocateDirect(GsoSplitter.MAX_SEGMENT));

    private UnsafeBuffer ring;
    private int header = -1;
    private boolean splitting;
    private int nextSegment;

    /**
     * @param layout the ring's packet header layout.
     * @param counters where the RX counters go (the ring's reader is their single writer).
     */
    RxPacket(final RxLayout layout, final PortCounters counters)
    {
        this.layout = layout;
        this.counters = counters;
    }

    /** True while a GSO super-frame has segments not handed yet: the packet's slot must stay ours. */
    boolean splitting()
    {
        return splitting;
    }

    /**
     * The kernel's receive time of the packet handed last (its header's {@code tp_sec}, {@code tp_nsec}:
     * {@code CLOCK_REALTIME} nanoseconds unless the socket asked for other timestamps). Valid inside the handler's
     * call, while the packet's slot is still ours; 0 before the first packet.
     */
    long timestampNs()
    {
        if (header < 0)
        {
            return 0;
        }
        return (ring.getInt(header + layout.sec, LITTLE_ENDIAN) & 0xFFFF_FFFFL) * 1_000_000_000L +
            (ring.getInt(header + layout.nsec, LITTLE_ENDIAN) & 0xFFFF_FFFFL);
    }

    /** Hands the next segments of a super-frame {@link #hand} began, at most {@code budget}: the number handed. */
    int resume(final FrameHandler handler, final int budget)
    {
        final int n = splitter.emit(handler, nextSegment, budget, counters);
        nextSegment += n;
        splitting = nextSegment < splitter.segments();
        return n;
    }

    /**
     * Hands the packet whose header is at {@code h} in {@code ring}, in a slot (a V2 frame or a V3 block) that ends
     * at {@code end}.
     *
     * @return the number of frames handed, at most {@code budget} (0 when it was skipped or dropped); when a
     *     super-frame's segments did not all fit the budget, {@link #splitting()} is true afterwards.
     */
    int hand(final UnsafeBuffer ring, final int h, final int end, final FrameHandler handler, final int budget)
    {
        this.ring = ring;
        this.header = h;
        if ((ring.getByte(h + layout.headerLength + PacketAbi.SLL_PKTTYPE_OFFSET) & 0xFF) ==
            PacketAbi.PACKET_OUTGOING)
        {
            return 0;
        }
        final int snaplen = ring.getInt(h + layout.snaplen, LITTLE_ENDIAN);
        final int wireLength = ring.getInt(h + layout.len, LITTLE_ENDIAN);
        if (snaplen != wireLength)
        {
            counters.add(PortCounter.RX_TRUNCATED, 1);
            return 0;
        }
        final int mac = ring.getShort(h + layout.mac, LITTLE_ENDIAN) & 0xFFFF;
        final int frame = h + mac;
        if (mac < layout.hdrlen + PacketAbi.VNET_HDR_LENGTH || snaplen < MACS_LENGTH + 2 || frame + snaplen > end)
        {
            counters.add(PortCounter.RX_ERRORS, 1);
            return 0;
        }
        final int status = ring.getInt(h + layout.status, LITTLE_ENDIAN);
        int vlanTag = GsoSplitter.NO_VLAN;
        if ((status & PacketAbi.TP_STATUS_VLAN_VALID) != 0)
        {
            final int tpid = (status & PacketAbi.TP_STATUS_VLAN_TPID_VALID) != 0 ?
                ring.getShort(h + layout.vlanTpid, LITTLE_ENDIAN) & 0xFFFF : VLAN_TPID_DEFAULT;
            vlanTag = tpid << 16 | (ring.getShort(h + layout.vlanTci, LITTLE_ENDIAN) & 0xFFFF);
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
            nextSegment = 0;
            return resume(handler, budget);
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
