package net.srv6epe.srv6.behavior;

import net.srv6epe.srv6.DropReason;
import net.srv6epe.srv6.wire.Icmpv6Message;
import net.srv6epe.srv6.wire.IpProtocol;
import net.srv6epe.srv6.wire.Ipv6ExtensionChain;
import net.srv6epe.srv6.wire.Ipv6Header;
import org.agrona.MutableDirectBuffer;

/**
 * Turns an ICMPv6 Echo Request to one of our addresses or SIDs into an Echo Reply in place (RFC 4443 4.2), for
 * the {@link Verdict#LOCAL} verdict. The reply is a plain IPv6 packet: the request's extension headers (an SRH
 * with Segments Left 0, for instance) are dropped, the source becomes the address the request was sent to and the
 * destination the request's source; identifier, sequence number and data are echoed.
 *
 * <p>Not thread-safe: one instance per worker.
 */
public final class EchoResponder
{
    private final Ipv6Header ipv6 = new Ipv6Header();
    private final Icmpv6Message icmp = new Icmpv6Message();
    private final Ipv6ExtensionChain chain = new Ipv6ExtensionChain();

    /**
     * @param hopLimit hop limit of the reply
     * @return {@link Verdict#LOOKUP} (route the reply by its new DA) or {@link Verdict#DROP} (not an echo request,
     *     fragmented, bad checksum, multicast/unspecified source), with the context's reason set
     */
    public int reply(final PacketContext ctx, final int hopLimit)
    {
        final MutableDirectBuffer buffer = ctx.buffer();
        final int offset = ctx.l3Offset();
        ipv6.wrap(buffer, offset, ctx.l3Length());
        if (!ipv6.isValid())
        {
            return ctx.drop(DropReason.IPV6_TRUNCATED);
        }
        final int end = offset + ipv6.totalLength();
        if (!chain.walk(buffer, offset, ipv6.totalLength()))
        {
            return ctx.drop(chain.dropReason());
        }
        if (chain.isFragment() || chain.upperLayerProtocol() != IpProtocol.ICMPV6 ||
            chain.upperLayerOffset() + Icmpv6Message.HEADER_LENGTH > end)
        {
            return ctx.drop(DropReason.LOCAL_UNSUPPORTED_PROTOCOL);
        }
        final long srcHi = ipv6.sourceHi();
        final long srcLo = ipv6.sourceLo();
        final long dstHi = ipv6.destinationHi();
        final long dstLo = ipv6.destinationLo();
        if (Ipv6Header.isUnspecified(srcHi, srcLo) || Ipv6Header.isMulticast(srcHi))
        {
            return ctx.drop(DropReason.IPV6_BAD_SOURCE);
        }
        final int icmpOffset = chain.upperLayerOffset();
        final int icmpLength = end - icmpOffset;
        icmp.wrap(buffer, icmpOffset, icmpLength);
        if (icmp.type() != Icmpv6Message.TYPE_ECHO_REQUEST || icmp.code() != 0)
        {
            return ctx.drop(DropReason.LOCAL_UNSUPPORTED_PROTOCOL);
        }
        if (!icmp.isChecksumValid(srcHi, srcLo, dstHi, dstLo))
        {
            return ctx.drop(DropReason.ICMP_BAD_CHECKSUM);
        }
        final int trafficClass = ipv6.trafficClass();
        final int flowLabel = ipv6.flowLabel();

        final int replyOffset = icmpOffset - Ipv6Header.HEADER_LENGTH;
        ipv6.wrap(buffer, replyOffset, Ipv6Header.HEADER_LENGTH + icmpLength)
            .versionClassFlow(trafficClass, flowLabel)
            .payloadLength(icmpLength)
            .nextHeader(IpProtocol.ICMPV6)
            .hopLimit(hopLimit)
            .source(dstHi, dstLo)
            .destination(srcHi, srcLo);
        icmp.type(Icmpv6Message.TYPE_ECHO_REPLY).computeChecksum(dstHi, dstLo, srcHi, srcLo);
        ctx.l3Offset(replyOffset).l3Length(Ipv6Header.HEADER_LENGTH + icmpLength).family(6);
        return Verdict.LOOKUP;
    }
}
