package net.srv6epe.dataplane.neighbor;

import static java.nio.ByteOrder.BIG_ENDIAN;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import net.srv6epe.dataplane.port.MacAddress;
import net.srv6epe.srv6.wire.Checksum;

/**
 * A flyweight over an Ethernet + IPv6 frame carrying an ICMPv6 Neighbor Solicitation or Advertisement
 * (RFC 4861 4.3, 4.4), with the validation of RFC 4861 7.1.1 / 7.1.2, and its encoder.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Type 135/136 |     Code 0    |          Checksum             |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |R|S|O|                     Reserved                            |  (NA flags; NS: all reserved)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       Target Address (16)                     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Options: Type 1 (source) / 2 (target link-layer), Length 1, MAC (6)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Only messages directly after the IPv6 header (no extension headers) are accepted.
 */
public final class NdpPacket
{
    /** ICMPv6 type Neighbor Solicitation. */
    public static final int TYPE_NEIGHBOR_SOLICITATION = 135;
    /** ICMPv6 type Neighbor Advertisement. */
    public static final int TYPE_NEIGHBOR_ADVERTISEMENT = 136;
    /** NA Router flag. */
    public static final int FLAG_ROUTER = 0x80;
    /** NA Solicited flag. */
    public static final int FLAG_SOLICITED = 0x40;
    /** NA Override flag. */
    public static final int FLAG_OVERRIDE = 0x20;
    /** Option Source Link-Layer Address. */
    public static final int OPTION_SOURCE_LLA = 1;
    /** Option Target Link-Layer Address. */
    public static final int OPTION_TARGET_LLA = 2;
    /** Hop limit every ND message carries and requires (RFC 4861 7.1). */
    public static final int HOP_LIMIT = 255;
    /** Length of the frames {@link #encodeSolicitation} / {@link #encodeAdvertisement} write with an option. */
    public static final int FRAME_LENGTH = NeighborFrames.ETH_HEADER_LENGTH + NeighborFrames.IPV6_HEADER_LENGTH + 32;

    /** {@link #wrap} result: a valid NS or NA. */
    public static final int VALID = 0;
    /** {@link #wrap} result: not an untagged IPv6 frame with an NS or NA directly after the header. */
    public static final int NOT_NDP = 1;
    /** {@link #wrap} result: IP hop limit is not 255 (RFC 4861 7.1.1): may come from off link. */
    public static final int BAD_HOP_LIMIT = 2;
    /** {@link #wrap} result: ICMPv6 checksum wrong. */
    public static final int BAD_CHECKSUM = 3;
    /** {@link #wrap} result: truncated, code not 0, multicast target, zero-length or overrunning options, ... */
    public static final int MALFORMED = 4;

    private static final int IP = NeighborFrames.ETH_HEADER_LENGTH;
    private static final int ICMP = IP + NeighborFrames.IPV6_HEADER_LENGTH;
    private static final int MESSAGE_LENGTH = 24;
    private static final long MULTICAST_HI_MASK = 0xFF00_0000_0000_0000L;
    private static final long SOLICITED_NODE_HI = 0xFF02_0000_0000_0000L;
    private static final long SOLICITED_NODE_LO = 0x0000_0001_FF00_0000L;
    private static final long ALL_NODES_HI = 0xFF02_0000_0000_0000L;
    private static final long ALL_NODES_LO = 1L;

    private DirectBuffer buffer;
    private int offset;
    private int type;
    private long linkLayerAddress;

