package net.srv6epe.srv6.wire;

import net.srv6epe.srv6.DropReason;
import org.agrona.DirectBuffer;

/**
 * Walks the extension header chain of one IPv6 packet (RFC 8200 4) and remembers where things are: the
 * Routing header and the SRH if any, the Fragment header if any, the upper-layer protocol and its offset.
 * Reusable: one instance per worker, {@link #walk} resets it.
 *
 * <pre>
 * IPv6 | HBH(0)? | DestOpt(60)? | Routing(43)? | Fragment(44)? | DestOpt(60)? | upper layer
 *  every extension header but Fragment: Next Header (8) | Hdr Ext Len (8, in 8-octet units minus one) | ...
 *  Fragment: Next Header (8) | Reserved (8) | Fragment Offset (13) | Res (2) | M (1) | Identification (32)
 * </pre>
 *
 * Recognized extension headers are exactly HBH, Routing, Fragment and Destination Options; any other Next Header
 * value (ESP, AH, No Next Header, TCP, ...) ends the walk as the upper layer. Every read is bounds-checked
 * against {@code [offset, offset + length)}. A Hop-by-Hop header anywhere but first (RFC 8200 4.3), more than one
 * Routing header, or a header overrunning the packet makes the walk fail with
 * {@link DropReason#IPV6_BAD_EXTENSION_HEADER}. In a non-first fragment the walk stops at the Fragment header:
 * what follows is not a header.
 */
public final class Ipv6ExtensionChain
{
    public static final int FRAGMENT_HEADER_LENGTH = 8;

    private int packetOffset;
    private DropReason dropReason;
    private int errorPointer;
    private int routingOffset;
    private int routingType;
    private int srhOffset;
    private int srhPrecedingNextHeaderOffset;
    private int fragmentOffset;
    private boolean nonFirstFragment;
    private int upperLayerProtocol;
    private int upperLayerOffset;
    private int upperLayerNextHeaderOffset;

    /**
     * Walks the chain of the IPv6 packet at {@code offset}. The fixed header must already be known to fit
     * ({@code length >= 40}).
     *
     * @param length the IPv6 packet length (40 + payload length, not the frame length)
     * @return true when the chain is well formed; otherwise {@link #dropReason()} says why
     */
    public boolean walk(final DirectBuffer buffer, final int offset, final int length)
    {
        packetOffset = offset;
        dropReason = null;
        errorPointer = -1;
        routingOffset = -1;
        routingType = -1;
        srhOffset = -1;
        srhPrecedingNextHeaderOffset = -1;
        fragmentOffset = -1;
        nonFirstFragment = false;
        upperLayerProtocol = -1;
        upperLayerOffset = -1;
        upperLayerNextHeaderOffset = -1;

        if (length < Ipv6Header.HEADER_LENGTH)
        {
            return fail(DropReason.IPV6_TRUNCATED, -1);
        }
        final int end = offset + length;
        int nextHeaderFieldOffset = offset + Ipv6Header.NEXT_HEADER_OFFSET;
        int nextHeader = buffer.getByte(nextHeaderFieldOffset) & 0xFF;
        int at = offset + Ipv6Header.HEADER_LENGTH;

        while (true)
        {
            switch (nextHeader)
            {
                case IpProtocol.HOP_BY_HOP:
                case IpProtocol.DESTINATION_OPTIONS:
                case IpProtocol.ROUTING:
                {
                    if (nextHeader == IpProtocol.HOP_BY_HOP && at != offset + Ipv6Header.HEADER_LENGTH)
                    {
                        // RFC 8200 4.3: HBH only right after the IPv6 header (Parameter Problem code 1)
                        return fail(DropReason.IPV6_BAD_EXTENSION_HEADER, nextHeaderFieldOffset - offset);
                    }
                    if (at + 2 > end)
                    {
                        return fail(DropReason.IPV6_BAD_EXTENSION_HEADER, -1);
                    }
                    final int headerLength = ((buffer.getByte(at + 1) & 0xFF) + 1) * 8;
                    if (at + headerLength > end)
                    {
                        // An SRH whose Hdr Ext Len runs past the packet is a truncated SRH (RFC 8754 4.3)
                        final boolean srh = nextHeader == IpProtocol.ROUTING && at + 3 <= end &&
                            (buffer.getByte(at + 2) & 0xFF) == Srh.ROUTING_TYPE_SRH;
                        return fail(srh ? DropReason.SRH_TRUNCATED : DropReason.IPV6_BAD_EXTENSION_HEADER, -1);
                    }
                    if (nextHeader == IpProtocol.ROUTING)
                    {
                        if (routingOffset >= 0 || headerLength < 8)
                        {
                            return fail(DropReason.IPV6_BAD_EXTENSION_HEADER, -1);
                        }
                        routingOffset = at;
                        routingType = buffer.getByte(at + 2) & 0xFF;
                        if (routingType == Srh.ROUTING_TYPE_SRH)
                        {
                            srhOffset = at;
                            srhPrecedingNextHeaderOffset = nextHeaderFieldOffset;
                        }
                    }
                    nextHeaderFieldOffset = at;
                    nextHeader = buffer.getByte(at) & 0xFF;
                    at += headerLength;
                    break;
                }

                case IpProtocol.FRAGMENT:
                {
                    if (at + FRAGMENT_HEADER_LENGTH > end || fragmentOffset >= 0)
                    {
                        return fail(DropReason.IPV6_BAD_EXTENSION_HEADER, -1);
                    }
                    fragmentOffset = at;
                    final int offsetField = ((buffer.getByte(at + 2) & 0xFF) << 8) | (buffer.getByte(at + 3) & 0xFF);
                    nextHeaderFieldOffset = at;
                    nextHeader = buffer.getByte(at) & 0xFF;
                    at += FRAGMENT_HEADER_LENGTH;
                    if ((offsetField >>> 3) != 0)
                    {
                        nonFirstFragment = true;
                        return upperLayer(nextHeader, at, nextHeaderFieldOffset);
                    }
                    break;
                }

                default:
                    return upperLayer(nextHeader, at, nextHeaderFieldOffset);
            }
        }
    }

