package net.srv6epe.srv6.bond;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.ArrayList;
import java.util.List;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * The tail end's feedback about one (bond, stream): the UDP payload of docs/BONDING.md "Feedback", network byte
 * order. The tail writes it field by field from its own counters ({@link #writeHeader}, {@link #writeMember}: no
 * allocation on the worker); the head end's bond agent {@link #decode decodes} it into a {@link FeedbackReport}.
 *
 * <pre>
 *  0 magic "SBFB" | 4 version | 5 member count | 6 bond id | 8 stream | 9 reserved (3) | 12 report sequence
 * 16 tail time ns | 24 occupancy | 28 hold time us | 32 resequenced | 40 late | 48 lost | 56 duplicates
 * 64 + 48 * i: member index | reserved (3) | highest member sequence | packets | bytes | owd min | owd mean | owd max
 * </pre>
 */
public final class FeedbackMessage
{
    /** UDP destination port of feedback datagrams (dynamic range, RFC 6335). */
    public static final int UDP_PORT = 49990;
    /** "SBFB". */
    public static final int MAGIC = 0x53424642;
    public static final int VERSION = 1;
    /** Most members a report (and a bond) can have. */
    public static final int MAX_MEMBERS = 16;
    public static final int HEADER_LENGTH = 64;
    public static final int MEMBER_LENGTH = 48;

    private FeedbackMessage()
    {
    }

    /** Length of a report about {@code members} members. */
    public static int length(final int members)
    {
        return HEADER_LENGTH + MEMBER_LENGTH * members;
    }

    /** Writes the fixed part; the members follow with {@link #writeMember}. */
    public static void writeHeader(
        final MutableDirectBuffer buffer,
        final int offset,
        final int memberCount,
        final int bondId,
        final int stream,
        final int reportSequence,
        final long tailTimeNs,
        final int occupancy,
        final long holdNs,
        final long resequenced,
        final long late,
        final long lost,
        final long duplicates)
    {
        buffer.putInt(offset, MAGIC, BIG_ENDIAN);
        buffer.putByte(offset + 4, (byte)VERSION);
        buffer.putByte(offset + 5, (byte)memberCount);
        buffer.putShort(offset + 6, (short)bondId, BIG_ENDIAN);
        buffer.putByte(offset + 8, (byte)stream);
        buffer.putByte(offset + 9, (byte)0);
        buffer.putShort(offset + 10, (short)0, BIG_ENDIAN);
        buffer.putInt(offset + 12, reportSequence, BIG_ENDIAN);
        buffer.putLong(offset + 16, tailTimeNs, BIG_ENDIAN);
        buffer.putInt(offset + 24, occupancy, BIG_ENDIAN);
        buffer.putInt(offset + 28, (int)Math.min(Integer.MAX_VALUE, Math.max(0, holdNs / 1000)), BIG_ENDIAN);
        buffer.putLong(offset + 32, resequenced, BIG_ENDIAN);
        buffer.putLong(offset + 40, late, BIG_ENDIAN);
        buffer.putLong(offset + 48, lost, BIG_ENDIAN);
        buffer.putLong(offset + 56, duplicates, BIG_ENDIAN);
    }

    /** Writes member entry {@code index} (0-based position in the report) of a report starting at {@code offset}. */
    public static void writeMember(
        final MutableDirectBuffer buffer,
        final int offset,
        final int index,
        final int member,
        final int highestMemberSeq,
        final long packets,
        final long bytes,
        final long owdMinNs,
        final long owdMeanNs,
        final long owdMaxNs)
    {
        final int m = offset + HEADER_LENGTH + MEMBER_LENGTH * index;
        buffer.putInt(m, member << 24, BIG_ENDIAN);
        buffer.putInt(m + 4, highestMemberSeq, BIG_ENDIAN);
        buffer.putLong(m + 8, packets, BIG_ENDIAN);
        buffer.putLong(m + 16, bytes, BIG_ENDIAN);
        buffer.putLong(m + 24, owdMinNs, BIG_ENDIAN);
        buffer.putLong(m + 32, owdMeanNs, BIG_ENDIAN);
        buffer.putLong(m + 40, owdMaxNs, BIG_ENDIAN);
    }

    /**
     * Decodes a report.
     *
     * @throws IllegalArgumentException naming what is wrong: too short, bad magic, unknown version, too many
     *     members, length not matching the member count, a member index repeated or out of range
     */
    public static FeedbackReport decode(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < HEADER_LENGTH)
        {
            throw new IllegalArgumentException("bond feedback: " + length + " octets, shorter than the " +
                HEADER_LENGTH + "-octet header");
        }
        if (buffer.getInt(offset, BIG_ENDIAN) != MAGIC)
        {
            throw new IllegalArgumentException("bond feedback: bad magic 0x" +
                Integer.toHexString(buffer.getInt(offset, BIG_ENDIAN)) + " (expected \"SBFB\")");
        }
        final int version = buffer.getByte(offset + 4) & 0xFF;
        if (version != VERSION)
        {
            throw new IllegalArgumentException("bond feedback: version " + version + " (this router speaks " +
                VERSION + ")");
        }
        final int count = buffer.getByte(offset + 5) & 0xFF;
        if (count > MAX_MEMBERS)
        {
            throw new IllegalArgumentException("bond feedback: " + count + " members, at most " + MAX_MEMBERS);
        }
        if (length != length(count))
        {
            throw new IllegalArgumentException("bond feedback: " + length + " octets for " + count +
                " members (expected " + length(count) + ")");
        }
        final List<MemberReport> members = new ArrayList<>(count);
        int seen = 0;
        for (int i = 0; i < count; i++)
        {
            final int m = offset + HEADER_LENGTH + MEMBER_LENGTH * i;
            final int member = buffer.getByte(m) & 0xFF;
            if (member >= MAX_MEMBERS || (seen & (1 << member)) != 0)
            {
                throw new IllegalArgumentException("bond feedback: member index " + member +
                    (member >= MAX_MEMBERS ? " out of range" : " repeated"));
            }
            seen |= 1 << member;
            members.add(new MemberReport(member,
                buffer.getInt(m + 4, BIG_ENDIAN),
                buffer.getLong(m + 8, BIG_ENDIAN),
                buffer.getLong(m + 16, BIG_ENDIAN),
                buffer.getLong(m + 24, BIG_ENDIAN),
                buffer.getLong(m + 32, BIG_ENDIAN),
                buffer.getLong(m + 40, BIG_ENDIAN)));
        }
        return new FeedbackReport(
            buffer.getShort(offset + 6, BIG_ENDIAN) & 0xFFFF,
            buffer.getByte(offset + 8) & 0xFF,
            buffer.getInt(offset + 12, BIG_ENDIAN),
            buffer.getLong(offset + 16, BIG_ENDIAN),
            buffer.getInt(offset + 24, BIG_ENDIAN),
            (buffer.getInt(offset + 28, BIG_ENDIAN) & 0xFFFF_FFFFL) * 1000,
            buffer.getLong(offset + 32, BIG_ENDIAN),
            buffer.getLong(offset + 40, BIG_ENDIAN),
            buffer.getLong(offset + 48, BIG_ENDIAN),
            buffer.getLong(offset + 56, BIG_ENDIAN),
            members);
    }
}
