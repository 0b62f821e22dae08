package net.srv6epe.dataplane.neighbor;

import static java.nio.ByteOrder.BIG_ENDIAN;

import org.agrona.DirectBuffer;

/**
 * Recognizes the frames the neighbor agent handles, cheaply enough for a worker's classifier: ARP, and ICMPv6
 * Neighbor Solicitation / Advertisement directly after an untagged IPv6 header. Full validation is the agent's.
 */
public final class NeighborFrames
{
    /** Untagged Ethernet header length. */
    public static final int ETH_HEADER_LENGTH = 14;
    /** Offset of the EtherType in an untagged frame. */
    public static final int ETHERTYPE_OFFSET = 12;
    /** EtherType IPv4. */
    public static final int ETHERTYPE_IPV4 = 0x0800;
    /** EtherType ARP. */
    public static final int ETHERTYPE_ARP = 0x0806;
    /** EtherType IPv6. */
    public static final int ETHERTYPE_IPV6 = 0x86DD;
    /** IPv6 header length. */
    public static final int IPV6_HEADER_LENGTH = 40;
    /** IPv6 next header ICMPv6. */
    public static final int NEXT_HEADER_ICMPV6 = 58;

    /** Not a neighbor frame. */
    public static final int OTHER = 0;
    /** An ARP packet. */
    public static final int ARP = 1;
    /** An ICMPv6 Neighbor Solicitation (type 135). */
    public static final int NEIGHBOR_SOLICITATION = 2;
    /** An ICMPv6 Neighbor Advertisement (type 136). */
    public static final int NEIGHBOR_ADVERTISEMENT = 3;

    private NeighborFrames()
    {
    }

    /** One of {@link #OTHER}, {@link #ARP}, {@link #NEIGHBOR_SOLICITATION}, {@link #NEIGHBOR_ADVERTISEMENT}. */
    public static int classify(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < ETH_HEADER_LENGTH)
        {
            return OTHER;
        }
        final int etherType = buffer.getShort(offset + ETHERTYPE_OFFSET, BIG_ENDIAN) & 0xFFFF;
        if (etherType == ETHERTYPE_ARP)
        {
            return ARP;
        }
        if (etherType != ETHERTYPE_IPV6 || length < ETH_HEADER_LENGTH + IPV6_HEADER_LENGTH + 1)
        {
            return OTHER;
        }
        final int ip = offset + ETH_HEADER_LENGTH;
        if ((buffer.getByte(ip + 6) & 0xFF) != NEXT_HEADER_ICMPV6)
        {
            return OTHER;
        }
        final int type = buffer.getByte(ip + IPV6_HEADER_LENGTH) & 0xFF;
        if (type == NdpPacket.TYPE_NEIGHBOR_SOLICITATION)
        {
            return NEIGHBOR_SOLICITATION;
        }
        if (type == NdpPacket.TYPE_NEIGHBOR_ADVERTISEMENT)
        {
            return NEIGHBOR_ADVERTISEMENT;
        }
        return OTHER;
    }

    /** True for frames to hand to {@link NeighborProxy#punt}. */
    public static boolean isNeighborFrame(final DirectBuffer buffer, final int offset, final int length)
    {
        return classify(buffer, offset, length) != OTHER;
    }
}
