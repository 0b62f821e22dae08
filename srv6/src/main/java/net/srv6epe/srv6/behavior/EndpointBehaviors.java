package net.srv6epe.srv6.behavior;

import net.srv6epe.srv6.Behavior;
import net.srv6epe.srv6.DropReason;
import net.srv6epe.srv6.Flavor;
import net.srv6epe.srv6.wire.Icmpv6Message;
import net.srv6epe.srv6.wire.IpProtocol;
import net.srv6epe.srv6.wire.Ipv4Header;
import net.srv6epe.srv6.wire.Ipv6ExtensionChain;
import net.srv6epe.srv6.wire.Ipv6Header;
import net.srv6epe.srv6.wire.Srh;
import org.agrona.MutableDirectBuffer;

/**
 * The SRv6 endpoint behaviors of RFC 8986 section 4 as a table: one {@link EndpointDescriptor} row per behavior
 * and two shared step functions, the segment endpoint (End 4.1, End.X 4.2, with PSP/USP/USD 4.16) and the
 * decapsulating endpoint (End.DX6 4.4, End.DX4 4.5, End.DT6 4.6, End.DT4 4.7, End.DT46 4.8). SRH processing
 * follows RFC 8754 4.3.1.1 with the error rules of both RFCs.
 *
 * <p>The packet at {@link PacketContext#l3Offset()} is the IPv6 packet whose destination matched a local SID of
 * the given behavior. Every check that can fail runs before the packet is modified, so when the verdict is
 * {@link Verdict#DROP} with an ICMP error, the invoking packet is intact for {@link IcmpErrorWriter}.
 *
 * <p>Hop limit: End/End.X decrement the outer hop limit (RFC 8986 4.1 S12). Decapsulating behaviors leave the
 * inner packet's hop limit / TTL alone: the inner packet is then forwarded by the caller (lookup in the VRF, or
 * sent to the End.DX next hop) and a router forwarding it checks and decrements its hop limit / TTL there, as
 * Linux does in {@code ip6_forward}/{@code ip_forward} after {@code seg6local} decapsulation.
 *
 * <p>Not thread-safe: one instance per worker (it holds reusable flyweights). Allocates nothing per packet.
 */
public final class EndpointBehaviors
{
    private static final int ALL_FLAVORS = Flavor.PSP.bit() | Flavor.USP.bit() | Flavor.USD.bit();
    private static final EndpointDescriptor[] TABLE = new EndpointDescriptor[Behavior.values().length];

    static
    {
        //  behavior            required attributes                     flavors      decapsulates                  last-seg  verdict
        row(Behavior.END,      0,                                       ALL_FLAVORS, 0,                            false,    Verdict.LOOKUP);
        row(Behavior.END_X,    EndpointDescriptor.ATTR_NEXT_HOP,       ALL_FLAVORS, 0,                            false,    Verdict.FORWARD_NEXTHOP);
        row(Behavior.END_DX6,  EndpointDescriptor.ATTR_NEXT_HOP,       0,           EndpointDescriptor.DECAP_IPV6, true,     Verdict.FORWARD_NEXTHOP);
        row(Behavior.END_DX4,  EndpointDescriptor.ATTR_NEXT_HOP,       0,           EndpointDescriptor.DECAP_IPV4, true,     Verdict.FORWARD_NEXTHOP);
        row(Behavior.END_DT6,  EndpointDescriptor.ATTR_VRF,            0,           EndpointDescriptor.DECAP_IPV6, true,     Verdict.DECAP_LOOKUP_IPV6);
        row(Behavior.END_DT4,  EndpointDescriptor.ATTR_VRF,            0,           EndpointDescriptor.DECAP_IPV4, true,     Verdict.DECAP_LOOKUP_IPV4);
        row(Behavior.END_DT46, EndpointDescriptor.ATTR_VRF,            0,
            EndpointDescriptor.DECAP_IPV6 | EndpointDescriptor.DECAP_IPV4,                                         true,     Verdict.DECAP_LOOKUP_IPV6);
    }

    private static void row(
        final Behavior behavior, final int attributes, final int flavors, final int decapsulates,
        final boolean needsLastSegment, final int verdict)
    {
        TABLE[behavior.ordinal()] =
            new EndpointDescriptor(behavior, attributes, flavors, decapsulates, needsLastSegment, verdict);
    }

