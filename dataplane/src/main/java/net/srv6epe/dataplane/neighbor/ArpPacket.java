package net.srv6epe.dataplane.neighbor;

import static java.nio.ByteOrder.BIG_ENDIAN;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import net.srv6epe.dataplane.port.MacAddress;

/**
 * A flyweight over an Ethernet frame carrying ARP for IPv4 over Ethernet (RFC 826), and its encoder.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |      Hardware type = 1        |     Protocol type = 0x0800    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  HW len = 6   | Proto len = 4 |   Operation (1 req, 2 reply)  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |        Sender hardware address (6) | Sender protocol addr (4) |
 * |        Target hardware address (6) | Target protocol addr (4) |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 */
public final class ArpPacket
{
    /** ARP request. */
    public static final int OP_REQUEST = 1;
    /** ARP reply. */
    public static final int OP_REPLY = 2;
    /** ARP payload length for IPv4 over Ethernet. */
    public static final int ARP_LENGTH = 28;
    /** Length of the frames {@link #encode} writes: the Ethernet minimum (60 bytes without FCS). */
    public static final int FRAME_LENGTH = 60;

    private static final int ARP_OFFSET = NeighborFrames.ETH_HEADER_LENGTH;
    private static final int OPERATION_OFFSET = ARP_OFFSET + 6;
    private static final int SHA_OFFSET = ARP_OFFSET + 8;
    private static final int SPA_OFFSET = ARP_OFFSET + 14;
    private static final int THA_OFFSET = ARP_OFFSET + 18;
    private static final int TPA_OFFSET = ARP_OFFSET + 24;

    private DirectBuffer buffer;
    private int offset;

    /**
     * Wraps a frame and validates it: EtherType ARP, hardware Ethernet/6, protocol IPv4/4, operation 1 or 2.
     *
     * @return true if the frame is an ARP packet this flyweight can read.
     */
    public boolean wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        if (length < ARP_OFFSET + ARP_LENGTH ||
            (buffer.getShort(offset + NeighborFrames.ETHERTYPE_OFFSET, BIG_ENDIAN) & 0xFFFF) !=
            NeighborFrames.ETHERTYPE_ARP)
        {
            return false;
        }
        final int op = operation();
        return (buffer.getShort(offset + ARP_OFFSET, BIG_ENDIAN) & 0xFFFF) == 1 &&
            (buffer.getShort(offset + ARP_OFFSET + 2, BIG_ENDIAN) & 0xFFFF) == NeighborFrames.ETHERTYPE_IPV4 &&
            (buffer.getByte(offset + ARP_OFFSET + 4) & 0xFF) == 6 &&
            (buffer.getByte(offset + ARP_OFFSET + 5) & 0xFF) == 4 &&
            (op == OP_REQUEST || op == OP_REPLY);
    }

    /** Ethernet destination. */
    public long ethDestination()
    {
        return MacAddress.get(buffer, offset);
    }

    /** Ethernet source. */
    public long ethSource()
    {
        return MacAddress.get(buffer, offset + 6);
    }

    /** {@link #OP_REQUEST} or {@link #OP_REPLY}. */
    public int operation()
    {
        return buffer.getShort(offset + OPERATION_OFFSET, BIG_ENDIAN) & 0xFFFF;
    }

    /** Sender hardware address. */
    public long senderMac()
    {
        return MacAddress.get(buffer, offset + SHA_OFFSET);
    }

    /** Sender protocol address. */
    public int senderIp()
    {
        return buffer.getInt(offset + SPA_OFFSET, BIG_ENDIAN);
    }

    /** Target hardware address. */
    public long targetMac()
    {
        return MacAddress.get(buffer, offset + THA_OFFSET);
    }

    /** Target protocol address. */
    public int targetIp()
    {
        return buffer.getInt(offset + TPA_OFFSET, BIG_ENDIAN);
    }

    /**
     * Writes a complete ARP frame, padded with zeros to the Ethernet minimum.
     *
     * @return the frame length, {@link #FRAME_LENGTH}.
     */
    public static int encode(
        final MutableDirectBuffer buffer,
        final int offset,
        final long ethDestination,
        final long ethSource,
        final int operation,
        final long senderMac,
        final int senderIp,
        final long targetMac,
        final int targetIp)
    {
        MacAddress.put(buffer, offset, ethDestination);
        MacAddress.put(buffer, offset + 6, ethSource);
        buffer.putShort(offset + NeighborFrames.ETHERTYPE_OFFSET, (short)NeighborFrames.ETHERTYPE_ARP, BIG_ENDIAN);
        buffer.putShort(offset + ARP_OFFSET, (short)1, BIG_ENDIAN);
        buffer.putShort(offset + ARP_OFFSET + 2, (short)NeighborFrames.ETHERTYPE_IPV4, BIG_ENDIAN);
        buffer.putByte(offset + ARP_OFFSET + 4, (byte)6);
        buffer.putByte(offset + ARP_OFFSET + 5, (byte)4);
        buffer.putShort(offset + OPERATION_OFFSET, (short)operation, BIG_ENDIAN);
        MacAddress.put(buffer, offset + SHA_OFFSET, senderMac);
        buffer.putInt(offset + SPA_OFFSET, senderIp, BIG_ENDIAN);
        MacAddress.put(buffer, offset + THA_OFFSET, targetMac);
        buffer.putInt(offset + TPA_OFFSET, targetIp, BIG_ENDIAN);
        buffer.setMemory(offset + ARP_OFFSET + ARP_LENGTH, FRAME_LENGTH - ARP_OFFSET - ARP_LENGTH, (byte)0);
        return FRAME_LENGTH;
    }
}
