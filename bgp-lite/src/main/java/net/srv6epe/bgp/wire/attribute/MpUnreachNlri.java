package net.srv6epe.bgp.wire.attribute;

import net.srv6epe.bgp.wire.WireOptions;
import net.srv6epe.bgp.wire.error.ErrorSubcode;
import net.srv6epe.bgp.wire.error.MalformedException;
import net.srv6epe.bgp.wire.nlri.AddressFamily;
import net.srv6epe.bgp.wire.nlri.Nlri;
import net.srv6epe.bgp.wire.nlri.NlriCodec;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * MP_UNREACH_NLRI (type 15, RFC 4760 4): AFI (2) | SAFI (1) | Withdrawn Routes (variable). An empty one is the
 * End-of-RIB marker of its family (RFC 4724 2).
 *
 * @param flags      attribute flags
 * @param family     AFI/SAFI
 * @param withdrawn  decoded withdrawn routes (empty for other families)
 * @param opaqueNlri withdrawn octets of a family this layer does not decode, else empty
 */
public record MpUnreachNlri(int flags, AddressFamily family, List<Nlri> withdrawn, byte[] opaqueNlri)
    implements PathAttribute
{
    public MpUnreachNlri
    {
        withdrawn = List.copyOf(withdrawn);
        opaqueNlri = opaqueNlri.clone();
    }

    /** Optional non-transitive flags. */
    public MpUnreachNlri(final AddressFamily family, final List<? extends Nlri> withdrawn)
    {
        this(AttributeFlags.OPTIONAL_NON_TRANSITIVE, family, List.copyOf(withdrawn), new byte[0]);
    }

    /**
     * @throws MalformedException (Optional Attribute Error when shorter than 3; Invalid Network Field for the
     *                            NLRI)
     */
    public static MpUnreachNlri decode(final int flags, final DirectBuffer buffer, final int offset,
        final int length)
    {
        if (length < 3)
        {
            throw new MalformedException(ErrorSubcode.OPTIONAL_ATTRIBUTE_ERROR.subcode(), "length " + length +
                " < 3: withdrawn routes cannot be located");
        }
        final AddressFamily family = new AddressFamily(buffer.getShort(offset, BIG_ENDIAN) & 0xFFFF,
            buffer.getByte(offset + 2) & 0xFF);
        if (family.isDecoded())
        {
            return new MpUnreachNlri(flags, family, NlriCodec.decode(family, buffer, offset + 3, length - 3),
                new byte[0]);
        }
        final byte[] opaque = new byte[length - 3];
        buffer.getBytes(offset + 3, opaque);
        return new MpUnreachNlri(flags, family, List.of(), opaque);
    }

    /** True for the RFC 4724 End-of-RIB marker: nothing withdrawn. */
    public boolean isEndOfRib()
    {
        return withdrawn.isEmpty() && opaqueNlri.length == 0;
    }

    /** The opaque NLRI octets (a copy). */
    @Override
    public byte[] opaqueNlri()
    {
        return opaqueNlri.clone();
    }

    @Override
    public int typeCode()
    {
        return AttributeType.MP_UNREACH_NLRI;
    }

    @Override
    public int encodeValue(final MutableDirectBuffer buffer, final int offset, final WireOptions options)
    {
        buffer.putShort(offset, (short)family.afi(), BIG_ENDIAN);
        buffer.putByte(offset + 2, (byte)family.safi());
        int cursor = offset + 3;
        cursor += NlriCodec.encode(withdrawn, buffer, cursor);
        buffer.putBytes(cursor, opaqueNlri);
        return cursor + opaqueNlri.length - offset;
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof MpUnreachNlri m && m.flags == flags && m.family.equals(family) &&
            m.withdrawn.equals(withdrawn) && Arrays.equals(m.opaqueNlri, opaqueNlri);
    }

    @Override
    public int hashCode()
    {
        return 31 * family.hashCode() + withdrawn.hashCode();
    }

    @Override
    public String toString()
    {
        return "MP_UNREACH_NLRI " + family + " " + withdrawn +
            (opaqueNlri.length > 0 ? " opaque 0x" + HexFormat.of().formatHex(opaqueNlri) : "");
    }
}
