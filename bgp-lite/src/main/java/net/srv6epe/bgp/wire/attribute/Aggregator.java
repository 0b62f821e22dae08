package net.srv6epe.bgp.wire.attribute;

import net.srv6epe.bgp.wire.WireOptions;
import net.srv6epe.bgp.wire.error.ErrorSubcode;
import net.srv6epe.bgp.wire.error.MalformedException;
import net.srv6epe.srv6.Ipv4Address;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * AGGREGATOR (type 7, RFC 4271 4.3 and 5.1.7; 4-octet AS per RFC 6793 3) and AS4_AGGREGATOR (type 18,
 * RFC 6793 3): the aggregating AS (2 or 4 octets) and its BGP identifier (4 octets).
 *
 * @param flags    attribute flags
 * @param typeCode {@link AttributeType#AGGREGATOR} or {@link AttributeType#AS4_AGGREGATOR}
 * @param as       aggregating AS, unsigned
 * @param routerId BGP identifier of the aggregating speaker
 */
public record Aggregator(int flags, int typeCode, long as, int routerId) implements PathAttribute
{
    /** An AGGREGATOR with optional transitive flags. */
    public Aggregator(final long as, final int routerId)
    {
        this(AttributeFlags.OPTIONAL_TRANSITIVE, AttributeType.AGGREGATOR, as, routerId);
    }

    /**
     * @throws MalformedException (Attribute Length Error) when the length is not 8 (4-octet AS) or 6
     */
    public static Aggregator decode(final int flags, final int typeCode, final DirectBuffer buffer,
        final int offset, final int length, final WireOptions options)
    {
        final boolean four = typeCode == AttributeType.AS4_AGGREGATOR || options.fourOctetAs();
        final int expected = four ? 8 : 6;
        if (length != expected)
        {
            throw new MalformedException(ErrorSubcode.ATTRIBUTE_LENGTH_ERROR.subcode(), "length " + length +
                ", expected " + expected);
        }
        final long as = four ? buffer.getInt(offset, BIG_ENDIAN) & 0xFFFFFFFFL :
            buffer.getShort(offset, BIG_ENDIAN) & 0xFFFF;
        return new Aggregator(flags, typeCode, as, buffer.getInt(offset + expected - 4, BIG_ENDIAN));
    }

    @Override
    public int encodeValue(final MutableDirectBuffer buffer, final int offset, final WireOptions options)
    {
        if (typeCode == AttributeType.AS4_AGGREGATOR || options.fourOctetAs())
        {
            buffer.putInt(offset, (int)as, BIG_ENDIAN);
            buffer.putInt(offset + 4, routerId, BIG_ENDIAN);
            return 8;
        }
        buffer.putShort(offset, (short)(as > 0xFFFF ? AsPath.AS_TRANS : as), BIG_ENDIAN);
        buffer.putInt(offset + 2, routerId, BIG_ENDIAN);
        return 6;
    }

    @Override
    public String toString()
    {
        return AttributeType.name(typeCode) + " " + as + " " + Ipv4Address.format(routerId);
    }
}
