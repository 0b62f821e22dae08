package net.srv6epe.bgp.wire.prefixsid;

import net.srv6epe.bgp.wire.WireOptions;
import net.srv6epe.bgp.wire.attribute.AttributeFlags;
import net.srv6epe.bgp.wire.attribute.AttributeType;
import net.srv6epe.bgp.wire.attribute.PathAttribute;
import net.srv6epe.bgp.wire.error.ErrorSubcode;
import net.srv6epe.bgp.wire.error.MalformedException;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.ArrayList;
import java.util.List;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * The BGP Prefix-SID attribute (type 40, optional transitive; RFC 8669 3, RFC 9252 2): a list of TLVs, each
 * Type (1) | Length (2) | Value. SRv6 Service TLVs (5, 6) are decoded; the others are kept opaque after their
 * length is checked (Label-Index 7 octets, Originator SRGB 2 + 6n, RFC 8669 3.1-3.2).
 *
 * @param flags attribute flags
 * @param tlvs  the TLVs in wire order
 */
public record PrefixSid(int flags, List<PrefixSidTlv> tlvs) implements PathAttribute
{
    /** RFC 8669 3.1. */
    public static final int TLV_LABEL_INDEX = 1;
    /** RFC 8669 3.2. */
    public static final int TLV_ORIGINATOR_SRGB = 3;

    public PrefixSid
    {
        tlvs = List.copyOf(tlvs);
    }

    /** Optional transitive flags. */
    public PrefixSid(final List<PrefixSidTlv> tlvs)
    {
        this(AttributeFlags.OPTIONAL_TRANSITIVE, tlvs);
    }

    /** A Prefix-SID with one SRv6 L3 Service TLV carrying one SID. */
    public static PrefixSid srv6L3Service(final Srv6SidInformation sid)
    {
        return new PrefixSid(List.of(Srv6ServiceTlv.l3Service(sid)));
    }

    /**
     * RFC 8669 6 / RFC 9252 3: a TLV that overruns or whose content is malformed makes the attribute malformed.
     *
     * @throws MalformedException (Optional Attribute Error)
     */
    public static PrefixSid decode(final int flags, final DirectBuffer buffer, final int offset, final int length)
    {
        final int optional = ErrorSubcode.OPTIONAL_ATTRIBUTE_ERROR.subcode();
        final List<PrefixSidTlv> tlvs = new ArrayList<>(1);
        final int limit = offset + length;
        int cursor = offset;
        while (cursor < limit)
        {
            MalformedException.require(cursor, 3, limit, optional, "Prefix-SID TLV header");
            final int type = buffer.getByte(cursor) & 0xFF;
            final int len = buffer.getShort(cursor + 1, BIG_ENDIAN) & 0xFFFF;
            MalformedException.require(cursor + 3, len, limit, optional, "Prefix-SID TLV " + type);
            if (type == Srv6ServiceTlv.L3_SERVICE || type == Srv6ServiceTlv.L2_SERVICE)
            {
                tlvs.add(Srv6ServiceTlv.decode(type, buffer, cursor + 3, len));
            }
            else
            {
                if (type == TLV_LABEL_INDEX && len != 7)
                {
                    throw new MalformedException(optional, "Label-Index TLV length " + len + ", expected 7");
                }
                if (type == TLV_ORIGINATOR_SRGB && (len < 2 || (len - 2) % 6 != 0))
                {
                    throw new MalformedException(optional, "Originator SRGB TLV length " + len + " is not 2 + 6n");
                }
                final byte[] value = new byte[len];
                buffer.getBytes(cursor + 3, value);
                tlvs.add(new OpaqueTlv(type, value));
            }
            cursor += 3 + len;
        }
        return new PrefixSid(flags, tlvs);
    }

    /** The first SRv6 L3 Service TLV, or null. */
    public Srv6ServiceTlv l3Service()
    {
        for (final PrefixSidTlv t : tlvs)
        {
            if (t instanceof Srv6ServiceTlv s && s.type() == Srv6ServiceTlv.L3_SERVICE)
            {
                return s;
            }
        }
        return null;
    }

    /** The SID information of the first SRv6 L3 Service TLV, or null. */
    public Srv6SidInformation l3ServiceSid()
    {
        final Srv6ServiceTlv service = l3Service();
        return service == null ? null : service.sidInformation();
    }

    @Override
    public int typeCode()
    {
        return AttributeType.PREFIX_SID;
    }

    @Override
    public int encodeValue(final MutableDirectBuffer buffer, final int offset, final WireOptions options)
    {
        int cursor = offset;
        for (final PrefixSidTlv t : tlvs)
        {
            cursor += t.encode(buffer, cursor);
        }
        return cursor - offset;
    }

    @Override
    public String toString()
    {
        return "PREFIX_SID " + tlvs;
    }
}
