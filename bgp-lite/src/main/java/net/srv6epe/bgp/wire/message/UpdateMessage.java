package net.srv6epe.bgp.wire.message;

import net.srv6epe.bgp.wire.WireOptions;
import net.srv6epe.bgp.wire.attribute.AttributeFlags;
import net.srv6epe.bgp.wire.attribute.AttributeType;
import net.srv6epe.bgp.wire.attribute.MpReachNlri;
import net.srv6epe.bgp.wire.attribute.MpUnreachNlri;
import net.srv6epe.bgp.wire.attribute.PathAttribute;
import net.srv6epe.bgp.wire.attribute.PathAttributeCodec;
import net.srv6epe.bgp.wire.error.MalformedException;
import net.srv6epe.bgp.wire.nlri.AddressFamily;
import net.srv6epe.bgp.wire.nlri.Ipv4Prefix;
import net.srv6epe.bgp.wire.nlri.NlriCodec;
import net.srv6epe.bgp.wire.prefixsid.PrefixSid;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.ArrayList;
import java.util.List;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * UPDATE (RFC 4271 4.3):
 * <pre>
 *  Withdrawn Routes Length (2) | Withdrawn Routes | Total Path Attribute Length (2) | Path Attributes | NLRI
 * </pre>
 * Decoding never throws: framing problems are listed in {@link #defects()} and attribute values that do not parse
 * are {@link net.srv6epe.bgp.wire.attribute.MalformedAttribute}s; run
 * {@link net.srv6epe.bgp.wire.error.UpdateValidator} to learn what to do. An UPDATE without defects re-encodes
 * to the octets it was decoded from.
 *
 * @param withdrawn  IPv4 withdrawn routes
 * @param attributes path attributes in wire order
 * @param nlri       IPv4 NLRI
 * @param defects    framing defects found while decoding (empty for a well-framed UPDATE)
 */
public record UpdateMessage(List<Ipv4Prefix> withdrawn, List<PathAttribute> attributes, List<Ipv4Prefix> nlri,
    List<UpdateDefect> defects) implements BgpMessage
{
    public UpdateMessage
    {
        withdrawn = List.copyOf(withdrawn);
        attributes = List.copyOf(attributes);
        nlri = List.copyOf(nlri);
        defects = List.copyOf(defects);
    }

    /** An UPDATE built locally (no defects). */
    public UpdateMessage(final List<Ipv4Prefix> withdrawn, final List<PathAttribute> attributes,
        final List<Ipv4Prefix> nlri)
    {
        this(withdrawn, attributes, nlri, List.of());
    }

    /** An UPDATE with only path attributes (the MP_REACH/MP_UNREACH form every VPNv6 UPDATE has). */
    public static UpdateMessage of(final List<PathAttribute> attributes)
    {
        return new UpdateMessage(List.of(), attributes, List.of());
    }

    /**
     * Decodes an UPDATE body; reads nothing outside {@code [offset, offset + length)}.
     *
     * @param offset first octet after the message header
     * @param length body length (message length - 19)
     */
    public static UpdateMessage decode(final DirectBuffer buffer, final int offset, final int length,
        final WireOptions options)
    {
        final List<UpdateDefect> defects = new ArrayList<>(0);
        final List<PathAttribute> attributes = new ArrayList<>();
        List<Ipv4Prefix> withdrawn = List.of();
        List<Ipv4Prefix> nlri = List.of();
        final int end = offset + length;
        if (length < 2)
        {
            defects.add(new UpdateDefect(UpdateDefect.Kind.WITHDRAWN_LENGTH_OVERRUN, "body of " + length +
                " octets has no Withdrawn Routes Length"));
            return new UpdateMessage(withdrawn, attributes, nlri, defects);
        }
        final int withdrawnLength = buffer.getShort(offset, BIG_ENDIAN) & 0xFFFF;
        final int withdrawnStart = offset + 2;
        if (withdrawnLength + 4 > length)
        {
            // RFC 4271 6.3: the lengths do not add up -> Malformed Attribute List
            defects.add(new UpdateDefect(UpdateDefect.Kind.WITHDRAWN_LENGTH_OVERRUN, "Withdrawn Routes Length " +
                withdrawnLength + " leaves no room for Total Path Attribute Length in a body of " + length));
            return new UpdateMessage(withdrawn, attributes, nlri, defects);
        }
        try
        {
            withdrawn = NlriCodec.decodeIpv4(buffer, withdrawnStart, withdrawnLength);
        }
        catch (final MalformedException ex)
        {
            defects.add(new UpdateDefect(UpdateDefect.Kind.WITHDRAWN_PREFIX_INVALID, ex.getMessage()));
        }
        final int attributesLengthOffset = withdrawnStart + withdrawnLength;
        final int attributesLength = buffer.getShort(attributesLengthOffset, BIG_ENDIAN) & 0xFFFF;
        final int attributesStart = attributesLengthOffset + 2;
        if (attributesStart + attributesLength > end)
        {
            defects.add(new UpdateDefect(UpdateDefect.Kind.TOTAL_ATTRIBUTE_LENGTH_OVERRUN,
                "Total Path Attribute Length " + attributesLength + " runs " + (attributesStart + attributesLength -
                end) + " octets past the message"));
            return new UpdateMessage(withdrawn, attributes, nlri, defects);
        }
        final int attributesEnd = attributesStart + attributesLength;
        decodeAttributes(buffer, attributesStart, attributesEnd, options, attributes, defects);
        try
        {
            nlri = NlriCodec.decodeIpv4(buffer, attributesEnd, end - attributesEnd);
        }
        catch (final MalformedException ex)
        {
            defects.add(new UpdateDefect(UpdateDefect.Kind.NLRI_PREFIX_INVALID, ex.getMessage()));
        }
        return new UpdateMessage(withdrawn, attributes, nlri, defects);
    }

    private static void decodeAttributes(final DirectBuffer buffer, final int start, final int end,
        final WireOptions options, final List<PathAttribute> out, final List<UpdateDefect> defects)
    {
        int cursor = start;
        while (cursor < end)
        {
            final int remaining = end - cursor;
            final int flags = buffer.getByte(cursor + PathAttributeCodec.FLAGS_OFFSET) & 0xFF;
            final int header = PathAttributeCodec.headerLength(flags);
            if (remaining < header)
            {
                // RFC 7606 4: fewer than 3 (4 with Extended Length) octets left for a header
                defects.add(new UpdateDefect(UpdateDefect.Kind.ATTRIBUTE_OVERRUN, remaining +
                    " octets left for an attribute header of " + header + " at attribute " + out.size()));
                return;
            }
            final int type = buffer.getByte(cursor + PathAttributeCodec.TYPE_OFFSET) & 0xFF;
            final int valueLength = AttributeFlags.isExtendedLength(flags) ?
                buffer.getShort(cursor + PathAttributeCodec.LENGTH_OFFSET, BIG_ENDIAN) & 0xFFFF :
                buffer.getByte(cursor + PathAttributeCodec.LENGTH_OFFSET) & 0xFF;
            if (valueLength > remaining - header)
            {
                // RFC 7606 4: the attribute runs past the Total Path Attribute Length
                defects.add(new UpdateDefect(UpdateDefect.Kind.ATTRIBUTE_OVERRUN, AttributeType.name(type) +
                    " length " + valueLength + " runs past the path attributes (" + (remaining - header) + " left)"));
                return;
            }
            out.add(PathAttributeCodec.decodeValue(flags, type, buffer, cursor + header, valueLength, options));
            cursor += header + valueLength;
        }
    }

    /** The first attribute of a type, or null. */
    public PathAttribute attribute(final int typeCode)
    {
        for (final PathAttribute a : attributes)
        {
            if (a.typeCode() == typeCode)
            {
                return a;
            }
        }
        return null;
    }

    /** The first well-formed MP_REACH_NLRI, or null. */
    public MpReachNlri mpReach()
    {
        return attribute(AttributeType.MP_REACH_NLRI) instanceof MpReachNlri m ? m : null;
    }

    /** The first well-formed MP_UNREACH_NLRI, or null. */
    public MpUnreachNlri mpUnreach()
    {
        return attribute(AttributeType.MP_UNREACH_NLRI) instanceof MpUnreachNlri m ? m : null;
    }

    /** The first well-formed BGP Prefix-SID, or null. */
    public PrefixSid prefixSid()
    {
        return attribute(AttributeType.PREFIX_SID) instanceof PrefixSid p ? p : null;
    }

    /**
     * The address families this UPDATE announces, withdraws or ends the RIB of: its MP_REACH_NLRI's and
     * MP_UNREACH_NLRI's, and IPv4 unicast for prefixes in the classic fields or for an empty UPDATE (the IPv4
     * End-of-RIB). A speaker sends an UPDATE only where every one of them was negotiated (RFC 4760 8, RFC 5492).
     */
    public List<AddressFamily> families()
    {
        final List<AddressFamily> families = new ArrayList<>(2);
        if (!withdrawn.isEmpty() || !nlri.isEmpty() || attributes.isEmpty())
        {
            families.add(AddressFamily.IPV4_UNICAST);
        }
        final MpReachNlri reach = mpReach();
        if (reach != null && !families.contains(reach.family()))
        {
            families.add(reach.family());
        }
        final MpUnreachNlri unreach = mpUnreach();
        if (unreach != null && !families.contains(unreach.family()))
        {
            families.add(unreach.family());
        }
        return families;
    }

    /** RFC 4724 2: an empty UPDATE (IPv4 End-of-RIB) or one holding only an empty MP_UNREACH_NLRI. */
    public boolean isEndOfRib()
    {
        if (!withdrawn.isEmpty() || !nlri.isEmpty() || !defects.isEmpty())
        {
            return false;
        }
        return attributes.isEmpty() || (attributes.size() == 1 && mpUnreach() != null && mpUnreach().isEndOfRib());
    }

    @Override
    public MessageType type()
    {
        return MessageType.UPDATE;
    }

    /**
     * @throws IllegalStateException for an UPDATE with framing defects: its octets cannot be reproduced
     */
    @Override
    public int encodeBody(final MutableDirectBuffer buffer, final int offset, final WireOptions options)
    {
        if (!defects.isEmpty())
        {
            throw new IllegalStateException("cannot encode an UPDATE with framing defects " + defects);
        }
        int cursor = offset + 2;
        cursor += NlriCodec.encode(withdrawn, buffer, cursor);
        buffer.putShort(offset, (short)(cursor - offset - 2), BIG_ENDIAN);
        final int attributesLengthOffset = cursor;
        cursor += 2;
        for (final PathAttribute a : attributes)
        {
            cursor += PathAttributeCodec.encode(a, buffer, cursor, options);
        }
        buffer.putShort(attributesLengthOffset, (short)(cursor - attributesLengthOffset - 2),
            BIG_ENDIAN);
        cursor += NlriCodec.encode(nlri, buffer, cursor);
        return cursor - offset;
    }

    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder("UPDATE");
        if (!withdrawn.isEmpty())
        {
            sb.append(" withdrawn ").append(withdrawn);
        }
        for (final PathAttribute a : attributes)
        {
            sb.append(" | ").append(a);
        }
        if (!nlri.isEmpty())
        {
            sb.append(" | nlri ").append(nlri);
        }
        if (!defects.isEmpty())
        {
            sb.append(" | defects ").append(defects);
        }
        return sb.toString();
    }
}