    private final Ipv6Header ipv6 = new Ipv6Header();
    private final Ipv6Header innerIpv6 = new Ipv6Header();
    private final Ipv4Header innerIpv4 = new Ipv4Header();
    private final Ipv6ExtensionChain chain = new Ipv6ExtensionChain();
    private final Srh srh = new Srh();
    /** Whether {@link #srh} is wrapped over an SRH the last {@link #process} validated completely. */
    private boolean srhValid;

    /** The table row of an endpoint behavior, or null for headend behaviors. */
    public static EndpointDescriptor descriptor(final Behavior behavior)
    {
        return TABLE[behavior.ordinal()];
    }

    /**
     * The SRH the last {@link #process} validated completely, still wrapped over the packet's bytes (a decapsulating
     * behavior leaves them in place in front of the inner packet), or null when the packet had none or an invalid
     * one. Read it before the buffer changes; its TLVs may be walked without validating again.
     */
    public Srh validatedSrh()
    {
        return srhValid ? srh : null;
    }

    /**
     * Runs an endpoint behavior on the IPv6 packet at {@code ctx}.
     *
     * @param behavior an endpoint behavior (headend behaviors drop with {@link DropReason#SRV6_SID_UNKNOWN})
     * @param flavors {@link Flavor} bits; bits the behavior does not accept are ignored
     * @return a {@link Verdict}
     */
    public int process(final Behavior behavior, final int flavors, final PacketContext ctx)
    {
        srhValid = false;
        final EndpointDescriptor row = TABLE[behavior.ordinal()];
        if (row == null)
        {
            return ctx.drop(DropReason.SRV6_SID_UNKNOWN);
        }

        final MutableDirectBuffer buffer = ctx.buffer();
        final int offset = ctx.l3Offset();
        if (ctx.l3Length() < Ipv6Header.HEADER_LENGTH)
        {
            return ctx.drop(DropReason.IPV6_TRUNCATED);
        }
        ipv6.wrap(buffer, offset, ctx.l3Length());
        if (ipv6.version() != 6)
        {
            return ctx.drop(DropReason.IPV6_BAD_VERSION);
        }
        if (ipv6.totalLength() > ctx.l3Length())
        {
            return ctx.drop(DropReason.IPV6_TRUNCATED);
        }
        ctx.l3Length(ipv6.totalLength()); // trim link-layer padding
        ctx.family(6);

        if (!chain.walk(buffer, offset, ctx.l3Length()))
        {
            if (chain.errorPointer() >= 0)
            {
                // RFC 8200 4.3: HBH not first -> Parameter Problem code 1, pointer to the Next Header naming it
                return ctx.dropWithIcmpv6(chain.dropReason(), Icmpv6Message.TYPE_PARAMETER_PROBLEM,
                    Icmpv6Message.CODE_UNRECOGNIZED_NEXT_HEADER, chain.errorPointer());
            }
            return ctx.drop(chain.dropReason());
        }

        DropReason srhState = null;
        if (chain.hasSrh())
        {
            srh.wrap(buffer, chain.srhOffset(), ctx.l3End() - chain.srhOffset());
            // Linux seg6_validate_srh: the SRH is validated once, completely, before anything reads it
            srhState = srh.validate();
            srhValid = srhState == null;
            if (srhState == DropReason.SRH_TRUNCATED || srhState == DropReason.SRH_BAD_TLV)
            {
                return ctx.drop(srhState);
            }
            if (srhState == DropReason.SRH_BAD_LENGTH)
            {
                // RFC 8754 4.3.1.1 S10, S12: Last Entry > max_last_entry -> Parameter Problem code 0, pointer to SL
                return paramProblemAtSegmentsLeft(ctx, DropReason.SRH_BAD_LENGTH);
            }
        }
        else if (chain.routingOffset() >= 0 && segmentsLeftOfRouting(buffer) != 0)
        {
            // RFC 8200 4.4: unrecognized Routing Type with Segments Left != 0 -> Parameter Problem code 0,
            // pointer to the Routing Type field
            return ctx.dropWithIcmpv6(DropReason.IPV6_UNKNOWN_ROUTING_TYPE, Icmpv6Message.TYPE_PARAMETER_PROBLEM,
                Icmpv6Message.CODE_ERRONEOUS_HEADER, chain.routingOffset() + 2 - offset);
        }

        return row.needsLastSegment() ?
            decapsulatingEndpoint(row, ctx) :
            segmentEndpoint(row, flavors & row.allowedFlavors(), srhState, ctx);
    }

