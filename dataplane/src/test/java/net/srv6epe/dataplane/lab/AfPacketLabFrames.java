package net.srv6epe.dataplane.lab;

import static java.nio.ByteOrder.BIG_ENDIAN;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import net.srv6epe.dataplane.port.MacAddress;
import net.srv6epe.srv6.wire.Checksum;

/**
 * Frames and checks for the AF_PACKET lab tests: untagged Ethernet + IPv6 + UDP built with a correct checksum,
 * and an independent check of the TCP / UDP checksum of an IPv6 frame (recomputed over the pseudo-header).
 */
final class AfPacketLabFrames
{
    static final int ETHERTYPE_IPV6 = 0x86DD;
    static final int TCP = 6;
    static final int UDP = 17;
    static final int L4 = 14 + 40;

    private AfPacketLabFrames()
    {
    }

    /**
     * Writes Ethernet + IPv6 + UDP with {@code payload} bytes whose first four are {@code sequence} and the rest
     * {@code (sequence + i) & 0xFF}; returns the frame length.
     */
    static int udp(
        final MutableDirectBuffer b,
        final long dstMac,
        final long srcMac,
        final long srcHi,
        final long srcLo,
        final long dstHi,
        final long dstLo,
        final int srcPort,
        final int dstPort,
        final int sequence,
        final int payload)
    {
        final int udpLength = 8 + payload;
        MacAddress.put(b, 0, dstMac);
        MacAddress.put(b, 6, srcMac);
        b.putShort(12, (short)ETHERTYPE_IPV6, BIG_ENDIAN);
        b.putInt(14, 0x6000_0000, BIG_ENDIAN);
        b.putShort(18, (short)udpLength, BIG_ENDIAN);
        b.putByte(20, (byte)UDP);
        b.putByte(21, (byte)64);
        b.putLong(22, srcHi, BIG_ENDIAN);
        b.putLong(30, srcLo, BIG_ENDIAN);
        b.putLong(38, dstHi, BIG_ENDIAN);
        b.putLong(46, dstLo, BIG_ENDIAN);
        b.putShort(L4, (short)srcPort, BIG_ENDIAN);
        b.putShort(L4 + 2, (short)dstPort, BIG_ENDIAN);
        b.putShort(L4 + 4, (short)udpLength, BIG_ENDIAN);
        b.putShort(L4 + 6, (short)0);
        b.putInt(L4 + 8, sequence, BIG_ENDIAN);
        for (int i = 4; i < payload; i++)
        {
            b.putByte(L4 + 8 + i, (byte)(sequence + i));
        }
        final long pseudo = Checksum.pseudoHeaderSum(srcHi, srcLo, dstHi, dstLo, udpLength, UDP);
        final int checksum = Checksum.finish(Checksum.sum(b, L4, udpLength, pseudo));
        b.putShort(L4 + 6, (short)(checksum == 0 ? 0xFFFF : checksum), BIG_ENDIAN);
        return L4 + udpLength;
    }

    /** The next header of an untagged IPv6 frame without extension headers, or -1. */
    static int ipv6Protocol(final DirectBuffer b, final int offset, final int length)
    {
        if (length < L4 || (b.getShort(offset + 12, BIG_ENDIAN) & 0xFFFF) != ETHERTYPE_IPV6)
        {
            return -1;
        }
        return b.getByte(offset + 20) & 0xFF;
    }

    /** The destination port of an IPv6 UDP or TCP frame. */
    static int destinationPort(final DirectBuffer b, final int offset)
    {
        return b.getShort(offset + L4 + 2, BIG_ENDIAN) & 0xFFFF;
    }

    /** The source port of an IPv6 UDP or TCP frame. */
    static int sourcePort(final DirectBuffer b, final int offset)
    {
        return b.getShort(offset + L4, BIG_ENDIAN) & 0xFFFF;
    }

    /**
     * True when the TCP or UDP checksum of an untagged IPv6 frame (no extension headers) verifies: the sum over
     * the pseudo-header and the transport bytes, checksum field included, folds to 0xFFFF (RFC 1071).
     */
    static boolean transportChecksumValid(final DirectBuffer b, final int offset, final int length)
    {
        final int protocol = ipv6Protocol(b, offset, length);
        final int payloadLength = b.getShort(offset + 18, BIG_ENDIAN) & 0xFFFF;
        if (protocol != TCP && protocol != UDP || L4 + payloadLength > length)
        {
            return false;
        }
        final long pseudo = Checksum.pseudoHeaderSum(b.getLong(offset + 22, BIG_ENDIAN),
            b.getLong(offset + 30, BIG_ENDIAN), b.getLong(offset + 38, BIG_ENDIAN),
            b.getLong(offset + 46, BIG_ENDIAN), payloadLength, protocol);
        return Checksum.fold(Checksum.sum(b, offset + L4, payloadLength, pseudo)) == 0xFFFF;
    }
}
