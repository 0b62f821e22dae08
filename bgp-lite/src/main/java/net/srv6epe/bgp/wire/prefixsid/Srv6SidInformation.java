package net.srv6epe.bgp.wire.prefixsid;

import net.srv6epe.bgp.wire.error.ErrorSubcode;
import net.srv6epe.bgp.wire.error.MalformedException;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.ArrayList;
import java.util.List;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * SRv6 SID Information Sub-TLV (type 1, RFC 9252 3.1):
 * <pre>
 *  Type=1 (1) | Length (2) | Reserved1 (1) | SRv6 SID Value (16) | SID Flags (1) | Endpoint Behavior (2)
 *  | Reserved2 (1) | SRv6 Service Data Sub-Sub-TLVs (variable)
 * </pre>
 * When the structure sub-sub-TLV announces a transposition, {@link #sid()} has the transposed bits zeroed: use
 * {@link SidTransposition#fullSid(Srv6SidInformation, int)} with the NLRI label to get the SID to steer to.
 *
 * @param reserved1        first reserved octet (0 when sent, ignored; kept to re-encode exactly)
 * @param sid              the SID as carried
 * @param sidFlags         SRv6 SID Flags (none defined)
 * @param endpointBehavior IANA endpoint behavior codepoint, see {@link Srv6EndpointBehaviorCode}
 * @param reserved2        second reserved octet
 * @param subSubTlvs       SRv6 Service Data Sub-Sub-TLVs
 */
public record Srv6SidInformation(int reserved1, Srv6Sid sid, int sidFlags, int endpointBehavior, int reserved2,
    List<Srv6ServiceDataSubSubTlv> subSubTlvs) implements Srv6ServiceSubTlv
{
    /** The Sub-TLV type. */
    public static final int TYPE = 1;
    /** Value octets before the Sub-Sub-TLVs. */
    public static final int FIXED_LENGTH = 21;

    public Srv6SidInformation
    {
        subSubTlvs = List.copyOf(subSubTlvs);
    }

    /** A SID with its behavior and, when not null, its structure. */
    public Srv6SidInformation(final Srv6Sid sid, final int endpointBehavior, final Srv6SidStructure structure)
    {
        this(0, sid, 0, endpointBehavior, 0, structure == null ? List.of() : List.of(structure));
    }

    /**
     * Decodes the value part (after type and length).
     *
     * @throws MalformedException (Optional Attribute Error) when shorter than 21 octets or a sub-sub-TLV
     *                            overruns or is malformed
     */
    public static Srv6SidInformation decode(final DirectBuffer buffer, final int offset, final int length)
    {
        final int optional = ErrorSubcode.OPTIONAL_ATTRIBUTE_ERROR.subcode();
        if (length < FIXED_LENGTH)
        {
            throw new MalformedException(optional, "SRv6 SID Information length " + length + " < 21");
        }
        final Srv6Sid sid = new Srv6Sid(buffer.getLong(offset + 1, BIG_ENDIAN),
            buffer.getLong(offset + 9, BIG_ENDIAN));
        final int flags = buffer.getByte(offset + 17) & 0xFF;
        final int behavior = buffer.getShort(offset + 18, BIG_ENDIAN) & 0xFFFF;
        final int reserved2 = buffer.getByte(offset + 20) & 0xFF;
        final List<Srv6ServiceDataSubSubTlv> subs = new ArrayList<>(1);
        final int limit = offset + length;
        int cursor = offset + FIXED_LENGTH;
        while (cursor < limit)
        {
            MalformedException.require(cursor, 3, limit, optional, "SRv6 Service Data Sub-Sub-TLV header");
            final int type = buffer.getByte(cursor) & 0xFF;
            final int len = buffer.getShort(cursor + 1, BIG_ENDIAN) & 0xFFFF;
            MalformedException.require(cursor + 3, len, limit, optional, "SRv6 Service Data Sub-Sub-TLV " + type);
            if (type == Srv6SidStructure.TYPE)
            {
                subs.add(Srv6SidStructure.decode(buffer, cursor + 3, len));
            }
            else
            {
                final byte[] value = new byte[len];
                buffer.getBytes(cursor + 3, value);
                subs.add(new OpaqueTlv(type, value));
            }
            cursor += 3 + len;
        }
        return new Srv6SidInformation(buffer.getByte(offset) & 0xFF, sid, flags, behavior, reserved2, subs);
    }

    /** The SID structure, or null when none was sent. */
    public Srv6SidStructure structure()
    {
        for (final Srv6ServiceDataSubSubTlv t : subSubTlvs)
        {
            if (t instanceof Srv6SidStructure s)
            {
                return s;
            }
        }
        return null;
    }

    @Override
    public int type()
    {
        return TYPE;
    }

    @Override
    public int encode(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putByte(offset, (byte)TYPE);
        buffer.putByte(offset + 3, (byte)reserved1);
        buffer.putLong(offset + 4, sid.hi(), BIG_ENDIAN);
        buffer.putLong(offset + 12, sid.lo(), BIG_ENDIAN);
        buffer.putByte(offset + 20, (byte)sidFlags);
        buffer.putShort(offset + 21, (short)endpointBehavior, BIG_ENDIAN);
        buffer.putByte(offset + 23, (byte)reserved2);
        int cursor = offset + 3 + FIXED_LENGTH;
        for (final Srv6ServiceDataSubSubTlv t : subSubTlvs)
        {
            cursor += t.encode(buffer, cursor);
        }
        buffer.putShort(offset + 1, (short)(cursor - offset - 3), BIG_ENDIAN);
        return cursor - offset;
    }

    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder("sid ").append(sid).append(" behavior ")
            .append(Srv6EndpointBehaviorCode.name(endpointBehavior));
        if (sidFlags != 0)
        {
            sb.append(" flags 0x").append(Integer.toHexString(sidFlags));
        }
        for (final Srv6ServiceDataSubSubTlv t : subSubTlvs)
        {
            sb.append(" ").append(t);
        }
        return sb.toString();
    }
}
