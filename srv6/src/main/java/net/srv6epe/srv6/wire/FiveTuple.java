package net.srv6epe.srv6.wire;

import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * A reusable holder for the 5-tuple of one packet (source, destination, protocol, L4 ports) and the flow hash
 * derived from it (RFC 6437 3: a 20-bit, uniformly distributed, non-zero flow label from the flow's tuple).
 *
 * <p>IPv4 addresses are kept in {@link #srcLo()} / {@link #dstLo()} with hi = 0. Ports are 0 when the protocol
 * has none or the packet is a non-first fragment.
 */
public final class FiveTuple
{
    private int family;
    private long srcHi;
    private long srcLo;
    private long dstHi;
    private long dstLo;
    private int protocol;
    private int srcPort;
    private int dstPort;

    /**
     * Extracts the tuple of an IPv6 packet whose extension chain was walked by {@code chain}.
     *
     * @param end absolute end of the packet
     */
    public FiveTuple extractIpv6(final DirectBuffer buffer, final int offset, final int end, final Ipv6ExtensionChain chain)
    {
        family = 6;
        srcHi = buffer.getLong(offset + Ipv6Header.SOURCE_OFFSET, ByteOrder.BIG_ENDIAN);
        srcLo = buffer.getLong(offset + Ipv6Header.SOURCE_OFFSET + 8, ByteOrder.BIG_ENDIAN);
        dstHi = buffer.getLong(offset + Ipv6Header.DESTINATION_OFFSET, ByteOrder.BIG_ENDIAN);
        dstLo = buffer.getLong(offset + Ipv6Header.DESTINATION_OFFSET + 8, ByteOrder.BIG_ENDIAN);
        protocol = chain.upperLayerProtocol();
        ports(buffer, chain.isNonFirstFragment() ? -1 : chain.upperLayerOffset(), end);
        return this;
    }

    /** Extracts the tuple of a validated IPv4 packet (see {@link Ipv4Header#validate()}). */
    public FiveTuple extractIpv4(final DirectBuffer buffer, final int offset, final int end)
    {
        family = 4;
        srcHi = 0;
        dstHi = 0;
        srcLo = buffer.getInt(offset + Ipv4Header.SOURCE_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFFFFFFL;
        dstLo = buffer.getInt(offset + Ipv4Header.DESTINATION_OFFSET, ByteOrder.BIG_ENDIAN) & 0xFFFFFFFFL;
        protocol = buffer.getByte(offset + Ipv4Header.PROTOCOL_OFFSET) & 0xFF;
        final int fragment = buffer.getShort(offset + Ipv4Header.FLAGS_FRAGMENT_OFFSET, ByteOrder.BIG_ENDIAN) &
            Ipv4Header.FRAGMENT_OFFSET_MASK;
        final int headerLength = (buffer.getByte(offset) & 0x0F) * 4;
        ports(buffer, fragment != 0 ? -1 : offset + headerLength, end);
        return this;
    }

    private void ports(final DirectBuffer buffer, final int l4Offset, final int end)
    {
        if (l4Offset >= 0 && (protocol == IpProtocol.TCP || protocol == IpProtocol.UDP) && l4Offset + 4 <= end)
        {
            srcPort = buffer.getShort(l4Offset, ByteOrder.BIG_ENDIAN) & 0xFFFF;
            dstPort = buffer.getShort(l4Offset + 2, ByteOrder.BIG_ENDIAN) & 0xFFFF;
        }
        else
        {
            srcPort = 0;
            dstPort = 0;
        }
    }

    /**
     * A 20-bit, non-zero hash of the tuple for the IPv6 flow label (RFC 6437 3, RFC 6438). Symmetric hashing is
     * not wanted here: each direction is its own flow.
     */
    public int flowHash20()
    {
        long h = 0x9E3779B97F4A7C15L;
        h = mix(h ^ srcHi);
        h = mix(h ^ srcLo);
        h = mix(h ^ dstHi);
        h = mix(h ^ dstLo);
        h = mix(h ^ (((long)protocol << 32) | ((long)srcPort << 16) | dstPort));
        final int label = (int)(h ^ (h >>> 20) ^ (h >>> 40)) & 0xFFFFF;
        return label == 0 ? 1 : label;
    }

    private static long mix(final long value)
    {
        long z = value * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** 6 or 4. */
    public int family()
    {
        return family;
    }

    public long srcHi()
    {
        return srcHi;
    }

    public long srcLo()
    {
        return srcLo;
    }

    public long dstHi()
    {
        return dstHi;
    }

    public long dstLo()
    {
        return dstLo;
    }

    public int protocol()
    {
        return protocol;
    }

    public int srcPort()
    {
        return srcPort;
    }

    public int dstPort()
    {
        return dstPort;
    }
}
