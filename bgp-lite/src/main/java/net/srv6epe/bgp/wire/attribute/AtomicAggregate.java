package net.srv6epe.bgp.wire.attribute;

import net.srv6epe.bgp.wire.WireOptions;
import net.srv6epe.bgp.wire.error.ErrorSubcode;
import net.srv6epe.bgp.wire.error.MalformedException;
import org.agrona.MutableDirectBuffer;

/**
 * ATOMIC_AGGREGATE (type 6, RFC 4271 4.3 and 5.1.6): no value.
 *
 * @param flags attribute flags
 */
public record AtomicAggregate(int flags) implements PathAttribute
{
    /** Well-known flags. */
    public AtomicAggregate()
    {
        this(AttributeFlags.WELL_KNOWN);
    }

    /**
     * @throws MalformedException (Attribute Length Error) when the length is not 0
     */
    public static AtomicAggregate decode(final int flags, final int length)
    {
        if (length != 0)
        {
            throw new MalformedException(ErrorSubcode.ATTRIBUTE_LENGTH_ERROR.subcode(), "length " + length +
                ", expected 0");
        }
        return new AtomicAggregate(flags);
    }

    @Override
    public int typeCode()
    {
        return AttributeType.ATOMIC_AGGREGATE;
    }

    @Override
    public int encodeValue(final MutableDirectBuffer buffer, final int offset, final WireOptions options)
    {
        return 0;
    }

    @Override
    public String toString()
    {
        return "ATOMIC_AGGREGATE";
    }
}
