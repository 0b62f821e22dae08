package net.srv6epe.srv6.behavior;

import net.srv6epe.srv6.DropReason;
import net.srv6epe.srv6.wire.Icmpv4Message;
import net.srv6epe.srv6.wire.Icmpv6Message;
import net.srv6epe.srv6.wire.IpProtocol;
import net.srv6epe.srv6.wire.Ipv4Header;
import net.srv6epe.srv6.wire.Ipv6ExtensionChain;
import net.srv6epe.srv6.wire.Ipv6Header;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Writes complete ICMP error packets about an invoking packet: ICMPv6 (RFC 4443: Destination Unreachable, Packet
 * Too Big, Time Exceeded, Parameter Problem) and ICMPv4 (RFC 792, RFC 1191, RFC 1812 4.3.2).
 *
 * <pre>
 * ICMPv6 error: IPv6(our address, invoking source; nh 58, hl 64) | type code checksum | MTU/pointer/unused |
 *               as much of the invoking packet as fits 1280 octets (RFC 4443 2.4 c)
 * ICMPv4 error: IPv4(our address, invoking source; proto 1, ttl 64, tos 0xc0) | type code checksum |
 *               unused / pointer (top octet) / next-hop MTU (low 16 bits) |
 *               as much of the invoking packet as fits 576 octets (RFC 1812 4.3.2.3)
 * </pre>
 *
 * No error is written (the methods return 0 and {@link #suppressedReason()} is
 * {@link DropReason#ICMP_SUPPRESSED}) about an ICMP error message, about a packet from an unspecified or
 * multicast source, about a packet to a multicast destination (except Packet Too Big and Parameter Problem code 2,
 * RFC 4443 2.4 e), or, for IPv4, about a non-first fragment or a broadcast (RFC 1812 4.3.2.7).
 *
 * <p>The output must not overlap the invoking packet. Not thread-safe: one instance per worker.
 */
public final class IcmpErrorWriter
{
    public static final int DEFAULT_HOP_LIMIT = 64;
    /** IP precedence "internetwork control" for ICMP errors (RFC 1812 4.3.2.5, Linux). */
    public static final int IPV4_ERROR_TOS = 0xC0;

    private final Ipv6Header ipv6 = new Ipv6Header();
    private final Ipv4Header ipv4 = new Ipv4Header();
    private final Icmpv6Message icmpv6 = new Icmpv6Message();
    private final Icmpv4Message icmpv4 = new Icmpv4Message();
    private final Ipv6ExtensionChain chain = new Ipv6ExtensionChain();
    private DropReason suppressedReason;

    /**
     * Writes the error a {@link Verdict#DROP} asked for in {@code ctx} about the packet at the context's L3 offset.
     *
     * @return the length written at {@code outOffset}, or 0 when no error must be sent
     */
    public int write(
        final PacketContext ctx, final MutableDirectBuffer out, final int outOffset, final int outCapacity,
        final long ourIpv6Hi, final long ourIpv6Lo, final int ourIpv4)
    {
        if (!ctx.hasIcmpError())
        {
            suppressedReason = null;
            return 0;
        }
        if (ctx.icmpFamily() == 6)
        {
            return writeIcmpv6(out, outOffset, outCapacity, ourIpv6Hi, ourIpv6Lo, ctx.icmpType(), ctx.icmpCode(),
                ctx.icmpParameter(), ctx.buffer(), ctx.l3Offset(), ctx.l3Length());
        }
        return writeIcmpv4(out, outOffset, outCapacity, ourIpv4, ctx.icmpType(), ctx.icmpCode(),
            ctx.icmpParameter(), ctx.buffer(), ctx.l3Offset(), ctx.l3Length());
    }

    /**
     * Writes an ICMPv6 error packet.
     *
     * @param parameter the 32-bit field after the checksum: MTU (Packet Too Big), pointer (Parameter Problem), else 0
     * @return the packet length written, or 0 when the error must not be sent
     */
    public int writeIcmpv6(
        final MutableDirectBuffer out, final int outOffset, final int outCapacity, final long ourHi,
        final long ourLo, final int type, final int code, final long parameter, final DirectBuffer invoking,
        final int invokingOffset, final int invokingLength)
    {
        suppressedReason = DropReason.ICMP_SUPPRESSED;
        if (invokingLength < Ipv6Header.HEADER_LENGTH || outCapacity < Ipv6Header.HEADER_LENGTH + 8)
        {
            return 0;
        }
        final long srcHi = invoking.getLong(invokingOffset + Ipv6Header.SOURCE_OFFSET, ByteOrder.BIG_ENDIAN);
        final long srcLo = invoking.getLong(invokingOffset + Ipv6Header.SOURCE_OFFSET + 8, ByteOrder.BIG_ENDIAN);
        final long dstHi = invoking.getLong(invokingOffset + Ipv6Header.DESTINATION_OFFSET, ByteOrder.BIG_ENDIAN);
        // RFC 4443 2.4 e.6: never to an unspecified or multicast source
        if (Ipv6Header.isUnspecified(srcHi, srcLo) || Ipv6Header.isMulticast(srcHi))
        {
            return 0;
        }
        // RFC 4443 2.4 e.3: not about a packet to multicast, except Packet Too Big and Parameter Problem code 2
        final boolean multicastAllowed = type == Icmpv6Message.TYPE_PACKET_TOO_BIG ||
            (type == Icmpv6Message.TYPE_PARAMETER_PROBLEM && code == Icmpv6Message.CODE_UNRECOGNIZED_OPTION);
        if (Ipv6Header.isMulticast(dstHi) && !multicastAllowed)
        {
            return 0;
        }
        // RFC 4443 2.4 e.1: never about an ICMPv6 error message
        if (chain.walk(invoking, invokingOffset, invokingLength) && !chain.isNonFirstFragment() &&
            chain.upperLayerProtocol() == IpProtocol.ICMPV6 &&
            chain.upperLayerOffset() < invokingOffset + invokingLength &&
            Icmpv6Message.isErrorType(invoking.getByte(chain.upperLayerOffset()) & 0xFF))
        {
            return 0;
        }

        // RFC 4443 2.4 c: as much of the invoking packet as fits the minimum MTU
        final int maxLength = Math.min(Ipv6Header.MIN_MTU, outCapacity);
        final int quoted = Math.min(invokingLength, maxLength - Ipv6Header.HEADER_LENGTH - Icmpv6Message.HEADER_LENGTH);
        final int icmpLength = Icmpv6Message.HEADER_LENGTH + quoted;

        ipv6.wrap(out, outOffset, Ipv6Header.HEADER_LENGTH)
            .versionClassFlow(0, 0)
            .payloadLength(icmpLength)
            .nextHeader(IpProtocol.ICMPV6)
            .hopLimit(DEFAULT_HOP_LIMIT)
            .source(ourHi, ourLo)
            .destination(srcHi, srcLo);
        final int icmpOffset = outOffset + Ipv6Header.HEADER_LENGTH;
        out.putBytes(icmpOffset + Icmpv6Message.HEADER_LENGTH, invoking, invokingOffset, quoted);
        icmpv6.wrap(out, icmpOffset, icmpLength).type(type).code(code).parameter(parameter)
            .computeChecksum(ourHi, ourLo, srcHi, srcLo);
        suppressedReason = null;
        return Ipv6Header.HEADER_LENGTH + icmpLength;
    }

    /**
     * Writes an ICMPv4 error packet.
     *
     * @param parameter the pointer (Parameter Problem, type 12) or next-hop MTU (Fragmentation Needed, RFC 1191),
     *     else 0
     * @return the packet length written, or 0 when the error must not be sent
     */
    public int writeIcmpv4(
        final MutableDirectBuffer out, final int outOffset, final int outCapacity, final int ourAddress,
        final int type, final int code, final long parameter, final DirectBuffer invoking, final int invokingOffset,
        final int invokingLength)
    {
        suppressedReason = DropReason.ICMP_SUPPRESSED;
        if (invokingLength < Ipv4Header.MIN_HEADER_LENGTH ||
            outCapacity < Ipv4Header.MIN_HEADER_LENGTH + Icmpv4Message.HEADER_LENGTH)
        {
            return 0;
        }
        final int headerLength = (invoking.getByte(invokingOffset) & 0x0F) * 4;
        final int source = invoking.getInt(invokingOffset + Ipv4Header.SOURCE_OFFSET, ByteOrder.BIG_ENDIAN);
        final int destination = invoking.getInt(invokingOffset + Ipv4Header.DESTINATION_OFFSET, ByteOrder.BIG_ENDIAN);
        final int fragment = invoking.getShort(invokingOffset + Ipv4Header.FLAGS_FRAGMENT_OFFSET, ByteOrder.BIG_ENDIAN) &
            Ipv4Header.FRAGMENT_OFFSET_MASK;
        final int protocol = invoking.getByte(invokingOffset + Ipv4Header.PROTOCOL_OFFSET) & 0xFF;
        // RFC 1812 4.3.2.7: not to 0.0.0.0, multicast, broadcast or loopback sources; not about multicast or
        // broadcast destinations; not about non-first fragments
        if (source == 0 || Ipv4Header.isMulticast(source) || Ipv4Header.isLimitedBroadcast(source) ||
            (source >>> 24) == 127 || Ipv4Header.isMulticast(destination) ||
            Ipv4Header.isLimitedBroadcast(destination) || fragment != 0)
        {
            return 0;
        }
        // RFC 1812 4.3.2.7: never about an ICMP error message
        if (protocol == IpProtocol.ICMPV4 && headerLength >= Ipv4Header.MIN_HEADER_LENGTH &&
            headerLength < invokingLength &&
            Icmpv4Message.isErrorType(invoking.getByte(invokingOffset + headerLength) & 0xFF))
        {
            return 0;
        }

        final int maxLength = Math.min(Ipv4Header.MIN_MTU, outCapacity);
        final int quoted = Math.min(invokingLength,
            maxLength - Ipv4Header.MIN_HEADER_LENGTH - Icmpv4Message.HEADER_LENGTH);
        final int icmpLength = Icmpv4Message.HEADER_LENGTH + quoted;
        final int totalLength = Ipv4Header.MIN_HEADER_LENGTH + icmpLength;

        out.putByte(outOffset, (byte)0x45);
        out.putByte(outOffset + Ipv4Header.TOS_OFFSET, (byte)IPV4_ERROR_TOS);
        out.putShort(outOffset + Ipv4Header.TOTAL_LENGTH_OFFSET, (short)totalLength, ByteOrder.BIG_ENDIAN);
        out.putInt(outOffset + Ipv4Header.IDENTIFICATION_OFFSET, 0, ByteOrder.BIG_ENDIAN);
        out.putByte(outOffset + Ipv4Header.TTL_OFFSET, (byte)DEFAULT_HOP_LIMIT);
        out.putByte(outOffset + Ipv4Header.PROTOCOL_OFFSET, (byte)IpProtocol.ICMPV4);
        out.putInt(outOffset + Ipv4Header.SOURCE_OFFSET, ourAddress, ByteOrder.BIG_ENDIAN);
        out.putInt(outOffset + Ipv4Header.DESTINATION_OFFSET, source, ByteOrder.BIG_ENDIAN);
        ipv4.wrap(out, outOffset, totalLength).computeChecksum();

        final int icmpOffset = outOffset + Ipv4Header.MIN_HEADER_LENGTH;
        final long field;
        if (type == Icmpv4Message.TYPE_PARAMETER_PROBLEM)
        {
            field = (parameter & 0xFF) << 24;
        }
        else if (type == Icmpv4Message.TYPE_DESTINATION_UNREACHABLE &&
            code == Icmpv4Message.CODE_FRAGMENTATION_NEEDED)
        {
            field = parameter & 0xFFFF;
        }
        else
        {
            field = 0;
        }
        out.putBytes(icmpOffset + Icmpv4Message.HEADER_LENGTH, invoking, invokingOffset, quoted);
        icmpv4.wrap(out, icmpOffset, icmpLength).type(type).code(code).parameter(field).computeChecksum();
        suppressedReason = null;
        return totalLength;
    }

    /** Why the last call wrote nothing ({@link DropReason#ICMP_SUPPRESSED}), or null if it wrote a packet. */
    public DropReason suppressedReason()
    {
        return suppressedReason;
    }
}