    /** RFC 8986 4.1 (End), 4.2 (End.X), 4.16 (PSP, USP, USD). */
    private int segmentEndpoint(
        final EndpointDescriptor row, final int flavors, final DropReason srhState, final PacketContext ctx)
    {
        final boolean usd = Flavor.isSet(flavors, Flavor.USD);
        final int decap = usd ? EndpointDescriptor.DECAP_IPV6 | EndpointDescriptor.DECAP_IPV4 : 0;
        if (!chain.hasSrh())
        {
            // No SRH: the SID is the final destination; process the upper layer (RFC 8986 4.1.1)
            return upperLayer(row, decap, ctx);
        }

        // RFC 8986 4.1 S02: Segments Left == 0 -> stop processing the SRH, process the next header
        if (srh.segmentsLeft() == 0)
        {
            // RFC 8986 4.16.3 USD S03: skip the SRH and process the next header (decapsulation below)
            final int verdict = upperLayer(row, decap, ctx);
            if (verdict == Verdict.LOCAL && Flavor.isSet(flavors, Flavor.USP))
            {
                // RFC 8986 4.16.2 S02.1-S02.3: pop the SRH before the upper layer is processed. Done after the
                // upper-layer check (which the pop does not change) so that a drop leaves the packet intact for
                // its ICMP error; a decapsulated packet loses the SRH with the outer header anyway.
                removeSrh(ctx);
            }
            return verdict;
        }

        // RFC 8986 4.1 S05-S06: hop limit <= 1 -> Time Exceeded code 0
        if (ipv6.hopLimit() <= 1)
        {
            return ctx.dropWithIcmpv6(DropReason.IPV6_HOP_LIMIT_EXCEEDED, Icmpv6Message.TYPE_TIME_EXCEEDED,
                Icmpv6Message.CODE_HOP_LIMIT_EXCEEDED, 0);
        }

        // RFC 8986 4.1 S09-S10: Segments Left > Last Entry + 1 -> Parameter Problem code 0, pointer to SL
        if (srhState == DropReason.SRH_SL_EXCEEDS_LAST_ENTRY)
        {
            return paramProblemAtSegmentsLeft(ctx, DropReason.SRH_SL_EXCEEDS_LAST_ENTRY);
        }

        // RFC 8986 4.1 S12: decrement the hop limit
        ipv6.hopLimit(ipv6.hopLimit() - 1);
        // RFC 8986 4.1 S13: decrement Segments Left
        final int segmentsLeft = srh.segmentsLeft() - 1;
        srh.segmentsLeft(segmentsLeft);
        // RFC 8986 4.1 S14: update the DA with Segment List[Segments Left]
        ipv6.destination(srh.segmentHi(segmentsLeft), srh.segmentLo(segmentsLeft));

        // RFC 8986 4.16.1 S14.1-S14.4: PSP pops the SRH at the penultimate segment
        if (segmentsLeft == 0 && Flavor.isSet(flavors, Flavor.PSP))
        {
            removeSrh(ctx);
        }

        // RFC 8986 4.1 S15 (End): FIB lookup of the new DA; 4.2 S15 (End.X): to the adjacency
        return row.verdictAfterSegment();
    }

    /** RFC 8986 4.4 - 4.8: End.DX6, End.DX4, End.DT6, End.DT4, End.DT46. */
    private int decapsulatingEndpoint(final EndpointDescriptor row, final PacketContext ctx)
    {
        // RFC 8986 4.4 S02-S03: Segments Left != 0 -> Parameter Problem code 0, pointer to SL
        if (chain.hasSrh() && srh.segmentsLeft() != 0)
        {
            return paramProblemAtSegmentsLeft(ctx, DropReason.SRH_SL_NONZERO);
        }
        // RFC 8986 4.4 S05: proceed to process the next header (the upper layer)
        return upperLayer(row, row.decapsulates(), ctx);
    }

