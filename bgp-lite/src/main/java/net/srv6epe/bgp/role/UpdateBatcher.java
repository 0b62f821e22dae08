package net.srv6epe.bgp.role;

import net.srv6epe.bgp.wire.WireOptions;
import net.srv6epe.bgp.wire.attribute.AttributeFlags;
import net.srv6epe.bgp.wire.attribute.MpReachNlri;
import net.srv6epe.bgp.wire.attribute.MpUnreachNlri;
import net.srv6epe.bgp.wire.attribute.PathAttribute;
import net.srv6epe.bgp.wire.attribute.PathAttributeCodec;
import net.srv6epe.bgp.wire.message.MessageHeader;
import net.srv6epe.bgp.wire.message.UpdateMessage;
import net.srv6epe.bgp.wire.nlri.AddressFamily;
import net.srv6epe.bgp.wire.nlri.Nlri;
import org.agrona.ExpandableArrayBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * Packs many NLRI into as few UPDATEs as fit the session's maximum message length (4096, or 65535 with RFC 8654
 * extended messages): MP_REACH_NLRI first (RFC 7606 5.1) followed by the shared attributes, or MP_UNREACH_NLRI
 * alone for withdrawals (RFC 4760 4).
 */
public final class UpdateBatcher
{
    /** Withdrawn Routes Length (2) + Total Path Attribute Length (2). */
    private static final int UPDATE_FIXED = 4;
    /** An attribute header with the extended length octet (RFC 4271 4.3). */
    private static final int EXTENDED_ATTRIBUTE_HEADER = 4;
    /** AFI (2) + SAFI (1) + Next Hop Length (1) + Reserved (1). */
    private static final int MP_REACH_FIXED = 5;
    /** AFI (2) + SAFI (1). */
    private static final int MP_UNREACH_FIXED = 3;

    private UpdateBatcher()
    {
    }

    /**
     * Announcements sharing one attribute set.
     *
     * @param attributes the attributes other than MP_REACH_NLRI
     * @param nextHop    the MP_REACH next hop octets (24 for VPN-IPv6 with a zero RD, 16 for IPv6 unicast)
     */
    public static List<UpdateMessage> announce(final AddressFamily family, final byte[] nextHop,
        final List<PathAttribute> attributes, final List<? extends Nlri> nlri, final WireOptions options)
    {
        final ExpandableArrayBuffer scratch = new ExpandableArrayBuffer(256);
        int fixed = MessageHeader.HEADER_LENGTH + UPDATE_FIXED + EXTENDED_ATTRIBUTE_HEADER + MP_REACH_FIXED +
            nextHop.length;
        for (final PathAttribute a : attributes)
        {
            fixed += PathAttributeCodec.encode(a, scratch, 0, options);
        }
        final List<UpdateMessage> out = new ArrayList<>();
        for (final List<Nlri> chunk : chunks(nlri, options.maxMessageLength() - fixed))
        {
            final List<PathAttribute> all = new ArrayList<>(attributes.size() + 1);
            all.add(new MpReachNlri(AttributeFlags.OPTIONAL_NON_TRANSITIVE, family, nextHop, 0, chunk, new byte[0]));
            all.addAll(attributes);
            out.add(UpdateMessage.of(all));
        }
        return out;
    }

    /** Withdrawals (VPN NLRI should carry the RFC 8277 2.4 compatibility label 0x800000). */
    public static List<UpdateMessage> withdraw(final AddressFamily family, final List<? extends Nlri> nlri,
        final WireOptions options)
    {
        final int fixed = MessageHeader.HEADER_LENGTH + UPDATE_FIXED + EXTENDED_ATTRIBUTE_HEADER + MP_UNREACH_FIXED;
        final List<UpdateMessage> out = new ArrayList<>();
        for (final List<Nlri> chunk : chunks(nlri, options.maxMessageLength() - fixed))
        {
            out.add(UpdateMessage.of(List.of(new MpUnreachNlri(family, chunk))));
        }
        return out;
    }

    /** The End-of-RIB marker of a family (RFC 4724 2): an empty MP_UNREACH_NLRI. */
    public static UpdateMessage endOfRib(final AddressFamily family)
    {
        return UpdateMessage.of(List.of(new MpUnreachNlri(family, List.of())));
    }

    private static List<List<Nlri>> chunks(final List<? extends Nlri> nlri, final int budget)
    {
        if (budget < 64)
        {
            throw new IllegalArgumentException("path attributes leave only " + budget + " octets for NLRI");
        }
        final List<List<Nlri>> out = new ArrayList<>();
        List<Nlri> current = new ArrayList<>();
        int used = 0;
        for (final Nlri n : nlri)
        {
            final int length = n.wireLength();
            if (used + length > budget)
            {
                out.add(current);
                current = new ArrayList<>();
                used = 0;
            }
            current.add(n);
            used += length;
        }
        if (!current.isEmpty())
        {
            out.add(current);
        }
        return out;
    }
}
