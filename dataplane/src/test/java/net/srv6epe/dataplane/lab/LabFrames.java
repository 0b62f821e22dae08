package net.srv6epe.dataplane.lab;

import static java.nio.ByteOrder.BIG_ENDIAN;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import net.srv6epe.dataplane.port.MacAddress;
import net.srv6epe.srv6.wire.Checksum;

/** Hand-built frames for lab tests: Ethernet + IPv6 + ICMPv6 Echo, checksummed with the srv6 module's Checksum. */
public final class LabFrames
{
    /** ICMPv6 Echo Request. */
    public static final int ECHO_REQUEST = 128;
    /** ICMPv6 Echo Reply. */
    public static final int ECHO_REPLY = 129;

    private LabFrames()
    {
    }

    /** Writes Ethernet + IPv6 + ICMPv6 Echo Request with {@code payload} bytes; returns the frame length. */
    public static int echoRequest(
        final MutableDirectBuffer b,
        final long dstMac,
        final long srcMac,
        final long srcHi,
        final long srcLo,
        final long dstHi,
        final long dstLo,
        final int identifier,
        final int sequence,
        final int payload)
    {
        final int icmpLength = 8 + payload;
        MacAddress.put(b, 0, dstMac);
        MacAddress.put(b, 6, srcMac);
        b.putShort(12, (short)0x86DD, BIG_ENDIAN);
        b.putInt(14, 0x6000_0000, BIG_ENDIAN);
        b.putShort(18, (short)icmpLength, BIG_ENDIAN);
        b.putByte(20, (byte)58);
        b.putByte(21, (byte)64);
        b.putLong(22, srcHi, BIG_ENDIAN);
        b.putLong(30, srcLo, BIG_ENDIAN);
        b.putLong(38, dstHi, BIG_ENDIAN);
        b.putLong(46, dstLo, BIG_ENDIAN);
        b.putByte(54, (byte)ECHO_REQUEST);
        b.putByte(55, (byte)0);
        b.putShort(56, (short)0);
        b.putShort(58, (short)identifier, BIG_ENDIAN);
        b.putShort(60, (short)sequence, BIG_ENDIAN);
        for (int i = 0; i < payload; i++)
        {
            b.putByte(62 + i, (byte)i);
        }
        b.putShort(56, (short)icmpv6Checksum(b, 14, icmpLength), BIG_ENDIAN);
        return 54 + icmpLength;
    }

    /** The ICMPv6 type if the frame is untagged IPv6 + ICMPv6, else -1. */
    public static int icmpv6Type(final DirectBuffer b, final int offset, final int length)
    {
        if (length < 58 || (b.getShort(offset + 12, BIG_ENDIAN) & 0xFFFF) != 0x86DD ||
            (b.getByte(offset + 20) & 0xFF) != 58)
        {
            return -1;
        }
        return b.getByte(offset + 54) & 0xFF;
    }

    /** ICMPv6 checksum over the IPv6 pseudo-header and the message (0 over a correct message). */
    public static int icmpv6Checksum(final DirectBuffer b, final int ipOffset, final int icmpLength)
    {
        final long pseudoHeader = Checksum.pseudoHeaderSum(b.getLong(ipOffset + 8, BIG_ENDIAN),
            b.getLong(ipOffset + 16, BIG_ENDIAN), b.getLong(ipOffset + 24, BIG_ENDIAN),
            b.getLong(ipOffset + 32, BIG_ENDIAN), icmpLength, 58);
        return Checksum.finish(Checksum.sum(b, ipOffset + 40, icmpLength, pseudoHeader));
    }
}