    /**
     * Wraps and validates a frame (RFC 4861 7.1.1 for NS, 7.1.2 for NA).
     *
     * @return {@link #VALID} or the first failed check: {@link #NOT_NDP}, {@link #BAD_HOP_LIMIT},
     * {@link #BAD_CHECKSUM}, {@link #MALFORMED}.
     */
    public int wrap(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.type = 0;
        this.linkLayerAddress = NeighborTable.MISS;
        if (length < ICMP + 4 ||
            (buffer.getShort(offset + NeighborFrames.ETHERTYPE_OFFSET, BIG_ENDIAN) & 0xFFFF) !=
            NeighborFrames.ETHERTYPE_IPV6 ||
            (buffer.getByte(offset + IP) & 0xF0) != 0x60 ||
            (buffer.getByte(offset + IP + 6) & 0xFF) != NeighborFrames.NEXT_HEADER_ICMPV6)
        {
            return NOT_NDP;
        }
        final int icmpType = buffer.getByte(offset + ICMP) & 0xFF;
        if (icmpType != TYPE_NEIGHBOR_SOLICITATION && icmpType != TYPE_NEIGHBOR_ADVERTISEMENT)
        {
            return NOT_NDP;
        }
        type = icmpType;
        final int icmpLength = buffer.getShort(offset + IP + 4, BIG_ENDIAN) & 0xFFFF;
        // ICMP length (derived from the IP length) is 24 or more octets; the frame holds all of it.
        if (icmpLength < MESSAGE_LENGTH || ICMP + icmpLength > length)
        {
            return MALFORMED;
        }
        // RFC 4861 7.1.1/7.1.2: the IP Hop Limit field has a value of 255.
        if ((buffer.getByte(offset + IP + 7) & 0xFF) != HOP_LIMIT)
        {
            return BAD_HOP_LIMIT;
        }
        if (checksum(buffer, offset + IP, offset + ICMP, icmpLength) != 0)
        {
            return BAD_CHECKSUM;
        }
        if ((buffer.getByte(offset + ICMP + 1) & 0xFF) != 0)
        {
            return MALFORMED; // ICMP Code is 0
        }
        if ((targetHi() & MULTICAST_HI_MASK) == MULTICAST_HI_MASK)
        {
            return MALFORMED; // Target Address is not a multicast address
        }
        final int wantedOption = icmpType == TYPE_NEIGHBOR_SOLICITATION ? OPTION_SOURCE_LLA : OPTION_TARGET_LLA;
        boolean sourceLlaPresent = false;
        int option = offset + ICMP + MESSAGE_LENGTH;
        final int end = offset + ICMP + icmpLength;
        while (option < end)
        {
            if (option + 2 > end)
            {
                return MALFORMED;
            }
            final int optionType = buffer.getByte(option) & 0xFF;
            final int optionLength = (buffer.getByte(option + 1) & 0xFF) * 8;
            // All included options have a length that is greater than zero (and fit).
            if (optionLength == 0 || option + optionLength > end)
            {
                return MALFORMED;
            }
            if (optionType == OPTION_SOURCE_LLA)
            {
                sourceLlaPresent = true;
            }
            if (optionType == wantedOption && optionLength >= 8 && linkLayerAddress == NeighborTable.MISS)
            {
                linkLayerAddress = MacAddress.get(buffer, option + 2);
            }
            option += optionLength;
        }
        if (icmpType == TYPE_NEIGHBOR_SOLICITATION)
        {
            if (sourceHi() == 0 && sourceLo() == 0)
            {
                // Unspecified source: destination is a solicited-node address and there is no SLLA option.
                if (!isSolicitedNode(destinationHi(), destinationLo()) || sourceLlaPresent)
                {
                    return MALFORMED;
                }
            }
        }
        else if ((destinationHi() & MULTICAST_HI_MASK) == MULTICAST_HI_MASK && (flags() & FLAG_SOLICITED) != 0)
        {
            return MALFORMED; // If the destination is multicast, the Solicited flag is zero.
        }
        return VALID;
    }

    /** {@link #TYPE_NEIGHBOR_SOLICITATION} or {@link #TYPE_NEIGHBOR_ADVERTISEMENT} (0 if not NDP). */
    public int type()
    {
        return type;
    }

    /** Ethernet source. */
    public long ethSource()
    {
        return MacAddress.get(buffer, offset + 6);
    }

    /** Ethernet destination. */
    public long ethDestination()
    {
        return MacAddress.get(buffer, offset);
    }

