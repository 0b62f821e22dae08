package net.srv6epe.bgp.wire.attribute;

import net.srv6epe.bgp.wire.WireOptions;
import net.srv6epe.bgp.wire.error.ErrorSubcode;
import net.srv6epe.bgp.wire.error.MalformedException;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.ArrayList;
import java.util.List;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * AS_PATH (type 2, RFC 4271 4.3 and 5.1.2) and AS4_PATH (type 17, RFC 6793 3): segments of type (1 octet),
 * count (1 octet) and count AS numbers of 2 or 4 octets. AS_PATH uses 4-octet numbers when
 * {@link WireOptions#fourOctetAs()}; AS4_PATH always does.
 *
 * @param flags    attribute flags
 * @param typeCode {@link AttributeType#AS_PATH} or {@link AttributeType#AS4_PATH}
 * @param segments the segments in wire order
 */
public record AsPath(int flags, int typeCode, List<AsPathSegment> segments) implements PathAttribute
{
    /** RFC 6793 9: the 2-octet AS used in place of a 4-octet one towards an old speaker. */
    public static final int AS_TRANS = 23456;

    public AsPath
    {
        segments = List.copyOf(segments);
    }

    /** An AS_PATH with well-known flags. */
    public AsPath(final List<AsPathSegment> segments)
    {
        this(AttributeFlags.WELL_KNOWN, AttributeType.AS_PATH, segments);
    }

    /**
     * RFC 7606 7.2: malformed when a segment type is undefined, a segment is empty, or a segment overruns.
     *
     * @throws MalformedException (Malformed AS_PATH) on any of those
     */
    public static AsPath decode(final int flags, final int typeCode, final DirectBuffer buffer, final int offset,
        final int length, final WireOptions options)
    {
        final int asSize = typeCode == AttributeType.AS4_PATH || options.fourOctetAs() ? 4 : 2;
        final int limit = offset + length;
        final int malformed = ErrorSubcode.MALFORMED_AS_PATH.subcode();
        final List<AsPathSegment> segments = new ArrayList<>();
        int cursor = offset;
        while (cursor < limit)
        {
            MalformedException.require(cursor, 2, limit, malformed, "segment header");
            final int type = buffer.getByte(cursor) & 0xFF;
            final int count = buffer.getByte(cursor + 1) & 0xFF;
            if (type < AsPathSegment.AS_SET || type > AsPathSegment.AS_CONFED_SET)
            {
                throw new MalformedException(malformed, "undefined segment type " + type);
            }
            if (count == 0)
            {
                throw new MalformedException(malformed, "empty segment");
            }
            MalformedException.require(cursor + 2, count * asSize, limit, malformed,
                "segment of " + count + " " + asSize + "-octet AS numbers");
            cursor += 2;
            final List<Long> asns = new ArrayList<>(count);
            for (int i = 0; i < count; i++)
            {
                asns.add(asSize == 4 ? buffer.getInt(cursor, BIG_ENDIAN) & 0xFFFFFFFFL :
                    (long)(buffer.getShort(cursor, BIG_ENDIAN) & 0xFFFF));
                cursor += asSize;
            }
            segments.add(new AsPathSegment(type, asns));
        }
        return new AsPath(flags, typeCode, segments);
    }

    /** The AS that originated the route: the last AS of the last segment when it is a sequence, else -1. */
    public long originAs()
    {
        if (segments.isEmpty())
        {
            return -1;
        }
        final AsPathSegment last = segments.get(segments.size() - 1);
        return last.type() == AsPathSegment.AS_SEQUENCE ? last.asns().get(last.asns().size() - 1) : -1;
    }

    /** RFC 4271 9.1.2.2 a): sets count 1, sequences count their ASes; confederation segments count 0. */
    public int pathLength()
    {
        int n = 0;
        for (final AsPathSegment s : segments)
        {
            n += s.type() == AsPathSegment.AS_SEQUENCE ? s.asns().size() : s.type() == AsPathSegment.AS_SET ? 1 : 0;
        }
        return n;
    }

    @Override
    public int encodeValue(final MutableDirectBuffer buffer, final int offset, final WireOptions options)
    {
        final boolean four = typeCode == AttributeType.AS4_PATH || options.fourOctetAs();
        int cursor = offset;
        for (final AsPathSegment s : segments)
        {
            buffer.putByte(cursor, (byte)s.type());
            buffer.putByte(cursor + 1, (byte)s.asns().size());
            cursor += 2;
            for (final long as : s.asns())
            {
                if (four)
                {
                    buffer.putInt(cursor, (int)as, BIG_ENDIAN);
                    cursor += 4;
                }
                else
                {
                    // RFC 6793 4.2.2: a 4-octet AS goes to an old speaker as AS_TRANS
                    buffer.putShort(cursor, (short)(as > 0xFFFF ? AS_TRANS : as), BIG_ENDIAN);
                    cursor += 2;
                }
            }
        }
        return cursor - offset;
    }

    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder(AttributeType.name(typeCode)).append(" [");
        for (int i = 0; i < segments.size(); i++)
        {
            sb.append(i == 0 ? "" : " ").append(segments.get(i));
        }
        return sb.append("]").toString();
    }
}
