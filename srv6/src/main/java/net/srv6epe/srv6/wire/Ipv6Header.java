package net.srv6epe.srv6.wire;

import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Flyweight over the fixed IPv6 header (RFC 8200 3).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version| Traffic Class |           Flow Label                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Payload Length        |  Next Header  |   Hop Limit   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  Source Address (128 bits)                    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |               Destination Address (128 bits)                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Addresses are read and written as two big-endian longs (hi, lo), see {@link net.srv6epe.srv6.Ipv6Address}.
 * The wrapper only checks bounds in {@link #isValid()}; accessors assume it returned true.
 */
public final class Ipv6Header
{
    public static final int VERSION_CLASS_FLOW_OFFSET = 0;
    public static final int PAYLOAD_LENGTH_OFFSET = 4;
    public static final int NEXT_HEADER_OFFSET = 6;
    public static final int HOP_LIMIT_OFFSET = 7;
    public static final int SOURCE_OFFSET = 8;
    public static final int DESTINATION_OFFSET = 24;
    public static final int HEADER_LENGTH = 40;
    public static final int MIN_MTU = 1280;

    private MutableDirectBuffer buffer;
    private int offset;
    private int length;

    public Ipv6Header wrap(final MutableDirectBuffer buffer, final int offset, final int length)
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

    /** True when the header fits, the version is 6 and the payload length fits the wrapped length. */
    public boolean isValid()
    {
        return length >= HEADER_LENGTH && version() == 6 && HEADER_LENGTH + payloadLength() <= length;
    }

    /** Total length claimed by the header: 40 + payload length. */
    public int totalLength()
    {
        return HEADER_LENGTH + payloadLength();
    }

    public int version()
    {
        return (buffer.getByte(offset) & 0xF0) >>> 4;
    }

    public int trafficClass()
    {
        return (word0() >>> 20) & 0xFF;
    }

    public Ipv6Header trafficClass(final int trafficClass)
    {
        word0((word0() & 0xF00FFFFF) | ((trafficClass & 0xFF) << 20));
        return this;
    }

    public int flowLabel()
    {
        return word0() & 0xFFFFF;
    }

    public Ipv6Header flowLabel(final int flowLabel)
    {
        word0((word0() & 0xFFF00000) | (flowLabel & 0xFFFFF));
        return this;
    }

    /** Writes version 6, traffic class and flow label at once. */
    public Ipv6Header versionClassFlow(final int trafficClass, final int flowLabel)
    {
        word0(0x60000000 | ((trafficClass & 0xFF) << 20) | (flowLabel & 0xFFFFF));
        return this;
    }

    public int payloadLength()
    {
        return buffer.getShort(offset + PAYLOAD_LENGTH_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    public Ipv6Header payloadLength(final int payloadLength)
    {
        buffer.putShort(offset + PAYLOAD_LENGTH_OFFSET, (short)payloadLength, ByteOrder.BIG_ENDIAN);
        return this;
    }

    public int nextHeader()
    {
        return buffer.getByte(offset + NEXT_HEADER_OFFSET) & 0xFF;
    }

    public Ipv6Header nextHeader(final int nextHeader)
    {
        buffer.putByte(offset + NEXT_HEADER_OFFSET, (byte)nextHeader);
        return this;
    }

    public int hopLimit()
    {
        return buffer.getByte(offset + HOP_LIMIT_OFFSET) & 0xFF;
    }

    public Ipv6Header hopLimit(final int hopLimit)
    {
        buffer.putByte(offset + HOP_LIMIT_OFFSET, (byte)hopLimit);
        return this;
    }

    public long sourceHi()
    {
        return buffer.getLong(offset + SOURCE_OFFSET, ByteOrder.BIG_ENDIAN);
    }

    public long sourceLo()
    {
        return buffer.getLong(offset + SOURCE_OFFSET + 8, ByteOrder.BIG_ENDIAN);
    }

    public Ipv6Header source(final long hi, final long lo)
    {
        buffer.putLong(offset + SOURCE_OFFSET, hi, ByteOrder.BIG_ENDIAN);
        buffer.putLong(offset + SOURCE_OFFSET + 8, lo, ByteOrder.BIG_ENDIAN);
        return this;
    }

    public long destinationHi()
    {
        return buffer.getLong(offset + DESTINATION_OFFSET, ByteOrder.BIG_ENDIAN);
    }

    public long destinationLo()
    {
        return buffer.getLong(offset + DESTINATION_OFFSET + 8, ByteOrder.BIG_ENDIAN);
    }

    public Ipv6Header destination(final long hi, final long lo)
    {
        buffer.putLong(offset + DESTINATION_OFFSET, hi, ByteOrder.BIG_ENDIAN);
        buffer.putLong(offset + DESTINATION_OFFSET + 8, lo, ByteOrder.BIG_ENDIAN);
        return this;
    }

    /** ff00::/8. */
    public static boolean isMulticast(final long hi)
    {
        return (hi >>> 56) == 0xFF;
    }

    /** :: (RFC 4291 2.5.2). */
    public static boolean isUnspecified(final long hi, final long lo)
    {
        return hi == 0 && lo == 0;
    }

    private int word0()
    {
        return buffer.getInt(offset + VERSION_CLASS_FLOW_OFFSET, ByteOrder.BIG_ENDIAN);
    }

    private void word0(final int value)
    {
        buffer.putInt(offset + VERSION_CLASS_FLOW_OFFSET, value, ByteOrder.BIG_ENDIAN);
    }
}