    /** NA flags byte ({@link #FLAG_ROUTER}, {@link #FLAG_SOLICITED}, {@link #FLAG_OVERRIDE}). */
    public int flags()
    {
        return buffer.getByte(offset + ICMP + 4) & 0xFF;
    }

    /** IPv6 source, high 64 bits. */
    public long sourceHi()
    {
        return buffer.getLong(offset + IP + 8, BIG_ENDIAN);
    }

    /** IPv6 source, low 64 bits. */
    public long sourceLo()
    {
        return buffer.getLong(offset + IP + 16, BIG_ENDIAN);
    }

    /** IPv6 destination, high 64 bits. */
    public long destinationHi()
    {
        return buffer.getLong(offset + IP + 24, BIG_ENDIAN);
    }

    /** IPv6 destination, low 64 bits. */
    public long destinationLo()
    {
        return buffer.getLong(offset + IP + 32, BIG_ENDIAN);
    }

    /** Target address, high 64 bits. */
    public long targetHi()
    {
        return buffer.getLong(offset + ICMP + 8, BIG_ENDIAN);
    }

    /** Target address, low 64 bits. */
    public long targetLo()
    {
        return buffer.getLong(offset + ICMP + 16, BIG_ENDIAN);
    }

    /**
     * The Source Link-Layer Address option of an NS or Target Link-Layer Address option of an NA, or
     * {@link NeighborTable#MISS} when absent.
     */
    public long linkLayerAddress()
    {
        return linkLayerAddress;
    }

    /** True for ff02::1:ffXX:XXXX. */
    public static boolean isSolicitedNode(final long hi, final long lo)
    {
        return hi == SOLICITED_NODE_HI && (lo & 0xFFFF_FFFF_FF00_0000L) == SOLICITED_NODE_LO;
    }

    /** Solicited-node multicast address of {@code target} (RFC 4291 2.7.1), high 64 bits. */
    public static long solicitedNodeHi()
    {
        return SOLICITED_NODE_HI;
    }

    /** Solicited-node multicast address of a target with low bits {@code targetLo}, low 64 bits. */
    public static long solicitedNodeLo(final long targetLo)
    {
        return SOLICITED_NODE_LO | (targetLo & 0xFF_FFFFL);
    }

    /** Ethernet multicast MAC of an IPv6 multicast address (RFC 2464 7): 33:33 and its last 32 bits. */
    public static long multicastMac(final long groupLo)
    {
        return 0x3333_0000_0000L | (groupLo & 0xFFFF_FFFFL);
    }

    /**
     * Writes an Ethernet + IPv6 + Neighbor Solicitation frame with a Source Link-Layer Address option (our MAC).
     * For resolution send it to the target's solicited-node group; for a reachability probe, to the target.
     *
     * @return the frame length, {@link #FRAME_LENGTH}.
     */
    public static int encodeSolicitation(
        final MutableDirectBuffer buffer,
        final int offset,
        final long ethDestination,
        final long ourMac,
        final long sourceHi,
        final long sourceLo,
        final long destinationHi,
        final long destinationLo,
        final long targetHi,
        final long targetLo)
    {
        return encode(
            buffer, offset, ethDestination, ourMac, sourceHi, sourceLo, destinationHi, destinationLo,
            TYPE_NEIGHBOR_SOLICITATION, 0, targetHi, targetLo, OPTION_SOURCE_LLA);
    }

    /**
     * Writes an Ethernet + IPv6 + Neighbor Advertisement frame with a Target Link-Layer Address option (our MAC).
     *
     * @param flags {@link #FLAG_ROUTER} | {@link #FLAG_SOLICITED} | {@link #FLAG_OVERRIDE} as needed.
     * @return the frame length, {@link #FRAME_LENGTH}.
     */
    public static int encodeAdvertisement(
        final MutableDirectBuffer buffer,
        final int offset,
        final long ethDestination,
        final long ourMac,
        final long sourceHi,
        final long sourceLo,
        final long destinationHi,
        final long destinationLo,
        final int flags,
        final long targetHi,
        final long targetLo)
    {
        return encode(
            buffer, offset, ethDestination, ourMac, sourceHi, sourceLo, destinationHi, destinationLo,
            TYPE_NEIGHBOR_ADVERTISEMENT, flags, targetHi, targetLo, OPTION_TARGET_LLA);
    }

