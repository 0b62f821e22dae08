package net.srv6epe.perf.suite;

import static java.nio.ByteOrder.BIG_ENDIAN;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;

import net.srv6epe.dataplane.port.MacAddress;

/**
 * Builds the generator's frame templates of a {@link Scenario}: one per flow (flows differ in the UDP source port),
 * each the whole Ethernet frame with room for the {@link FrameTrailer} at its end.
 *
 * <p>{@code frameSize} is the size of the <em>inner</em> frame (Ethernet + inner IP packet), the same for every
 * scenario: SRv6-input scenarios add an outer IPv6 header and an SRH (8 + 16 per SID) in front of it, H.Encaps
 * scenarios have the DUT add them. It is raised to the smallest size that holds the headers and the trailer
 * ({@link #minimumFrameSize}: 78 octets for IPv6/UDP, 58 for IPv4/UDP, then at least 64). The UDP checksum is 0
 * (nobody on the path checks it: the sink reads from a packet socket); the IPv4 header checksum is correct.
 *
 * <pre>
 *   plain:  Ethernet | IPv6 or IPv4 | UDP | padding | trailer
 *   SRv6:   Ethernet | IPv6 (dst = first SID, nh 43) | SRH (SL = n-1, nh 41 or 4) | inner IP | UDP | ... | trailer
 * </pre>
 */
final class FrameBuilder
{
    static final int ETHERNET = 14;
    static final int IPV6 = 40;
    static final int IPV4 = 20;
    static final int UDP = 8;
    /** First UDP source port; flow i uses {@code BASE_PORT + i}. */
    static final int BASE_PORT = 10_000;
    static final int DST_PORT = 9;

    private FrameBuilder()
    {
    }

    /** The smallest inner frame a scenario's traffic fits in. */
    static int minimumFrameSize(final Scenario scenario)
    {
        return Math.max(64, ETHERNET + (scenario.innerIpv4 ? IPV4 : IPV6) + UDP + FrameTrailer.LENGTH);
    }

    /** The inner frame size actually used for {@code requested} (raised to the minimum). */
    static int innerFrameSize(final Scenario scenario, final int requested)
    {
        return Math.max(requested, minimumFrameSize(scenario));
    }

    /** The size of the frame the generator sends: the inner frame plus the SRv6 it adds, if any. */
    static int wireFrameSize(final Scenario scenario, final int requested)
    {
        final int inner = innerFrameSize(scenario, requested);
        return scenario.travel.isEmpty() ? inner : inner + IPV6 + 8 + 16 * scenario.travel.size();
    }

    /** One template per flow, trailer left zero. */
    static UnsafeBuffer[] templates(final Scenario scenario, final int requestedFrameSize, final int flows,
        final long dstMac, final long srcMac)
    {
        final int length = wireFrameSize(scenario, requestedFrameSize);
        final UnsafeBuffer[] frames = new UnsafeBuffer[flows];
        for (int i = 0; i < flows; i++)
        {
            frames[i] = new UnsafeBuffer(ByteBuffer.allocateDirect(length));
            build(frames[i], scenario, length, BASE_PORT + i,
                scenario.bigTable() ? BigTable.destination(i, flows) : Addressing.DST6, dstMac, srcMac);
        }
        return frames;
    }

    private static void build(final UnsafeBuffer b, final Scenario s, final int length, final int srcPort,
        final String dst6, final long dstMac, final long srcMac)
    {
        MacAddress.put(b, 0, dstMac);
        MacAddress.put(b, 6, srcMac);
        b.putShort(12, (short)0x86DD, BIG_ENDIAN);
        int at = ETHERNET;
        if (!s.travel.isEmpty())
        {
            final List<String> sids = s.travel;
            final int srhLength = 8 + 16 * sids.size();
            ipv6(b, at, length - at - IPV6, 43, Addressing.GEN6, sids.get(0));
            at += IPV6;
            b.putByte(at, (byte)(s.innerIpv4 ? 4 : 41));
            b.putByte(at + 1, (byte)(srhLength / 8 - 1));
            b.putByte(at + 2, (byte)4);                 // routing type 4: SRH (RFC 8754)
            b.putByte(at + 3, (byte)(sids.size() - 1)); // segments left
            b.putByte(at + 4, (byte)(sids.size() - 1)); // last entry
            b.putByte(at + 5, (byte)0);
            b.putShort(at + 6, (short)0);
            for (int k = 0; k < sids.size(); k++)
            {
                // the SRH lists the segments in reverse: Segment List[0] is the last one visited
                b.putBytes(at + 8 + 16 * k, address(sids.get(sids.size() - 1 - k)));
            }
            at += srhLength;
        }
        else if (s.innerIpv4)
        {
            b.putShort(12, (short)0x0800, BIG_ENDIAN);
        }
        final int innerLength = length - at;
        if (s.innerIpv4)
        {
            b.putByte(at, (byte)0x45);
            b.putByte(at + 1, (byte)0);
            b.putShort(at + 2, (short)innerLength, BIG_ENDIAN);
            b.putShort(at + 4, (short)0, BIG_ENDIAN);
            b.putShort(at + 6, (short)0x4000, BIG_ENDIAN); // DF
            b.putByte(at + 8, (byte)64);
            b.putByte(at + 9, (byte)17);
            b.putShort(at + 10, (short)0);
            b.putBytes(at + 12, address(Addressing.GEN4));
            b.putBytes(at + 16, address(Addressing.DST4));
            b.putShort(at + 10, (short)ipv4Checksum(b, at), BIG_ENDIAN);
            at += IPV4;
        }
        else
        {
            ipv6(b, at, innerLength - IPV6, 17, Addressing.GEN6, dst6);
            at += IPV6;
        }
        b.putShort(at, (short)srcPort, BIG_ENDIAN);
        b.putShort(at + 2, (short)DST_PORT, BIG_ENDIAN);
        b.putShort(at + 4, (short)(length - at), BIG_ENDIAN);
        b.putShort(at + 6, (short)0);
    }

    private static void ipv6(final UnsafeBuffer b, final int at, final int payloadLength, final int nextHeader,
        final String src, final String dst)
    {
        b.putInt(at, 0x6000_0000, BIG_ENDIAN);
        b.putShort(at + 4, (short)payloadLength, BIG_ENDIAN);
        b.putByte(at + 6, (byte)nextHeader);
        b.putByte(at + 7, (byte)64);
        b.putBytes(at + 8, address(src));
        b.putBytes(at + 24, address(dst));
    }

    /** RFC 791 header checksum of the 20-octet header at {@code at} (its checksum field zero). */
    static int ipv4Checksum(final UnsafeBuffer b, final int at)
    {
        int sum = 0;
        for (int i = 0; i < IPV4; i += 2)
        {
            sum += b.getShort(at + i, BIG_ENDIAN) & 0xFFFF;
        }
        while ((sum >>> 16) != 0)
        {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        return ~sum & 0xFFFF;
    }

    static byte[] address(final String literal)
    {
        try
        {
            return InetAddress.getByName(literal).getAddress();
        }
        catch (final UnknownHostException ex)
        {
            throw new IllegalArgumentException(literal, ex);
        }
    }
}
