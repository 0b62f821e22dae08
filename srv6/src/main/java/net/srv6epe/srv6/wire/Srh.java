package net.srv6epe.srv6.wire;

import net.srv6epe.srv6.DropReason;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Flyweight over the IPv6 Segment Routing Header (RFC 8754 2).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Next Header   |  Hdr Ext Len  | Routing Type  | Segments Left |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Last Entry   |     Flags     |              Tag              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            Segment List[0] (128-bit IPv6 address)             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                              ...                              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |            Segment List[n] (128-bit IPv6 address)             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * //         Optional Type Length Value objects (variable)       //
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * Segment List[0] is the last segment of the path; the active segment is Segment List[Segments Left].
 * {@link #validate()} checks the whole header once (lengths, Last Entry against Hdr Ext Len, the TLV area,
 * Segments Left against Last Entry); nothing else may be read before it returned null, except the fields it
 * names in its contract.
 *
 * <p>TLVs (RFC 8754 2.1) are walked with a cursor: {@code for (int t = firstTlvOffset(); t < tlvEnd(); t =
 * nextTlv(t))}, using {@link #tlvType(int)} and {@link #tlvLength(int)}.
 */
public final class Srh
{
    public static final int NEXT_HEADER_OFFSET = 0;
    public static final int HDR_EXT_LEN_OFFSET = 1;
    public static final int ROUTING_TYPE_OFFSET = 2;
    public static final int SEGMENTS_LEFT_OFFSET = 3;
    public static final int LAST_ENTRY_OFFSET = 4;
    public static final int FLAGS_OFFSET = 5;
    public static final int TAG_OFFSET = 6;
    public static final int SEGMENT_LIST_OFFSET = 8;
    public static final int FIXED_LENGTH = 8;
    public static final int SEGMENT_LENGTH = 16;
    public static final int ROUTING_TYPE_SRH = 4;

    /** Pad1 TLV (RFC 8754 2.1.1.1): a single zero octet. */
    public static final int TLV_PAD1 = 0;
    /** PadN TLV (RFC 8754 2.1.1.2): type, length (0..5), padding. */
    public static final int TLV_PADN = 4;
    /** HMAC TLV (RFC 8754 2.1.2). */
    public static final int TLV_HMAC = 5;
    /** Largest PadN length (RFC 8754 2.1.1.2). */
    public static final int PADN_MAX_LENGTH = 5;
    /** HMAC TLV fixed part after type and length: D flag + reserved (2), HMAC Key ID (4). */
    public static final int HMAC_FIXED_LENGTH = 6;
    /** Longest HMAC field (RFC 8754 2.1.2: up to 32 octets). */
    public static final int HMAC_MAX_LENGTH = 32;

    private MutableDirectBuffer buffer;
    private int offset;
    private int length;

    /**
     * @param offset where the SRH starts
     * @param length bytes available from {@code offset} to the end of the packet
     */
    public Srh wrap(final MutableDirectBuffer buffer, final int offset, final int length)
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

    /**
     * The one complete validation (RFC 8754 2, 2.1, 4.3.1.1 S09-S11; Linux {@code seg6_validate_srh}).
     *
     * @return null when the SRH is well formed, else {@link DropReason#SRH_TRUNCATED} (fixed part or Hdr Ext Len
     *     beyond the packet), {@link DropReason#SRH_BAD_LENGTH} (Last Entry > Hdr Ext Len / 2 - 1),
     *     {@link DropReason#SRH_BAD_TLV} (TLV overrun, PadN too long, malformed HMAC TLV) or
     *     {@link DropReason#SRH_SL_EXCEEDS_LAST_ENTRY} (Segments Left > Last Entry + 1). The last is reported only
     *     when the header is otherwise well formed, so callers may order it per RFC 8986 (after the hop limit
     *     check).
     */
    public DropReason validate()
    {
        if (length < FIXED_LENGTH)
        {
            return DropReason.SRH_TRUNCATED;
        }
        final int total = headerLength();
        if (total > length)
        {
            return DropReason.SRH_TRUNCATED;
        }
        // RFC 8754 4.3.1.1 S09: max_last_entry = (Hdr Ext Len / 2) - 1
        if (lastEntry() > hdrExtLen() / 2 - 1)
        {
            return DropReason.SRH_BAD_LENGTH;
        }
        for (int t = firstTlvOffset(), end = tlvEnd(); t < end; )
        {
            final int type = buffer.getByte(t) & 0xFF;
            if (type == TLV_PAD1)
            {
                t++;
                continue;
            }
            if (t + 2 > end)
            {
                return DropReason.SRH_BAD_TLV;
            }
            final int valueLength = buffer.getByte(t + 1) & 0xFF;
            if (t + 2 + valueLength > end)
            {
                return DropReason.SRH_BAD_TLV;
            }
            if (type == TLV_PADN && valueLength > PADN_MAX_LENGTH)
            {
                return DropReason.SRH_BAD_TLV;
            }
            if (type == TLV_HMAC)
            {
                final int hmacLength = valueLength - HMAC_FIXED_LENGTH;
                if (hmacLength < 0 || hmacLength > HMAC_MAX_LENGTH || (hmacLength & 7) != 0)
                {
                    return DropReason.SRH_BAD_TLV;
                }
            }
            t += 2 + valueLength;
        }
        // RFC 8754 4.3.1.1 S11: Segments Left > Last Entry + 1 -> Parameter Problem code 0, pointer to SL
        if (segmentsLeft() > lastEntry() + 1)
        {
            return DropReason.SRH_SL_EXCEEDS_LAST_ENTRY;
        }
        return null;
    }

    /** Header length in bytes: 8 * (Hdr Ext Len + 1). */
    public int headerLength()
    {
        return (hdrExtLen() + 1) * 8;
    }

    public int nextHeader()
    {
        return buffer.getByte(offset + NEXT_HEADER_OFFSET) & 0xFF;
    }

    public Srh nextHeader(final int nextHeader)
    {
        buffer.putByte(offset + NEXT_HEADER_OFFSET, (byte)nextHeader);
        return this;
    }

    public int hdrExtLen()
    {
        return buffer.getByte(offset + HDR_EXT_LEN_OFFSET) & 0xFF;
    }

    public Srh hdrExtLen(final int hdrExtLen)
    {
        buffer.putByte(offset + HDR_EXT_LEN_OFFSET, (byte)hdrExtLen);
        return this;
    }

    public int routingType()
    {
        return buffer.getByte(offset + ROUTING_TYPE_OFFSET) & 0xFF;
    }

    public Srh routingType(final int routingType)
    {
        buffer.putByte(offset + ROUTING_TYPE_OFFSET, (byte)routingType);
        return this;
    }

    public int segmentsLeft()
    {
        return buffer.getByte(offset + SEGMENTS_LEFT_OFFSET) & 0xFF;
    }

    public Srh segmentsLeft(final int segmentsLeft)
    {
        buffer.putByte(offset + SEGMENTS_LEFT_OFFSET, (byte)segmentsLeft);
        return this;
    }

    public int lastEntry()
    {
        return buffer.getByte(offset + LAST_ENTRY_OFFSET) & 0xFF;
    }

    public Srh lastEntry(final int lastEntry)
    {
        buffer.putByte(offset + LAST_ENTRY_OFFSET, (byte)lastEntry);
        return this;
    }

    public int flags()
    {
        return buffer.getByte(offset + FLAGS_OFFSET) & 0xFF;
    }

    public Srh flags(final int flags)
    {
        buffer.putByte(offset + FLAGS_OFFSET, (byte)flags);
        return this;
    }

    public int tag()
    {
        return buffer.getShort(offset + TAG_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFF;
    }

    public Srh tag(final int tag)
    {
        buffer.putShort(offset + TAG_OFFSET, (short)tag, ByteOrder.BIG_ENDIAN);
        return this;
    }

    /** Absolute offset of Segment List[index]. */
    public int segmentOffset(final int index)
    {
        return offset + SEGMENT_LIST_OFFSET + SEGMENT_LENGTH * index;
    }

    public long segmentHi(final int index)
    {
        return buffer.getLong(segmentOffset(index), ByteOrder.BIG_ENDIAN);
    }

    public long segmentLo(final int index)
    {
        return buffer.getLong(segmentOffset(index) + 8, ByteOrder.BIG_ENDIAN);
    }

    public Srh segment(final int index, final long hi, final long lo)
    {
        buffer.putLong(segmentOffset(index), hi, ByteOrder.BIG_ENDIAN);
        buffer.putLong(segmentOffset(index) + 8, lo, ByteOrder.BIG_ENDIAN);
        return this;
    }

    /** Absolute offset of the first TLV (just after Segment List[Last Entry]). */
    public int firstTlvOffset()
    {
        return segmentOffset(lastEntry() + 1);
    }

    /** Absolute end of the TLV area (= end of the SRH). */
    public int tlvEnd()
    {
        return offset + headerLength();
    }

    public int tlvType(final int tlvOffset)
    {
        return buffer.getByte(tlvOffset) & 0xFF;
    }

    /** Whole size of the TLV at {@code tlvOffset}, type and length octets included (1 for Pad1). */
    public int tlvLength(final int tlvOffset)
    {
        return tlvType(tlvOffset) == TLV_PAD1 ? 1 : 2 + (buffer.getByte(tlvOffset + 1) & 0xFF);
    }

    public int nextTlv(final int tlvOffset)
    {
        return tlvOffset + tlvLength(tlvOffset);
    }

    /** Absolute offset of the HMAC TLV (RFC 8754 2.1.2), or -1. Valid only after {@link #validate()}. */
    public int hmacTlvOffset()
    {
        for (int t = firstTlvOffset(), end = tlvEnd(); t < end; t = nextTlv(t))
        {
            if (tlvType(t) == TLV_HMAC)
            {
                return t;
            }
        }
        return -1;
    }

    /** HMAC Key ID of the HMAC TLV at {@code tlvOffset}. */
    public long hmacKeyId(final int tlvOffset)
    {
        return buffer.getInt(tlvOffset + 4, ByteOrder.BIG_ENDIAN) & 0xFFFFFFFFL;
    }
}
