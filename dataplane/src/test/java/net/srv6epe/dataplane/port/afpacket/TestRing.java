package net.srv6epe.dataplane.port.afpacket;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static java.nio.ByteOrder.LITTLE_ENDIAN;

import java.nio.ByteBuffer;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import net.srv6epe.srv6.wire.Checksum;

/**
 * A TPACKET_V3 ring laid out byte by byte the way {@code af_packet.c} fills it (blocks of
 * {@code struct tpacket_block_desc}, packets of {@code struct tpacket3_hdr} + {@code struct sockaddr_ll}, a
 * {@code struct virtio_net_hdr} right before each frame), in plain memory, for tests of {@link RxRing} without a
 * socket. Offsets come from {@link PacketAbi}; the tests check them against the kernel header's numbers.
 */
final class TestRing
{
    static final int BLOCK_SIZE = 128 * 1024;
    /** Where the kernel puts the first packet: {@code BLK_PLUS_PRIV(0)} = ALIGN(sizeof(tpacket_block_desc), 8). */
    static final int FIRST_PACKET = 48;

    final UnsafeBuffer ring;
    final int blocks;
    private final int[] fill;
    private final int[] lastPacket;

    /** A packet being written: set what the kernel would, then {@link TestRing#add}. */
    static final class Packet
    {
        byte[] frame;
        int wireLength = -1;
        int status = PacketAbi.TP_STATUS_USER;
        int pktType;
        int vlanTci = -1;
        int vlanTpid = -1;
        int vnetFlags;
        int gsoType;
        int gsoSize;
        int csumStart;
        int csumOffset;
        long timestampNs;

        Packet(final byte[] frame)
        {
            this.frame = frame;
        }

        /** Marks it CHECKSUM_PARTIAL with the transport header at {@code start} and its field at {@code offset}. */
        Packet partial(final int start, final int offset)
        {
            vnetFlags = PacketAbi.VIRTIO_NET_HDR_F_NEEDS_CSUM;
            status |= PacketAbi.TP_STATUS_CSUMNOTREADY;
            csumStart = start;
            csumOffset = offset;
            return this;
        }

        /** Marks it a GSO super-frame. */
        Packet gso(final int type, final int size)
        {
            gsoType = type;
            gsoSize = size;
            return this;
        }
    }

    TestRing(final int blocks)
    {
        this.blocks = blocks;
        this.ring = new UnsafeBuffer(ByteBuffer.allocateDirect(blocks * BLOCK_SIZE));
        this.fill = new int[blocks];
        this.lastPacket = new int[blocks];
        for (int b = 0; b < blocks; b++)
        {
            fill[b] = FIRST_PACKET;
            lastPacket[b] = -1;
        }
    }

    /** The offset in the ring of block {@code b}. */
    static int base(final int b)
    {
        return b * BLOCK_SIZE;
    }

    /** Appends a packet to block {@code b} and returns the offset of its frame in the ring. */
    int add(final int b, final Packet p)
    {
        final int base = base(b);
        final int at = base + fill[b];
        final int mac = write(ring, at, RxLayout.V3, p);

        if (lastPacket[b] >= 0)
        {
            ring.putInt(lastPacket[b] + PacketAbi.TP_NEXT_OFFSET_OFFSET, at - lastPacket[b], LITTLE_ENDIAN);
        }
        lastPacket[b] = at;
        fill[b] += PacketAbi.tpacketAlign(mac + p.frame.length);
        if (fill[b] > BLOCK_SIZE)
        {
            throw new IllegalStateException("block " + b + " full");
        }
        ring.putInt(base + PacketAbi.BLOCK_NUM_PKTS_OFFSET, ring.getInt(base + PacketAbi.BLOCK_NUM_PKTS_OFFSET) + 1,
            LITTLE_ENDIAN);
        return at + mac;
    }