    private static int encode(
        final MutableDirectBuffer buffer,
        final int offset,
        final long ethDestination,
        final long ourMac,
        final long sourceHi,
        final long sourceLo,
        final long destinationHi,
        final long destinationLo,
        final int type,
        final int flags,
        final long targetHi,
        final long targetLo,
        final int optionType)
    {
        final int icmpLength = MESSAGE_LENGTH + 8;
        MacAddress.put(buffer, offset, ethDestination);
        MacAddress.put(buffer, offset + 6, ourMac);
        buffer.putShort(offset + NeighborFrames.ETHERTYPE_OFFSET, (short)NeighborFrames.ETHERTYPE_IPV6, BIG_ENDIAN);
        final int ip = offset + IP;
        buffer.putInt(ip, 0x6000_0000, BIG_ENDIAN);
        buffer.putShort(ip + 4, (short)icmpLength, BIG_ENDIAN);
        buffer.putByte(ip + 6, (byte)NeighborFrames.NEXT_HEADER_ICMPV6);
        buffer.putByte(ip + 7, (byte)HOP_LIMIT);
        buffer.putLong(ip + 8, sourceHi, BIG_ENDIAN);
        buffer.putLong(ip + 16, sourceLo, BIG_ENDIAN);
        buffer.putLong(ip + 24, destinationHi, BIG_ENDIAN);
        buffer.putLong(ip + 32, destinationLo, BIG_ENDIAN);
        final int icmp = offset + ICMP;
        buffer.putByte(icmp, (byte)type);
        buffer.putByte(icmp + 1, (byte)0);
        buffer.putShort(icmp + 2, (short)0, BIG_ENDIAN);
        buffer.putInt(icmp + 4, (flags & 0xFF) << 24, BIG_ENDIAN);
        buffer.putLong(icmp + 8, targetHi, BIG_ENDIAN);
        buffer.putLong(icmp + 16, targetLo, BIG_ENDIAN);
        buffer.putByte(icmp + 24, (byte)optionType);
        buffer.putByte(icmp + 25, (byte)1);
        MacAddress.put(buffer, icmp + 26, ourMac);
        buffer.putShort(icmp + 2, (short)checksum(buffer, ip, icmp, icmpLength), BIG_ENDIAN);
        return ICMP + icmpLength;
    }

    /**
     * The ICMPv6 checksum (RFC 4443 2.3) over the IPv6 pseudo-header (RFC 8200 8.1) and the message: the field
     * value for a message whose checksum field is zero, and 0 over a message that carries a right checksum.
     */
    static int checksum(final DirectBuffer buffer, final int ipv6Offset, final int icmpOffset, final int icmpLength)
    {
        final long pseudoHeader = Checksum.pseudoHeaderSum(
            buffer.getLong(ipv6Offset + 8, BIG_ENDIAN), buffer.getLong(ipv6Offset + 16, BIG_ENDIAN),
            buffer.getLong(ipv6Offset + 24, BIG_ENDIAN), buffer.getLong(ipv6Offset + 32, BIG_ENDIAN), icmpLength,
            NeighborFrames.NEXT_HEADER_ICMPV6);
        return Checksum.finish(Checksum.sum(buffer, icmpOffset, icmpLength, pseudoHeader));
    }

    /** ff02::1, high 64 bits. */
    static long allNodesHi()
    {
        return ALL_NODES_HI;
    }

    /** ff02::1, low 64 bits. */
    static long allNodesLo()
    {
        return ALL_NODES_LO;
    }
}
