package net.srv6epe.dataplane.port.afpacket;

import static java.nio.ByteOrder.BIG_ENDIAN;

import org.agrona.MutableDirectBuffer;

import net.srv6epe.srv6.wire.EthernetFrame;
import net.srv6epe.srv6.wire.IpProtocol;
import net.srv6epe.srv6.wire.Ipv4Header;
import net.srv6epe.srv6.wire.Ipv6ExtensionChain;
import net.srv6epe.srv6.wire.Ipv6Header;
import net.srv6epe.srv6.wire.Srh;

/**
 * Finds every IP header of an Ethernet frame down to its transport header: up to two 802.1Q / 802.1ad tags, then
 * IPv6 (its extension headers walked by {@link Ipv6ExtensionChain}, RFC 8200 4) or IPv4, then any IPv6-in-IPv6,
 * IPv4-in-IPv6, IPv6-in-IPv4 or IPv4-in-IPv4 encapsulation (seg6 H.Encaps is one), up to {@link #MAX_IP_HEADERS}
 * IP headers, until a transport protocol. What the GSO splitter needs to rewrite each segment: where each IP
 * header is (its length changes), where the transport header is, and the innermost addresses for the
 * pseudo-header, with the final destination of an SRH (RFC 8200 8.1: the last segment, Segment List[0]).
 *
 * <p>Fragments, jumbograms (payload length 0), Routing headers other than the SRH (whose final destination this
 * class does not know) and lengths that do not nest fail the walk. Reusable and allocation free; offsets are
 * absolute in the buffer walked.
 */
final class HeaderChain
{
    /** Deepest nesting of IP headers followed. */
    static final int MAX_IP_HEADERS = 4;

    private static final int TPID_8021AD = 0x88A8;

    private final Ipv6ExtensionChain extensions = new Ipv6ExtensionChain();
    private final Ipv4Header ipv4 = new Ipv4Header();
    private final int[] ipOffsets = new int[MAX_IP_HEADERS];
    private final int[] ipVersions = new int[MAX_IP_HEADERS];
    private int ipCount;
    private int dataEnd;
    private int transportOffset;
    private int transportProtocol;
    private long destinationHi;
    private long destinationLo;

    /**
     * Walks the frame at {@code [offset, offset + length)}.
     *
     * @return false when the frame is not IP down to a transport header this class can describe.
     */
    boolean walk(final MutableDirectBuffer buffer, final int offset, final int length)
    {
        ipCount = 0;
        transportOffset = -1;
        transportProtocol = -1;
        int end = offset + length;
        int typeAt = offset + EthernetFrame.TYPE_OFFSET;
        if (length < EthernetFrame.HEADER_LENGTH)
        {
            return false;
        }
        int etherType = buffer.getShort(typeAt, BIG_ENDIAN) & 0xFFFF;
        for (int tags = 0; tags < 2 && (etherType == EthernetFrame.TPID_8021Q || etherType == TPID_8021AD); tags++)
        {
            typeAt += EthernetFrame.VLAN_TAG_LENGTH;
            if (typeAt + 2 > end)
            {
                return false;
            }
            etherType = buffer.getShort(typeAt, BIG_ENDIAN) & 0xFFFF;
        }
        int version;
        if (etherType == EthernetFrame.ETHERTYPE_IPV6)
        {
            version = 6;
        }
        else if (etherType == EthernetFrame.ETHERTYPE_IPV4)
        {
            version = 4;
        }
        else
        {
            return false;
        }
        int at = typeAt + 2;
        while (ipCount < MAX_IP_HEADERS)
        {
            final int upperProtocol;
            final int upperOffset;
            if (version == 6)
            {
                if (at + Ipv6Header.HEADER_LENGTH > end || (buffer.getByte(at) & 0xF0) != 0x60)
                {
                    return false;
                }
                final int payloadLength =
                    buffer.getShort(at + Ipv6Header.PAYLOAD_LENGTH_OFFSET, BIG_ENDIAN) & 0xFFFF;
                final int ipEnd = at + Ipv6Header.HEADER_LENGTH + payloadLength;
                if (payloadLength == 0 || ipEnd > end ||
                    !extensions.walk(buffer, at, Ipv6Header.HEADER_LENGTH + payloadLength) || extensions.isFragment())
                {
                    return false;
                }
                if (extensions.routingOffset() >= 0)
                {
                    final int routing = extensions.routingOffset();
                    final int routingLength = ((buffer.getByte(routing + Srh.HDR_EXT_LEN_OFFSET) & 0xFF) + 1) * 8;
                    if (extensions.routingType() != Srh.ROUTING_TYPE_SRH ||
                        routingLength < Srh.SEGMENT_LIST_OFFSET + Srh.SEGMENT_LENGTH)
                    {
                        return false;
                    }
                    final int lastSegment = routing + Srh.SEGMENT_LIST_OFFSET;
                    destinationHi = buffer.getLong(lastSegment, BIG_ENDIAN);
                    destinationLo = buffer.getLong(lastSegment + 8, BIG_ENDIAN);
                }
                else
                {
                    destinationHi = buffer.getLong(at + Ipv6Header.DESTINATION_OFFSET, BIG_ENDIAN);
                    destinationLo = buffer.getLong(at + Ipv6Header.DESTINATION_OFFSET + 8, BIG_ENDIAN);
                }
                upperProtocol = extensions.upperLayerProtocol();
                upperOffset = extensions.upperLayerOffset();
                end = ipEnd;
            }
            else
            {
                ipv4.wrap(buffer, at, end - at);
                if (ipv4.validate() != null || ipv4.moreFragments() || ipv4.fragmentOffset() != 0)
                {
                    return false;
                }
                upperProtocol = ipv4.protocol();
                upperOffset = at + ipv4.headerLength();
                end = at + ipv4.totalLength();
            }
            ipOffsets[ipCount] = at;
            ipVersions[ipCount] = version;
            ipCount++;
            if (upperProtocol == IpProtocol.IPV6 || upperProtocol == IpProtocol.IPV4)
            {
                version = upperProtocol == IpProtocol.IPV6 ? 6 : 4;
                at = upperOffset;
                continue;
            }
            transportOffset = upperOffset;
            transportProtocol = upperProtocol;
            dataEnd = end;
            return transportOffset <= end;
        }
        return false;
    }

    /** Number of IP headers found, outermost first. */
    int ipCount()
    {
        return ipCount;
    }

    /** Absolute offset of IP header {@code index} (0 = outermost). */
    int ipOffset(final int index)
    {
        return ipOffsets[index];
    }

    /** 4 or 6: the version of IP header {@code index}. */
    int ipVersion(final int index)
    {
        return ipVersions[index];
    }

    /** Absolute offset of the transport header. */
    int transportOffset()
    {
        return transportOffset;
    }

    /** The transport protocol number (TCP 6, UDP 17, ...). */
    int transportProtocol()
    {
        return transportProtocol;
    }

    /** Absolute end of the innermost IP packet: where the transport payload ends (Ethernet padding excluded). */
    int dataEnd()
    {
        return dataEnd;
    }

    /** The innermost IPv6 packet's final destination (high 64 bits): its SRH's Segment List[0] if it has one. */
    long finalDestinationHi()
    {
        return destinationHi;
    }

    /** The innermost IPv6 packet's final destination (low 64 bits). */
    long finalDestinationLo()
    {
        return destinationLo;
    }
}
