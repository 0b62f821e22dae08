package net.srv6epe.bgp.wire.capability;

import net.srv6epe.bgp.wire.nlri.AddressFamily;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Multiprotocol Extensions capability (code 1, RFC 4760 8): AFI (2) | Reserved (1) | SAFI (1).
 *
 * @param family   the AFI/SAFI offered
 * @param reserved the reserved octet (kept to re-encode exactly)
 */
public record MultiprotocolCapability(AddressFamily family, int reserved) implements Capability
{
    public static final int CODE = 1;
    public static final int LENGTH = 4;

    /** Offers a family. */
    public MultiprotocolCapability(final AddressFamily family)
    {
        this(family, 0);
    }

    @Override
    public int code()
    {
        return CODE;
    }

    @Override
    public int encode(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putByte(offset, (byte)CODE);
        buffer.putByte(offset + 1, (byte)LENGTH);
        buffer.putShort(offset + 2, (short)family.afi(), BIG_ENDIAN);
        buffer.putByte(offset + 4, (byte)reserved);
        buffer.putByte(offset + 5, (byte)family.safi());
        return 2 + LENGTH;
    }

    @Override
    public String toString()
    {
        return "multiprotocol " + family;
    }
}
