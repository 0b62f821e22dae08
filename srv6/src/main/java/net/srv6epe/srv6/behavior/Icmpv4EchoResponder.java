package net.srv6epe.srv6.behavior;

import net.srv6epe.srv6.DropReason;
import net.srv6epe.srv6.wire.Icmpv4Message;
import net.srv6epe.srv6.wire.IpProtocol;
import net.srv6epe.srv6.wire.Ipv4Header;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * Turns an ICMP Echo Request (RFC 792) to one of our IPv4 addresses into the Echo Reply, in place: addresses
 * swapped, type 0, TTL set, IP options dropped (the reply starts a fresh 20-octet header right before the ICMP
 * message), both checksums recomputed. Fragments, requests with a bad ICMP checksum and requests from a
 * multicast, broadcast or zero source are not answered.
 *
 * <p>Not thread-safe: one instance per worker.
 */
public final class Icmpv4EchoResponder
{
    private final Ipv4Header ipv4 = new Ipv4Header();
    private final Icmpv4Message icmp = new Icmpv4Message();

    /**
     * @param ttl TTL of the reply
     * @return {@link Verdict#LOOKUP} (route the reply by its new destination) or {@link Verdict#DROP} with the
     *     context's reason set
     */
    public int reply(final PacketContext ctx, final int ttl)
    {
        final MutableDirectBuffer buffer = ctx.buffer();
        final int offset = ctx.l3Offset();
        ipv4.wrap(buffer, offset, ctx.l3Length());
        final DropReason invalid = ipv4.validate();
        if (invalid != null)
        {
            return ctx.drop(invalid);
        }
        final int headerLength = ipv4.headerLength();
        final int icmpLength = ipv4.totalLength() - headerLength;
        if (ipv4.protocol() != IpProtocol.ICMPV4 || ipv4.moreFragments() || ipv4.fragmentOffset() != 0 ||
            icmpLength < Icmpv4Message.HEADER_LENGTH)
        {
            return ctx.drop(DropReason.LOCAL_UNSUPPORTED_PROTOCOL);
        }
        final int src = ipv4.source();
        final int dst = ipv4.destination();
        if (src == 0 || Ipv4Header.isMulticast(src) || Ipv4Header.isLimitedBroadcast(src))
        {
            return ctx.drop(DropReason.IPV4_BAD_SOURCE);
        }
        final int icmpOffset = offset + headerLength;
        icmp.wrap(buffer, icmpOffset, icmpLength);
        if (icmp.type() != Icmpv4Message.TYPE_ECHO_REQUEST || icmp.code() != 0)
        {
            return ctx.drop(DropReason.LOCAL_UNSUPPORTED_PROTOCOL);
        }
        if (!icmp.isChecksumValid())
        {
            return ctx.drop(DropReason.ICMP_BAD_CHECKSUM);
        }
        final int tos = ipv4.tos();
        final int identification = ipv4.identification();

        final int replyOffset = icmpOffset - Ipv4Header.MIN_HEADER_LENGTH;
        buffer.putByte(replyOffset, (byte)0x45);
        buffer.putByte(replyOffset + Ipv4Header.TOS_OFFSET, (byte)tos);
        buffer.putShort(replyOffset + Ipv4Header.TOTAL_LENGTH_OFFSET,
            (short)(Ipv4Header.MIN_HEADER_LENGTH + icmpLength), BIG_ENDIAN);
        buffer.putShort(replyOffset + Ipv4Header.IDENTIFICATION_OFFSET, (short)identification, BIG_ENDIAN);
        buffer.putShort(replyOffset + Ipv4Header.FLAGS_FRAGMENT_OFFSET, (short)0, BIG_ENDIAN);
        buffer.putByte(replyOffset + Ipv4Header.TTL_OFFSET, (byte)ttl);
        buffer.putByte(replyOffset + Ipv4Header.PROTOCOL_OFFSET, (byte)IpProtocol.ICMPV4);
        buffer.putInt(replyOffset + Ipv4Header.SOURCE_OFFSET, dst, BIG_ENDIAN);
        buffer.putInt(replyOffset + Ipv4Header.DESTINATION_OFFSET, src, BIG_ENDIAN);
        ipv4.wrap(buffer, replyOffset, Ipv4Header.MIN_HEADER_LENGTH + icmpLength).computeChecksum();
        icmp.type(Icmpv4Message.TYPE_ECHO_REPLY).computeChecksum();
        ctx.l3Offset(replyOffset).l3Length(Ipv4Header.MIN_HEADER_LENGTH + icmpLength).family(4);
        return Verdict.LOOKUP;
    }
}
