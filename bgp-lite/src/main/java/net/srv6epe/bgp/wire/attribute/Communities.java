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
 * COMMUNITIES (type 8, RFC 1997): 4-octet communities, printed {@code AS:value} or by their well-known name.
 *
 * @param flags       attribute flags
 * @param communities the communities as unsigned 32-bit values
 */
public record Communities(int flags, List<Long> communities) implements PathAttribute
{
    public static final long NO_EXPORT = 0xFFFFFF01L;
    public static final long NO_ADVERTISE = 0xFFFFFF02L;
    public static final long NO_EXPORT_SUBCONFED = 0xFFFFFF03L;

    public Communities
    {
        communities = List.copyOf(communities);
    }

    /** Optional transitive flags. */
    public Communities(final List<Long> communities)
    {
        this(AttributeFlags.OPTIONAL_TRANSITIVE, communities);
    }

    /**
     * RFC 7606 7.8: malformed unless the length is a non-zero multiple of 4.
     *
     * @throws MalformedException (Attribute Length Error)
     */
    public static Communities decode(final int flags, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length == 0 || length % 4 != 0)
        {
            throw new MalformedException(ErrorSubcode.ATTRIBUTE_LENGTH_ERROR.subcode(), "length " + length +
                " is not a non-zero multiple of 4");
        }
        final List<Long> out = new ArrayList<>(length / 4);
        for (int i = 0; i < length; i += 4)
        {
            out.add(buffer.getInt(offset + i, BIG_ENDIAN) & 0xFFFFFFFFL);
        }
        return new Communities(flags, out);
    }

    @Override
    public int typeCode()
    {
        return AttributeType.COMMUNITIES;
    }

    @Override
    public int encodeValue(final MutableDirectBuffer buffer, final int offset, final WireOptions options)
    {
        for (int i = 0; i < communities.size(); i++)
        {
            buffer.putInt(offset + 4 * i, communities.get(i).intValue(), BIG_ENDIAN);
        }
        return 4 * communities.size();
    }

    /** {@code 65000:100}, or {@code no-export} and friends. */
    public static String format(final long community)
    {
        if (community == NO_EXPORT)
        {
            return "no-export";
        }
        if (community == NO_ADVERTISE)
        {
            return "no-advertise";
        }
        if (community == NO_EXPORT_SUBCONFED)
        {
            return "no-export-subconfed";
        }
        return (community >>> 16) + ":" + (community & 0xFFFF);
    }

    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder("COMMUNITIES [");
        for (int i = 0; i < communities.size(); i++)
        {
            sb.append(i == 0 ? "" : " ").append(format(communities.get(i)));
        }
        return sb.append("]").toString();
    }
}
