package net.srv6epe.bgp.wire.prefixsid;

import net.srv6epe.bgp.wire.error.ErrorSubcode;
import net.srv6epe.bgp.wire.error.MalformedException;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.ArrayList;
import java.util.List;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * SRv6 L3 Service TLV (type 5) or SRv6 L2 Service TLV (type 6), RFC 9252 2:
 * <pre>
 *  TLV Type (1) | TLV Length (2) | RESERVED (1) | SRv6 Service Sub-TLVs (variable)
 * </pre>
 * The length counts the reserved octet and the Sub-TLVs.
 *
 * @param type     {@link #L3_SERVICE} or {@link #L2_SERVICE}
 * @param reserved the reserved octet (kept to re-encode exactly)
 * @param subTlvs  the SRv6 Service Sub-TLVs
 */
public record Srv6ServiceTlv(int type, int reserved, List<Srv6ServiceSubTlv> subTlvs) implements PrefixSidTlv
{
    public static final int L3_SERVICE = 5;
    public static final int L2_SERVICE = 6;

    public Srv6ServiceTlv
    {
        subTlvs = List.copyOf(subTlvs);
    }

    /** An SRv6 L3 Service TLV with one SID. */
    public static Srv6ServiceTlv l3Service(final Srv6SidInformation sid)
    {
        return new Srv6ServiceTlv(L3_SERVICE, 0, List.of(sid));
    }

    /**
     * Decodes the value part (after type and length).
     *
     * @throws MalformedException (Optional Attribute Error) when empty, or a Sub-TLV overruns or is malformed
     */
    public static Srv6ServiceTlv decode(final int type, final DirectBuffer buffer, final int offset,
        final int length)
    {
        final int optional = ErrorSubcode.OPTIONAL_ATTRIBUTE_ERROR.subcode();
        if (length < 1)
        {
            throw new MalformedException(optional, "SRv6 Service TLV " + type + " without its reserved octet");
        }
        final List<Srv6ServiceSubTlv> subs = new ArrayList<>(1);
        final int limit = offset + length;
        int cursor = offset + 1;
        while (cursor < limit)
        {
            MalformedException.require(cursor, 3, limit, optional, "SRv6 Service Sub-TLV header");
            final int subType = buffer.getByte(cursor) & 0xFF;
            final int len = buffer.getShort(cursor + 1, BIG_ENDIAN) & 0xFFFF;
            MalformedException.require(cursor + 3, len, limit, optional, "SRv6 Service Sub-TLV " + subType);
            if (subType == Srv6SidInformation.TYPE)
            {
                subs.add(Srv6SidInformation.decode(buffer, cursor + 3, len));
            }
            else
            {
                final byte[] value = new byte[len];
                buffer.getBytes(cursor + 3, value);
                subs.add(new OpaqueTlv(subType, value));
            }
            cursor += 3 + len;
        }
        return new Srv6ServiceTlv(type, buffer.getByte(offset) & 0xFF, subs);
    }

    /** The first SRv6 SID Information Sub-TLV, or null. */
    public Srv6SidInformation sidInformation()
    {
        for (final Srv6ServiceSubTlv t : subTlvs)
        {
            if (t instanceof Srv6SidInformation s)
            {
                return s;
            }
        }
        return null;
    }

    @Override
    public int encode(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putByte(offset, (byte)type);
        buffer.putByte(offset + 3, (byte)reserved);
        int cursor = offset + 4;
        for (final Srv6ServiceSubTlv t : subTlvs)
        {
            cursor += t.encode(buffer, cursor);
        }
        buffer.putShort(offset + 1, (short)(cursor - offset - 3), BIG_ENDIAN);
        return cursor - offset;
    }

    @Override
    public String toString()
    {
        return (type == L3_SERVICE ? "srv6-l3-service " : type == L2_SERVICE ? "srv6-l2-service " :
            "srv6-service-" + type + " ") + subTlvs;
    }
}
