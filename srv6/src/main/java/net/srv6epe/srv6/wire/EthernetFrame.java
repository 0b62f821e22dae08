package net.srv6epe.srv6.wire;

import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Flyweight over an Ethernet II frame with at most one 802.1Q tag (IEEE 802.3, 802.1Q).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  Destination MAC (6 octets)                   |
 * +                               +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                               |                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+                               +
 * |                    Source MAC (6 octets)                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  EtherType or TPID 0x8100     | (802.1Q) PCP|D|   VLAN id     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | (802.1Q) inner EtherType      |  payload ...
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * MAC addresses are the low 48 bits of a {@code long}. Call {@link #isValid()} before reading anything but the
 * addresses.
 */
public final class EthernetFrame
{
    public static final int DESTINATION_OFFSET = 0;
    public static final int SOURCE_OFFSET = 6;
    public static final int TYPE_OFFSET = 12;
    public static final int HEADER_LENGTH = 14;
    public static final int VLAN_TAG_LENGTH = 4;
    public static final int TPID_8021Q = 0x8100;
    public static final int ETHERTYPE_IPV4 = 0x0800;
    public static final int ETHERTYPE_ARP = 0x0806;
    public static final int ETHERTYPE_IPV6 = 0x86DD;

    private MutableDirectBuffer buffer;
    private int offset;
    private int length;

    public EthernetFrame wrap(final MutableDirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        return this;
    }

    public MutableDirectBuffer buffer()
    {
        return buffer;
    }

    public int offset()
    {
        return offset;
    }

    public int length()
    {
        return length;
    }

    /** True when the frame holds the Ethernet header and, if tagged, the whole 802.1Q tag. */
    public boolean isValid()
    {
        if (length < HEADER_LENGTH)
        {
            return false;
        }
        return !hasVlanTag() || length >= HEADER_LENGTH + VLAN_TAG_LENGTH;
    }

    public long destination()
    {
        return getMac(offset + DESTINATION_OFFSET);
    }

    public EthernetFrame destination(final long mac)
    {
        putMac(offset + DESTINATION_OFFSET, mac);
        return this;
    }

    public long source()
    {
        return getMac(offset + SOURCE_OFFSET);
    }

    public EthernetFrame source(final long mac)
    {
        putMac(offset + SOURCE_OFFSET, mac);
        return this;
    }

    public boolean hasVlanTag()
    {
        return (buffer.getShort(offset + TYPE_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF) == TPID_8021Q;
    }

    /** The 12-bit VLAN id, or -1 when untagged. */
    public int vlanId()
    {
        return hasVlanTag() ? buffer.getShort(offset + TYPE_OFFSET + 2, ByteOrder.BIG_ENDIAN) & 0x0FFF : -1;
    }

    /** The EtherType of the payload (after the tag, if any). */
    public int etherType()
    {
        final int typeOffset = hasVlanTag() ? TYPE_OFFSET + VLAN_TAG_LENGTH : TYPE_OFFSET;
        return buffer.getShort(offset + typeOffset, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    /** Writes an untagged EtherType. */
    public EthernetFrame etherType(final int etherType)
    {
        buffer.putShort(offset + TYPE_OFFSET, (short)etherType, ByteOrder.BIG_ENDIAN);
        return this;
    }

    /** Absolute offset of the L3 payload in the buffer. */
    public int payloadOffset()
    {
        return offset + headerLength();
    }

    public int headerLength()
    {
        return hasVlanTag() ? HEADER_LENGTH + VLAN_TAG_LENGTH : HEADER_LENGTH;
    }

    private long getMac(final int at)
    {
        return ((long)(buffer.getShort(at, ByteOrder.BIG_ENDIAN) & 0xFFFF) << 32) |
            (buffer.getInt(at + 2, ByteOrder.BIG_ENDIAN) & 0xFFFFFFFFL);
    }

    private void putMac(final int at, final long mac)
    {
        buffer.putShort(at, (short)(mac >>> 32), ByteOrder.BIG_ENDIAN);
        buffer.putInt(at + 2, (int)mac, ByteOrder.BIG_ENDIAN);
    }
}