    private boolean upperLayer(final int protocol, final int at, final int nextHeaderFieldOffset)
    {
        upperLayerProtocol = protocol;
        upperLayerOffset = at;
        upperLayerNextHeaderOffset = nextHeaderFieldOffset;
        return true;
    }

    private boolean fail(final DropReason reason, final int pointer)
    {
        dropReason = reason;
        errorPointer = pointer;
        return false;
    }

    /** Null after a successful walk. */
    public DropReason dropReason()
    {
        return dropReason;
    }

    /**
     * For a misplaced Hop-by-Hop header, the ICMPv6 Parameter Problem (code 1) pointer relative to the packet
     * start; -1 when the failure warrants no ICMP error (truncation).
     */
    public int errorPointer()
    {
        return errorPointer;
    }

    /** Absolute offset of the IPv6 header walked. */
    public int packetOffset()
    {
        return packetOffset;
    }

    /** Absolute offset of the Routing header of any type, or -1. */
    public int routingOffset()
    {
        return routingOffset;
    }

    /** Routing type of the Routing header, or -1. */
    public int routingType()
    {
        return routingType;
    }

    public boolean hasSrh()
    {
        return srhOffset >= 0;
    }

    /** Absolute offset of the SRH (Routing header type 4), or -1. */
    public int srhOffset()
    {
        return srhOffset;
    }

    /** Absolute offset of the Next Header field that names the SRH (in the IPv6 header or an earlier one). */
    public int srhPrecedingNextHeaderOffset()
    {
        return srhPrecedingNextHeaderOffset;
    }

    public boolean isFragment()
    {
        return fragmentOffset >= 0;
    }

    /** Absolute offset of the Fragment header, or -1. */
    public int fragmentHeaderOffset()
    {
        return fragmentOffset;
    }

    /** True for a fragment with a non-zero offset: no upper-layer header follows. */
    public boolean isNonFirstFragment()
    {
        return nonFirstFragment;
    }

    /** Protocol of what follows the last extension header (e.g. 41, 4, 58, 6, 17, 59). */
    public int upperLayerProtocol()
    {
        return upperLayerProtocol;
    }

    /** Absolute offset of the upper-layer header (may equal the packet end for No Next Header). */
    public int upperLayerOffset()
    {
        return upperLayerOffset;
    }

    /** Absolute offset of the Next Header field that names the upper layer. */
    public int upperLayerNextHeaderOffset()
    {
        return upperLayerNextHeaderOffset;
    }
}
