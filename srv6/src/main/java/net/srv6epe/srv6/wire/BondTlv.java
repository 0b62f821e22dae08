package net.srv6epe.srv6.wire;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * The bond TLV of an SRH (docs/BONDING.md): type 124 from the range RFC 8754's TLV registry reserves for
 * experimental use by TLVs that do not change en route, 22 octets of value, so the TLV is 24 octets and the SRH
 * stays a multiple of 8 without padding.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Type = 124   |  Length = 22  |            Bond ID            |
 * |    Stream     |    Member     |     Flags     |    Members    |
 * |                    Sequence (of the stream)                   |
 * |                Member Sequence (of the member)                |
 * |              Send Time (64 bits, ns, head end's clock)        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Static accessors at an absolute TLV offset (the head end writes into the template it just copied; the tail end
 * reads the TLV {@link #find found} in a validated SRH). Allocates nothing.
 */
public final class BondTlv
{
    /** The TLV type (experimental use, RFC 8754 9.1.1). */
    public static final int TYPE = 124;
    /** The Length field: octets of value. */
    public static final int VALUE_LENGTH = 22;
    /** Whole TLV, type and length included. */
    public static final int LENGTH = 2 + VALUE_LENGTH;
    /** Flag: a probe copy on a member believed down. */
    public static final int FLAG_PROBE = 0x01;
    /** Result of {@link #find} when the SRH carries no bond TLV. */
    public static final int NOT_FOUND = -1;

    private static final int BOND_ID = 2;
    private static final int STREAM = 4;
    private static final int MEMBER = 5;
    private static final int FLAGS = 6;
    private static final int MEMBERS = 7;
    private static final int SEQUENCE = 8;
    private static final int MEMBER_SEQUENCE = 12;
    private static final int SEND_TIME = 16;

    private BondTlv()
    {
    }

    /** Writes type and length and zeroes the value (a template's TLV before any packet uses it). */
    public static void writeHeader(final byte[] template, final int offset)
    {
        template[offset] = (byte)TYPE;
        template[offset + 1] = (byte)VALUE_LENGTH;
        for (int i = 2; i < LENGTH; i++)
        {
            template[offset + i] = 0;
        }
    }

    /** Writes the per-packet fields of the TLV at {@code offset} (type and length are already there). */
    public static void write(
        final MutableDirectBuffer buffer,
        final int offset,
        final int bondId,
        final int stream,
        final int member,
        final int flags,
        final int members,
        final int sequence,
        final int memberSequence,
        final long sendTimeNs)
    {
        buffer.putShort(offset + BOND_ID, (short)bondId, BIG_ENDIAN);
        buffer.putByte(offset + STREAM, (byte)stream);
        buffer.putByte(offset + MEMBER, (byte)member);
        buffer.putByte(offset + FLAGS, (byte)flags);
        buffer.putByte(offset + MEMBERS, (byte)members);
        buffer.putInt(offset + SEQUENCE, sequence, BIG_ENDIAN);
        buffer.putInt(offset + MEMBER_SEQUENCE, memberSequence, BIG_ENDIAN);
        buffer.putLong(offset + SEND_TIME, sendTimeNs, BIG_ENDIAN);
    }

    /**
     * The offset of the first bond TLV of an SRH that {@link Srh#validate()} accepted, or {@link #NOT_FOUND}. A TLV
     * of type 124 with another length is not ours and is skipped.
     */
    public static int find(final Srh srh)
    {
        final DirectBuffer buffer = srh.buffer();
        for (int t = srh.firstTlvOffset(), end = srh.tlvEnd(); t < end; t = srh.nextTlv(t))
        {
            if (srh.tlvType(t) == TYPE && (buffer.getByte(t + 1) & 0xFF) == VALUE_LENGTH && t + LENGTH <= end)
            {
                return t;
            }
        }
        return NOT_FOUND;
    }

    public static int bondId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getShort(offset + BOND_ID, BIG_ENDIAN) & 0xFFFF;
    }

    public static int stream(final DirectBuffer buffer, final int offset)
    {
        return buffer.getByte(offset + STREAM) & 0xFF;
    }

    public static int member(final DirectBuffer buffer, final int offset)
    {
        return buffer.getByte(offset + MEMBER) & 0xFF;
    }

    public static int flags(final DirectBuffer buffer, final int offset)
    {
        return buffer.getByte(offset + FLAGS) & 0xFF;
    }

    /** How many members the bond has (the tail expects each of them to deliver). */
    public static int members(final DirectBuffer buffer, final int offset)
    {
        return buffer.getByte(offset + MEMBERS) & 0xFF;
    }

    public static int sequence(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + SEQUENCE, BIG_ENDIAN);
    }

    public static int memberSequence(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + MEMBER_SEQUENCE, BIG_ENDIAN);
    }

    public static long sendTimeNs(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + SEND_TIME, BIG_ENDIAN);
    }
}
