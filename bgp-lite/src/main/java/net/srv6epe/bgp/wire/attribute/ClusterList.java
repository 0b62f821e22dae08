package net.srv6epe.bgp.wire.attribute;

import net.srv6epe.bgp.wire.WireOptions;
import net.srv6epe.bgp.wire.error.ErrorSubcode;
import net.srv6epe.bgp.wire.error.MalformedException;
import net.srv6epe.srv6.Ipv4Address;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.ArrayList;
import java.util.List;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * CLUSTER_LIST (type 10, RFC 4456 8): the 4-octet cluster IDs a reflected route went through.
 *
 * @param flags      attribute flags
 * @param clusterIds cluster IDs, most recent first
 */
public record ClusterList(int flags, List<Integer> clusterIds) implements PathAttribute
{
    public ClusterList
    {
        clusterIds = List.copyOf(clusterIds);
    }

    /** Optional non-transitive flags. */
    public ClusterList(final List<Integer> clusterIds)
    {
        this(AttributeFlags.OPTIONAL_NON_TRANSITIVE, clusterIds);
    }

    /**
     * RFC 7606 7.10: malformed unless the length is a non-zero multiple of 4.
     *
     * @throws MalformedException (Attribute Length Error)
     */
    public static ClusterList decode(final int flags, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length == 0 || length % 4 != 0)
        {
            throw new MalformedException(ErrorSubcode.ATTRIBUTE_LENGTH_ERROR.subcode(), "length " + length +
                " is not a non-zero multiple of 4");
        }
        final List<Integer> out = new ArrayList<>(length / 4);
        for (int i = 0; i < length; i += 4)
        {
            out.add(buffer.getInt(offset + i, BIG_ENDIAN));
        }
        return new ClusterList(flags, out);
    }

    @Override
    public int typeCode()
    {
        return AttributeType.CLUSTER_LIST;
    }

    @Override
    public int encodeValue(final MutableDirectBuffer buffer, final int offset, final WireOptions options)
    {
        for (int i = 0; i < clusterIds.size(); i++)
        {
            buffer.putInt(offset + 4 * i, clusterIds.get(i), BIG_ENDIAN);
        }
        return 4 * clusterIds.size();
    }

    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder("CLUSTER_LIST [");
        for (int i = 0; i < clusterIds.size(); i++)
        {
            sb.append(i == 0 ? "" : " ").append(Ipv4Address.format(clusterIds.get(i)));
        }
        return sb.append("]").toString();
    }
}
