package net.srv6epe.srv6.wire;

import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Flyweight over an ICMPv6 message (RFC 4443 2.1) with the fields of errors and echo messages.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     Type      |     Code      |          Checksum             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  errors: Unused / MTU / Pointer  |  echo: Identifier | Seq    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Message Body ...
 * </pre>
 */
public final class Icmpv6Message
{
    public static final int TYPE_OFFSET = 0;
    public static final int CODE_OFFSET = 1;
    public static final int CHECKSUM_OFFSET = 2;
    public static final int PARAMETER_OFFSET = 4;
    public static final int IDENTIFIER_OFFSET = 4;
    public static final int SEQUENCE_OFFSET = 6;
    public static final int HEADER_LENGTH = 8;

    public static final int TYPE_DESTINATION_UNREACHABLE = 1;
    public static final int TYPE_PACKET_TOO_BIG = 2;
    public static final int TYPE_TIME_EXCEEDED = 3;
    public static final int TYPE_PARAMETER_PROBLEM = 4;
    public static final int TYPE_ECHO_REQUEST = 128;
    public static final int TYPE_ECHO_REPLY = 129;

    /** Parameter Problem: erroneous header field encountered. */
    public static final int CODE_ERRONEOUS_HEADER = 0;
    /** Parameter Problem: unrecognized Next Header type encountered. */
    public static final int CODE_UNRECOGNIZED_NEXT_HEADER = 1;
    /** Parameter Problem: unrecognized IPv6 option encountered. */
    public static final int CODE_UNRECOGNIZED_OPTION = 2;
    /** Parameter Problem: SR Upper-layer Header Error (RFC 8986 10.1). */
    public static final int CODE_SR_UPPER_LAYER_HEADER = 4;
    /** Time Exceeded: hop limit exceeded in transit. */
    public static final int CODE_HOP_LIMIT_EXCEEDED = 0;
    /** Destination Unreachable: no route to destination. */
    public static final int CODE_NO_ROUTE = 0;
    /** Destination Unreachable: address unreachable. */
    public static final int CODE_ADDRESS_UNREACHABLE = 3;

    private MutableDirectBuffer buffer;
    private int offset;
    private int length;

    public Icmpv6Message wrap(final MutableDirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        return this;
    }

    public int offset()
    {
        return offset;
    }

    public int length()
    {
        return length;
    }

    public boolean isValid()
    {
        return length >= HEADER_LENGTH;
    }

    /** Error messages have types 0..127 (RFC 4443 2.1). */
    public static boolean isErrorType(final int type)
    {
        return type < 128;
    }

    public int type()
    {
        return buffer.getByte(offset + TYPE_OFFSET) & 0xFF;
    }

    public Icmpv6Message type(final int type)
    {
        buffer.putByte(offset + TYPE_OFFSET, (byte)type);
        return this;
    }

    public int code()
    {
        return buffer.getByte(offset + CODE_OFFSET) & 0xFF;
    }

    public Icmpv6Message code(final int code)
    {
        buffer.putByte(offset + CODE_OFFSET, (byte)code);
        return this;
    }

    public int checksum()
    {
        return buffer.getShort(offset + CHECKSUM_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    public Icmpv6Message checksum(final int checksum)
    {
        buffer.putShort(offset + CHECKSUM_OFFSET, (short)checksum, ByteOrder.BIG_ENDIAN);
        return this;
    }

    /** The 32-bit field after the checksum: MTU (Packet Too Big), Pointer (Parameter Problem), else unused. */
    public long parameter()
    {
        return buffer.getInt(offset + PARAMETER_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFFFFFFL;
    }

    public Icmpv6Message parameter(final long parameter)
    {
        buffer.putInt(offset + PARAMETER_OFFSET, (int)parameter, ByteOrder.BIG_ENDIAN);
        return this;
    }

    public int identifier()
    {
        return buffer.getShort(offset + IDENTIFIER_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    public int sequence()
    {
        return buffer.getShort(offset + SEQUENCE_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    /** Computes and writes the checksum over the whole message with the IPv6 pseudo-header (RFC 4443 2.3). */
    public Icmpv6Message computeChecksum(final long srcHi, final long srcLo, final long dstHi, final long dstLo)
    {
        checksum(0);
        final long pseudo = Checksum.pseudoHeaderSum(srcHi, srcLo, dstHi, dstLo, length, IpProtocol.ICMPV6);
        checksum(Checksum.finish(Checksum.sum(buffer, offset, length, pseudo)));
        return this;
    }

    public boolean isChecksumValid(final long srcHi, final long srcLo, final long dstHi, final long dstLo)
    {
        final long pseudo = Checksum.pseudoHeaderSum(srcHi, srcLo, dstHi, dstLo, length, IpProtocol.ICMPV6);
        return Checksum.fold(Checksum.sum(buffer, offset, length, pseudo)) == 0xFFFF;
    }
}
