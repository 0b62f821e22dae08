package net.srv6epe.srv6.behavior;

import net.srv6epe.srv6.DropReason;
import net.srv6epe.srv6.wire.FiveTuple;
import net.srv6epe.srv6.wire.Icmpv4Message;
import net.srv6epe.srv6.wire.Icmpv6Message;
import net.srv6epe.srv6.wire.IpProtocol;
import net.srv6epe.srv6.wire.Ipv4Header;
import net.srv6epe.srv6.wire.Ipv6ExtensionChain;
import net.srv6epe.srv6.wire.Ipv6Header;
import org.agrona.MutableDirectBuffer;

/**
 * The headend behaviors H.Encaps and H.Encaps.Red (RFC 8986 5.1, 5.2) of an IPv6 or IPv4 packet, in place: the
 * outer IPv6 header (and SRH) of an {@link EncapTemplate} is copied into the headroom in front of the packet and
 * patched.
 *
 * <pre>
 * RFC 8986 5.1 S01 push IPv6 + SRH   S02 SA = A, DA = S1   S03 payload length, traffic class, flow label,
 * hop limit, next header             S04 SRH fields (precomputed)   S05 egress IPv6 FIB lookup
 * </pre>
 *
 * Field choices:
 * <ul>
 *   <li>Traffic Class: copied from the inner Traffic Class (IPv6) or TOS (IPv4) (RFC 2473 6.5 uniform model,
 *       as Linux {@code seg6_do_srh_encap} does for IPv6; Linux writes 0 for IPv4 inner).</li>
 *   <li>Flow Label: the inner flow label when non-zero, else a 20-bit hash of the inner 5-tuple (RFC 6437 3,
 *       RFC 6438); IPv4 inner always hashed. Linux by default ({@code seg6_flowlabel = 0}) does the same for IPv6
 *       inner packets only when the sysctl says so; we always do it, ECMP in the underlay depends on it.</li>
 *   <li>Inner hop limit / TTL: when {@code decrementInner}, the headend acts as a router forwarding the inner
 *       packet into the tunnel (RFC 2473 3.1, 6.3): hop limit/TTL <= 1 is answered with Time Exceeded and the
 *       inner value is decremented (IPv4 checksum patched per RFC 1624). Linux does not decrement on encap (its
 *       {@code seg6_input} runs before {@code ip6_forward}); pass false for a Linux-identical packet.</li>
 *   <li>Outer hop limit: {@code outerHopLimit} (the tunnel's hop limit, RFC 2473 6.3; 64 is usual), or, when
 *       {@code outerHopLimit <= 0}, copied from the inner packet after its decrement (Linux behaviour for IPv6
 *       inner).</li>
 *   <li>MTU: when inner + outer headers exceed {@code egressMtu}: IPv6 inner -> ICMPv6 Packet Too Big with MTU =
 *       egressMtu - overhead (RFC 4443 3.2, RFC 2473 7.1); IPv4 inner with DF -> ICMP Destination Unreachable /
 *       Fragmentation Needed with next-hop MTU = egressMtu - overhead (RFC 1191 4); IPv4 inner without DF ->
 *       dropped with {@link DropReason#IPV4_TOO_BIG_NO_DF} and no ICMP (we do not fragment; the Linux kernel would
 *       fragment the outer IPv6 packet instead).</li>
 * </ul>
 *
 * Not thread-safe: one instance per worker. Allocates nothing per packet.
 */
public final class HeadEnd
{
    /** The usual tunnel hop limit (RFC 2473 6.3 leaves it to configuration; Linux uses the route's, 64). */
    public static final int DEFAULT_OUTER_HOP_LIMIT = 64;

    private final Ipv6Header outer = new Ipv6Header();
    private final Ipv6Header innerIpv6 = new Ipv6Header();
    private final Ipv4Header innerIpv4 = new Ipv4Header();
    private final Ipv6ExtensionChain chain = new Ipv6ExtensionChain();
    private final FiveTuple tuple = new FiveTuple();