    /**
     * Upper-layer processing at a local SID: decapsulation where the behavior (or USD) allows it, ICMPv6 to the
     * local stack, anything else RFC 8986 4.1.1 S04.
     */
    private int upperLayer(final EndpointDescriptor row, final int decapsulates, final PacketContext ctx)
    {
        if (chain.isFragment() && isRealFragment(ctx.buffer()))
        {
            // No reassembly: neither decapsulation nor local delivery can see a whole upper-layer packet
            return ctx.drop(DropReason.SRV6_FRAGMENTED);
        }

        final int protocol = chain.upperLayerProtocol();
        if (protocol == IpProtocol.IPV6 && (decapsulates & EndpointDescriptor.DECAP_IPV6) != 0)
        {
            return decapsulate(row, ctx, 6);
        }
        if (protocol == IpProtocol.IPV4 && (decapsulates & EndpointDescriptor.DECAP_IPV4) != 0)
        {
            return decapsulate(row, ctx, 4);
        }
        if (protocol == IpProtocol.ICMPV6)
        {
            // RFC 8986 4.1.1 S01-S02: ICMPv6 is allowed by local configuration (ping and traceroute to a SID)
            return Verdict.LOCAL;
        }
        // RFC 8986 4.1.1 S04: Parameter Problem code 4, pointer to the Upper-Layer header
        return ctx.dropWithIcmpv6(DropReason.SRV6_UPPER_LAYER_UNSUPPORTED, Icmpv6Message.TYPE_PARAMETER_PROBLEM,
            Icmpv6Message.CODE_SR_UPPER_LAYER_HEADER, chain.upperLayerOffset() - ctx.l3Offset());
    }

    /** RFC 8986 4.4 S02 (and 4.5-4.8, 4.16.3): remove the outer IPv6 header with all its extension headers. */
    private int decapsulate(final EndpointDescriptor row, final PacketContext ctx, final int family)
    {
        final MutableDirectBuffer buffer = ctx.buffer();
        final int innerOffset = chain.upperLayerOffset();
        final int innerLength = ctx.l3End() - innerOffset;
        if (family == 6)
        {
            innerIpv6.wrap(buffer, innerOffset, innerLength);
            if (innerLength < Ipv6Header.HEADER_LENGTH || innerIpv6.version() != 6 ||
                innerIpv6.totalLength() > innerLength)
            {
                return ctx.drop(DropReason.SRV6_INNER_UNSUPPORTED);
            }
            ctx.l3Offset(innerOffset).l3Length(innerIpv6.totalLength()).family(6);
            return row.requiresNextHop() ? Verdict.FORWARD_NEXTHOP : Verdict.DECAP_LOOKUP_IPV6;
        }
        innerIpv4.wrap(buffer, innerOffset, innerLength);
        if (innerIpv4.validate() != null)
        {
            return ctx.drop(DropReason.SRV6_INNER_UNSUPPORTED);
        }
        ctx.l3Offset(innerOffset).l3Length(innerIpv4.totalLength()).family(4);
        return row.requiresNextHop() ? Verdict.FORWARD_NEXTHOP : Verdict.DECAP_LOOKUP_IPV4;
    }

    /**
     * Pops the SRH in place (RFC 8986 4.16.1 S14.2-S14.4, 4.16.2 S02.1-S02.3): the Next Header naming the SRH takes
     * the SRH's Next Header, the payload length shrinks by the SRH length, and the headers before the SRH move
     * forward over it, so the packet now starts {@code srhLength} bytes later.
     */
    private void removeSrh(final PacketContext ctx)
    {
        final MutableDirectBuffer buffer = ctx.buffer();
        final int srhOffset = chain.srhOffset();
        final int srhLength = srh.headerLength();
        buffer.putByte(chain.srhPrecedingNextHeaderOffset(), (byte)srh.nextHeader());
        ipv6.payloadLength(ipv6.payloadLength() - srhLength);
        final int start = ctx.l3Offset();
        for (int i = srhOffset - 1; i >= start; i--)
        {
            buffer.putByte(i + srhLength, buffer.getByte(i));
        }
        ctx.l3Offset(start + srhLength).l3Length(ctx.l3Length() - srhLength);
        ipv6.wrap(buffer, ctx.l3Offset(), ctx.l3Length());
    }

    private int paramProblemAtSegmentsLeft(final PacketContext ctx, final DropReason reason)
    {
        return ctx.dropWithIcmpv6(reason, Icmpv6Message.TYPE_PARAMETER_PROBLEM, Icmpv6Message.CODE_ERRONEOUS_HEADER,
            chain.srhOffset() + Srh.SEGMENTS_LEFT_OFFSET - ctx.l3Offset());
    }

    private int segmentsLeftOfRouting(final MutableDirectBuffer buffer)
    {
        return buffer.getByte(chain.routingOffset() + 3) & 0xFF;
    }

    /** A Fragment header with offset 0 and M = 0 is an atomic fragment (RFC 6946): the whole packet is here. */
    private boolean isRealFragment(final MutableDirectBuffer buffer)
    {
        final int at = chain.fragmentHeaderOffset();
        final int offsetAndFlags = ((buffer.getByte(at + 2) & 0xFF) << 8) | (buffer.getByte(at + 3) & 0xFF);
        return (offsetAndFlags & 0xFFF9) != 0;
    }
}
