package net.srv6epe.bgp.wire.attribute;

import net.srv6epe.bgp.wire.WireOptions;
import net.srv6epe.bgp.wire.error.MalformedException;
import net.srv6epe.bgp.wire.prefixsid.PrefixSid;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Frames path attributes (RFC 4271 4.3):
 * <pre>
 *  Attr. Flags (1) | Attr. Type Code (1) | Attr. Length (1, or 2 with Extended Length) | Attr. Value
 * </pre>
 * and dispatches values to the attribute classes. Decoding a value never throws: one that does not parse comes
 * back as a {@link MalformedAttribute}.
 */
public final class PathAttributeCodec
{
    /** Offset of the flags octet. */
    public static final int FLAGS_OFFSET = 0;
    /** Offset of the type code octet. */
    public static final int TYPE_OFFSET = 1;
    /** Offset of the length field. */
    public static final int LENGTH_OFFSET = 2;

    private PathAttributeCodec()
    {
    }

    /** The header length for these flags: 4 with Extended Length, else 3. */
    public static int headerLength(final int flags)
    {
        return AttributeFlags.isExtendedLength(flags) ? 4 : 3;
    }

    /**
     * Decodes one attribute value.
     *
     * @param flags  the flags octet
     * @param type   the type code
     * @param offset first value octet
     * @param length value length
     * @return the typed attribute, an {@link UnknownAttribute} for a type this layer does not know, or a
     * {@link MalformedAttribute} naming what is wrong
     */
    public static PathAttribute decodeValue(final int flags, final int type, final DirectBuffer buffer,
        final int offset, final int length, final WireOptions options)
    {
        try
        {
            switch (type)
            {
                case AttributeType.ORIGIN:
                    return Origin.decode(flags, buffer, offset, length);
                case AttributeType.AS_PATH:
                case AttributeType.AS4_PATH:
                    return AsPath.decode(flags, type, buffer, offset, length, options);
                case AttributeType.NEXT_HOP:
                    return NextHop.decode(flags, buffer, offset, length);
                case AttributeType.MULTI_EXIT_DISC:
                    return MultiExitDisc.decode(flags, buffer, offset, length);
                case AttributeType.LOCAL_PREF:
                    return LocalPref.decode(flags, buffer, offset, length);
                case AttributeType.ATOMIC_AGGREGATE:
                    return AtomicAggregate.decode(flags, length);
                case AttributeType.AGGREGATOR:
                case AttributeType.AS4_AGGREGATOR:
                    return Aggregator.decode(flags, type, buffer, offset, length, options);
                case AttributeType.COMMUNITIES:
                    return Communities.decode(flags, buffer, offset, length);
                case AttributeType.ORIGINATOR_ID:
                    return OriginatorId.decode(flags, buffer, offset, length);
                case AttributeType.CLUSTER_LIST:
                    return ClusterList.decode(flags, buffer, offset, length);
                case AttributeType.MP_REACH_NLRI:
                    return MpReachNlri.decode(flags, buffer, offset, length);
                case AttributeType.MP_UNREACH_NLRI:
                    return MpUnreachNlri.decode(flags, buffer, offset, length);
                case AttributeType.EXTENDED_COMMUNITIES:
                    return ExtendedCommunities.decode(flags, buffer, offset, length);
                case AttributeType.PREFIX_SID:
                    return PrefixSid.decode(flags, buffer, offset, length);
                default:
                    return new UnknownAttribute(flags, type, copy(buffer, offset, length));
            }
        }
        catch (final MalformedException ex)
        {
            return new MalformedAttribute(flags, type, copy(buffer, offset, length), ex.subcode(), ex.getMessage());
        }
    }

    /**
     * Writes one attribute (header and value) at {@code offset}. The flags are the attribute's own, with
     * Extended Length added when the value is longer than 255 octets (RFC 4271 4.3); a received Extended Length
     * bit is kept, so decoded attributes re-encode exactly.
     *
     * @return the octets written
     */
    public static int encode(final PathAttribute attribute, final MutableDirectBuffer buffer, final int offset,
        final WireOptions options)
    {
        final ExpandableArrayBuffer value = new ExpandableArrayBuffer(64);
        final int length = attribute.encodeValue(value, 0, options);
        if (length > 0xFFFF)
        {
            throw new IllegalArgumentException(AttributeType.name(attribute.typeCode()) + " value of " + length +
                " octets does not fit an attribute");
        }
        int flags = attribute.flags() & 0xFF;
        if (length > 0xFF)
        {
            flags |= AttributeFlags.EXTENDED_LENGTH;
        }
        buffer.putByte(offset + FLAGS_OFFSET, (byte)flags);
        buffer.putByte(offset + TYPE_OFFSET, (byte)attribute.typeCode());
        if (AttributeFlags.isExtendedLength(flags))
        {
            buffer.putShort(offset + LENGTH_OFFSET, (short)length, BIG_ENDIAN);
        }
        else
        {
            buffer.putByte(offset + LENGTH_OFFSET, (byte)length);
        }
        final int header = headerLength(flags);
        buffer.putBytes(offset + header, value, 0, length);
        return header + length;
    }

    private static byte[] copy(final DirectBuffer buffer, final int offset, final int length)
    {
        final byte[] b = new byte[length];
        buffer.getBytes(offset, b);
        return b;
    }
}