    /**
     * Encapsulates the packet at {@code ctx} (family from {@link PacketContext#family()}).
     *
     * @param template the precomputed outer headers (H.Encaps or H.Encaps.Red)
     * @param egressMtu MTU of the underlay egress link (the outer packet must fit it)
     * @param outerHopLimit hop limit of the outer header, or <= 0 to copy the (decremented) inner one
     * @param decrementInner whether to check and decrement the inner hop limit / TTL as a forwarding router
     * @return {@link Verdict#LOOKUP} (route the outer packet by its DA in the underlay FIB) or
     *     {@link Verdict#DROP}
     */
    public int encapsulate(
        final EncapTemplate template, final PacketContext ctx, final int egressMtu, final int outerHopLimit,
        final boolean decrementInner)
    {
        final MutableDirectBuffer buffer = ctx.buffer();
        final int innerOffset = ctx.l3Offset();
        final int overhead = template.length();
        final int family = ctx.family();
        int innerLength = ctx.l3Length();
        final int trafficClass;
        int flowLabel;
        int innerHopLimit;

        if (family == 6)
        {
            innerIpv6.wrap(buffer, innerOffset, innerLength);
            if (innerLength < Ipv6Header.HEADER_LENGTH)
            {
                return ctx.drop(DropReason.IPV6_TRUNCATED);
            }
            if (innerIpv6.version() != 6)
            {
                return ctx.drop(DropReason.IPV6_BAD_VERSION);
            }
            if (innerIpv6.totalLength() > innerLength)
            {
                return ctx.drop(DropReason.IPV6_TRUNCATED);
            }
            innerLength = innerIpv6.totalLength();
            ctx.l3Length(innerLength);
            innerHopLimit = innerIpv6.hopLimit();
            if (decrementInner && innerHopLimit <= 1)
            {
                return ctx.dropWithIcmpv6(DropReason.IPV6_HOP_LIMIT_EXCEEDED, Icmpv6Message.TYPE_TIME_EXCEEDED,
                    Icmpv6Message.CODE_HOP_LIMIT_EXCEEDED, 0);
            }
            if (innerLength + overhead > egressMtu)
            {
                // RFC 4443 3.2 / RFC 2473 7.1: tell the source the MTU left inside the tunnel
                return ctx.dropWithIcmpv6(DropReason.IPV6_PACKET_TOO_BIG, Icmpv6Message.TYPE_PACKET_TOO_BIG, 0,
                    Math.max(0, egressMtu - overhead));
            }
            trafficClass = innerIpv6.trafficClass();
            flowLabel = innerIpv6.flowLabel();
            if (flowLabel == 0)
            {
                chain.walk(buffer, innerOffset, innerLength);
                flowLabel = tuple.extractIpv6(buffer, innerOffset, innerOffset + innerLength, chain).flowHash20();
            }
        }
        else if (family == 4)
        {
            innerIpv4.wrap(buffer, innerOffset, innerLength);
            final DropReason invalid = innerIpv4.validate();
            if (invalid != null)
            {
                return ctx.drop(invalid);
            }
            innerLength = innerIpv4.totalLength();
            ctx.l3Length(innerLength);
            innerHopLimit = innerIpv4.ttl();
            if (decrementInner && innerHopLimit <= 1)
            {
                return ctx.dropWithIcmpv4(DropReason.IPV4_TTL_EXCEEDED, Icmpv4Message.TYPE_TIME_EXCEEDED,
                    Icmpv4Message.CODE_TTL_EXCEEDED, 0);
            }
            if (innerLength + overhead > egressMtu)
            {
                if (innerIpv4.dontFragment())
                {
                    // RFC 1191 4: Fragmentation Needed with the next-hop MTU
                    return ctx.dropWithIcmpv4(DropReason.IPV4_FRAGMENTATION_NEEDED,
                        Icmpv4Message.TYPE_DESTINATION_UNREACHABLE, Icmpv4Message.CODE_FRAGMENTATION_NEEDED,
                        Math.max(0, egressMtu - overhead));
                }
                return ctx.drop(DropReason.IPV4_TOO_BIG_NO_DF);
            }
            trafficClass = innerIpv4.tos();
            flowLabel = tuple.extractIpv4(buffer, innerOffset, innerOffset + innerLength).flowHash20();
        }
        else
        {
            return ctx.drop(DropReason.SRV6_INNER_UNSUPPORTED);
        }

        final int outerPayloadLength = overhead - Ipv6Header.HEADER_LENGTH + innerLength;
        if (outerPayloadLength > 0xFFFF)
        {
            return ctx.drop(DropReason.ENCAP_TOO_LONG);
        }
        final int outerOffset = innerOffset - overhead;
        if (outerOffset < ctx.headroomStart())
        {
            return ctx.drop(DropReason.ENCAP_NO_HEADROOM);
        }

        if (decrementInner)
        {
            innerHopLimit--;
            if (family == 6)
            {
                innerIpv6.hopLimit(innerHopLimit);
            }
            else
            {
                innerIpv4.decrementTtl();
            }
        }

        // RFC 8986 5.1 S01, S02, S04: push the precomputed IPv6 header (SA = A, DA = S1) and SRH
        buffer.putBytes(outerOffset, template.headerBytes());
        // RFC 8986 5.1 S03: payload length, traffic class, flow label, hop limit, next header
        outer.wrap(buffer, outerOffset, overhead + innerLength)
            .versionClassFlow(trafficClass, flowLabel)
            .payloadLength(outerPayloadLength)
            .hopLimit(outerHopLimit > 0 ? outerHopLimit : innerHopLimit);
        buffer.putByte(outerOffset + template.nextHeaderOffset(), (byte)(family == 6 ? IpProtocol.IPV6 : IpProtocol.IPV4));

        ctx.l3Offset(outerOffset).l3Length(overhead + innerLength).family(6);
        // RFC 8986 5.1 S05: submit to the egress IPv6 FIB lookup
        return Verdict.LOOKUP;
    }
}
