package net.srv6epe.bgp.wire.attribute;

import net.srv6epe.bgp.wire.WireOptions;
import net.srv6epe.bgp.wire.error.ErrorSubcode;
import net.srv6epe.bgp.wire.error.MalformedException;
import net.srv6epe.srv6.Ipv4Address;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * NEXT_HOP (type 3, RFC 4271 4.3 and 5.1.3): the IPv4 next hop of the UPDATE's IPv4 NLRI.
 *
 * @param flags attribute flags
 * @param address the 4-octet value
 */
public record NextHop(int flags, int address) implements PathAttribute
{
    /** The attribute's usual flags. */
    public NextHop(final int address)
    {
        this(AttributeFlags.WELL_KNOWN, address);
    }

    /**
     * @throws MalformedException (Attribute Length Error) when the length is not 4
     */
    public static NextHop decode(final int flags, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length != 4)
        {
            throw new MalformedException(ErrorSubcode.ATTRIBUTE_LENGTH_ERROR.subcode(), "length " + length +
                ", expected 4");
        }
        return new NextHop(flags, buffer.getInt(offset, BIG_ENDIAN));
    }

    @Override
    public int typeCode()
    {
        return AttributeType.NEXT_HOP;
    }

    @Override
    public int encodeValue(final MutableDirectBuffer buffer, final int offset, final WireOptions options)
    {
        buffer.putInt(offset, address, BIG_ENDIAN);
        return 4;
    }

    @Override
    public String toString()
    {
        return "NEXT_HOP " + Ipv4Address.format(address);
    }
}
