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
 * EXTENDED_COMMUNITIES (type 16, RFC 4360 2): a list of 8-octet {@link ExtendedCommunity}.
 *
 * @param flags       attribute flags
 * @param communities the communities in wire order
 */
public record ExtendedCommunities(int flags, List<ExtendedCommunity> communities) implements PathAttribute
{
    public ExtendedCommunities
    {
        communities = List.copyOf(communities);
    }

    /** Optional transitive flags. */
    public ExtendedCommunities(final List<ExtendedCommunity> communities)
    {
        this(AttributeFlags.OPTIONAL_TRANSITIVE, communities);
    }

    /**
     * RFC 7606 7.14: malformed unless the length is a multiple of 8.
     *
     * @throws MalformedException (Attribute Length Error)
     */
    public static ExtendedCommunities decode(final int flags, final DirectBuffer buffer, final int offset,
        final int length)
    {
        if (length % 8 != 0)
        {
            throw new MalformedException(ErrorSubcode.ATTRIBUTE_LENGTH_ERROR.subcode(), "length " + length +
                " is not a multiple of 8");
        }
        final List<ExtendedCommunity> out = new ArrayList<>(length / 8);
        for (int i = 0; i < length; i += 8)
        {
            out.add(new ExtendedCommunity(buffer.getLong(offset + i, BIG_ENDIAN)));
        }
        return new ExtendedCommunities(flags, out);
    }

    /** The route targets among the communities. */
    public List<ExtendedCommunity> routeTargets()
    {
        return communities.stream().filter(ExtendedCommunity::isRouteTarget).toList();
    }

    @Override
    public int typeCode()
    {
        return AttributeType.EXTENDED_COMMUNITIES;
    }

    @Override
    public int encodeValue(final MutableDirectBuffer buffer, final int offset, final WireOptions options)
    {
        for (int i = 0; i < communities.size(); i++)
        {
            buffer.putLong(offset + 8 * i, communities.get(i).value(), BIG_ENDIAN);
        }
        return 8 * communities.size();
    }

    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder("EXTENDED_COMMUNITIES [");
        for (int i = 0; i < communities.size(); i++)
        {
            sb.append(i == 0 ? "" : ", ").append(communities.get(i));
        }
        return sb.append("]").toString();
    }
}