    /**
     * Writes packet {@code p} at {@code at} the way the kernel does in a ring of {@code layout}: header, sockaddr_ll,
     * virtio_net_hdr, frame; status last. Returns the frame's offset from {@code at} ({@code tp_mac}).
     */
    static int write(final UnsafeBuffer ring, final int at, final RxLayout layout, final Packet p)
    {
        // af_packet.c tpacket_rcv, SOCK_RAW with PACKET_VNET_HDR: netoff = TPACKET_ALIGN(tp_hdrlen + max(16,
        // maclen)) + vnet_hdr_sz; macoff = netoff - maclen (maclen 14; V3: netoff 106, macoff 92).
        final int mac = layout.macOffset();
        final int netoff = mac + 14;
        ring.setMemory(at, mac, (byte)0);
        ring.putInt(at + layout.snaplen, p.frame.length, LITTLE_ENDIAN);
        ring.putInt(at + layout.len, p.wireLength < 0 ? p.frame.length : p.wireLength, LITTLE_ENDIAN);
        ring.putInt(at + layout.sec, (int)(p.timestampNs / 1_000_000_000L), LITTLE_ENDIAN);
        ring.putInt(at + layout.nsec, (int)(p.timestampNs % 1_000_000_000L), LITTLE_ENDIAN);
        int status = p.status;
        if (p.vlanTci >= 0)
        {
            status |= PacketAbi.TP_STATUS_VLAN_VALID;
            ring.putShort(at + layout.vlanTci, (short)p.vlanTci, LITTLE_ENDIAN);
            if (p.vlanTpid >= 0)
            {
                status |= PacketAbi.TP_STATUS_VLAN_TPID_VALID;
                ring.putShort(at + layout.vlanTpid, (short)p.vlanTpid, LITTLE_ENDIAN);
            }
        }
        ring.putShort(at + layout.mac, (short)mac, LITTLE_ENDIAN);
        ring.putShort(at + layout.mac + 2, (short)netoff, LITTLE_ENDIAN); // tp_net follows tp_mac in both
        final int sll = at + layout.headerLength;
        ring.putShort(sll + PacketAbi.SLL_FAMILY_OFFSET, (short)17, LITTLE_ENDIAN);
        ring.putByte(sll + PacketAbi.SLL_PKTTYPE_OFFSET, (byte)p.pktType);
        final int vnet = at + mac - PacketAbi.VNET_HDR_LENGTH;
        ring.putByte(vnet + PacketAbi.VNET_FLAGS_OFFSET, (byte)p.vnetFlags);
        ring.putByte(vnet + PacketAbi.VNET_GSO_TYPE_OFFSET, (byte)p.gsoType);
        ring.putShort(vnet + PacketAbi.VNET_HDR_LEN_OFFSET, (short)(p.gsoType == 0 ? 0 : Math.min(p.frame.length, 128)),
            LITTLE_ENDIAN);
        ring.putShort(vnet + PacketAbi.VNET_GSO_SIZE_OFFSET, (short)p.gsoSize, LITTLE_ENDIAN);
        ring.putShort(vnet + PacketAbi.VNET_CSUM_START_OFFSET, (short)p.csumStart, LITTLE_ENDIAN);
        ring.putShort(vnet + PacketAbi.VNET_CSUM_OFFSET_OFFSET, (short)p.csumOffset, LITTLE_ENDIAN);
        ring.putBytes(at + mac, p.frame);
        if (layout == RxLayout.V2)
        {
            ring.putIntVolatile(at + layout.status, status); // V2 hands the slot over with its status word
        }
        else
        {
            ring.putInt(at + layout.status, status, LITTLE_ENDIAN); // V3 hands over the block, not the packet
        }
        return mac;
    }

    /** Hands block {@code b} to user space, as the kernel does when the block is full or its timer fires. */
    void close(final int b)
    {
        final int base = base(b);
        ring.putInt(base, 3, LITTLE_ENDIAN); // version (TPACKET_V3 + 1, as the kernel writes it)
        ring.putInt(base + PacketAbi.BLOCK_OFFSET_TO_FIRST_PKT_OFFSET, FIRST_PACKET, LITTLE_ENDIAN);
        ring.putInt(base + PacketAbi.BLOCK_LEN_OFFSET, fill[b], LITTLE_ENDIAN);
        ring.putIntVolatile(base + PacketAbi.BLOCK_STATUS_OFFSET, PacketAbi.TP_STATUS_USER);
    }

    /** The status word of block {@code b}. */
    int blockStatus(final int b)
    {
        return ring.getIntVolatile(base(b) + PacketAbi.BLOCK_STATUS_OFFSET);
    }

    /** Ethernet (02:..:01 <- 02:..:02, the given EtherType) in front of an L3 packet. */
    static byte[] ethernet(final byte[] l3, final int etherType)
    {
        final byte[] frame = new byte[14 + l3.length];
        final UnsafeBuffer b = new UnsafeBuffer(frame);
        b.putLong(0, 0x0200_0000_0001_0200L, BIG_ENDIAN); // dst 02:00:00:00:00:01, src starts 02:00
        b.putInt(8, 0x0000_0002, BIG_ENDIAN);
        b.putShort(12, (short)etherType, BIG_ENDIAN);
        b.putBytes(14, l3);
        return frame;
    }

    /** Ethernet + an IPv6 packet. */
    static byte[] ethernet6(final byte[] l3)
    {
        return ethernet(l3, 0x86DD);
    }

    /**
     * Puts a frame in the state the kernel hands over under CHECKSUM_PARTIAL: the checksum field holds the folded
     * pseudo-header sum ({@code ~csum_ipv6_magic(...)}, e.g. {@code __tcp_v6_send_check}), not the checksum.
     */
    static void makePartial(final byte[] frame, final int l4, final int field, final long pseudoHeaderSum)
    {
        final UnsafeBuffer b = new UnsafeBuffer(frame);
        b.putShort(l4 + field, (short)Checksum.fold(pseudoHeaderSum), BIG_ENDIAN);
    }

    /** True when the transport checksum at {@code l4} verifies against {@code pseudoHeaderSum}. */
    static boolean verifies(final DirectBuffer b, final int l4, final int end, final long pseudoHeaderSum)
    {
        return Checksum.fold(Checksum.sum(b, l4, end - l4, pseudoHeaderSum)) == 0xFFFF;
    }
}
