package net.srv6epe.srv6.behavior;

import net.srv6epe.srv6.Behavior;
import net.srv6epe.srv6.Ipv6Address;
import net.srv6epe.srv6.wire.BondTlv;

import java.util.Arrays;

/**
 * The precomputed outer headers of an H.Encaps or H.Encaps.Red headend (RFC 8986 5.1, 5.2): an IPv6 header
 * and, when one is needed, an SRH, built once on the control plane so that encapsulating a packet is a copy
 * plus a few patched fields (payload length, next header, traffic class, flow label, hop limit).
 *
 * <pre>
 * H.Encaps     segments (S1, S2, S3): IPv6(src, S1) SRH(S3, S2, S1; SL=2, LE=2)
 * H.Encaps.Red segments (S1, S2, S3): IPv6(src, S1) SRH(S3, S2;     SL=2, LE=1)
 * H.Encaps.Red segments (S1):         IPv6(src, S1)                (no SRH)
 * bonded       segments (S1, S2):     IPv6(src, S1) SRH(S2, S1; SL=1, LE=1; bond TLV)   (docs/BONDING.md)
 * </pre>
 *
 * Segment List[0] is the last segment of the path (RFC 8754 2). Immutable.
 */
public final class EncapTemplate
{
    /** Length of the fixed IPv6 header. */
    public static final int IPV6_HEADER_LENGTH = 40;
    /** IPv6 Routing header type of the SRH (RFC 8754 2). */
    public static final int ROUTING_TYPE_SRH = 4;

    private final Behavior mode;
    private final long sourceHi;
    private final long sourceLo;
    private final long[] segments;
    private final byte[] header;
    private final int nextHeaderOffset;
    /** Offset of the bond TLV within {@link #header}, or -1. */
    private final int bondTlvOffset;

    private EncapTemplate(
        final Behavior mode, final long sourceHi, final long sourceLo, final long[] segments, final boolean bonded)
    {
        this.mode = mode;
        this.sourceHi = sourceHi;
        this.sourceLo = sourceLo;
        this.segments = segments;

        final int count = segments.length / 2;
        final int srhEntries = mode == Behavior.H_ENCAPS ? count : count - 1;
        final int tlvLength = bonded ? BondTlv.LENGTH : 0;
        final int srhLength = srhEntries == 0 ? 0 : 8 + 16 * srhEntries + tlvLength;
        header = new byte[IPV6_HEADER_LENGTH + srhLength];

        header[0] = 0x60;
        putLong(header, 8, sourceHi);
        putLong(header, 16, sourceLo);
        putLong(header, 24, segments[0]);
        putLong(header, 32, segments[1]);
        if (srhLength == 0)
        {
            nextHeaderOffset = 6;
            bondTlvOffset = -1;
        }
        else
        {
            header[6] = 43; // Routing header
            final int srh = IPV6_HEADER_LENGTH;
            nextHeaderOffset = srh;
            // Hdr Ext Len in 8-octet units, not counting the first 8
            header[srh + 1] = (byte)((srhLength - 8) / 8);
            header[srh + 2] = ROUTING_TYPE_SRH;
            header[srh + 3] = (byte)(count - 1);        // Segments Left: the active segment is S1
            header[srh + 4] = (byte)(srhEntries - 1);   // Last Entry
            // flags = 0, tag = 0
            // Segment List[0] = last segment, ... (reverse order of the path)
            for (int i = 0; i < srhEntries; i++)
            {
                final int pathIndex = count - 1 - i;
                putLong(header, srh + 8 + 16 * i, segments[2 * pathIndex]);
                putLong(header, srh + 16 + 16 * i, segments[2 * pathIndex + 1]);
            }
            if (bonded)
            {
                bondTlvOffset = srh + 8 + 16 * srhEntries;
                BondTlv.writeHeader(header, bondTlvOffset);
            }
            else
            {
                bondTlvOffset = -1;
            }
        }
    }

    /**
     * Builds the template.
     *
     * @param mode {@link Behavior#H_ENCAPS} or {@link Behavior#H_ENCAPS_RED}
     * @param sourceHi outer source address, high 64 bits
     * @param sourceLo outer source address, low 64 bits
     * @param segmentsHiLo the SID list in path order as hi/lo pairs: {@code [S1hi, S1lo, S2hi, S2lo, ...]}
     * @throws IllegalArgumentException for a headend mode that is not an encapsulation, an empty list, or more
     *     segments than an SRH can carry
     */
    public static EncapTemplate create(
        final Behavior mode, final long sourceHi, final long sourceLo, final long[] segmentsHiLo)
    {
        check(mode, segmentsHiLo);
        return new EncapTemplate(mode, sourceHi, sourceLo, segmentsHiLo.clone(), false);
    }

    /**
     * Builds the template of one bond member (docs/BONDING.md): H.Encaps with an SRH even for a single SID, and
     * room for the bond TLV after the segment list, which the head end fills in per packet at
     * {@link #bondTlvOffset()}.
     *
     * @throws IllegalArgumentException for an empty list or more segments than an SRH can carry
     */
    public static EncapTemplate createBonded(final long sourceHi, final long sourceLo, final long[] segmentsHiLo)
    {
        check(Behavior.H_ENCAPS, segmentsHiLo);
        if (segmentsHiLo.length / 2 > 126)
        {
            // Hdr Ext Len is one octet: 8 * 255 + 8 octets of SRH hold 126 segments and the 24-octet bond TLV
            throw new IllegalArgumentException("at most 126 segments fit an SRH with the bond TLV, got " +
                segmentsHiLo.length / 2);
        }
        return new EncapTemplate(Behavior.H_ENCAPS, sourceHi, sourceLo, segmentsHiLo.clone(), true);
    }

    private static void check(final Behavior mode, final long[] segmentsHiLo)
    {
        if (mode != Behavior.H_ENCAPS && mode != Behavior.H_ENCAPS_RED)
        {
            throw new IllegalArgumentException("not an encapsulation behavior: " + mode);
        }
        if (segmentsHiLo.length == 0 || (segmentsHiLo.length & 1) != 0)
        {
            throw new IllegalArgumentException("a SID list needs at least one segment (hi/lo pairs)");
        }
        if (segmentsHiLo.length / 2 > 127)
        {
            throw new IllegalArgumentException("at most 127 segments fit an SRH, got " + segmentsHiLo.length / 2);
        }
    }

    /** Offset of the bond TLV within {@link #headerBytes()}, or -1 when this is not a bond member's template. */
    public int bondTlvOffset()
    {
        return bondTlvOffset;
    }

    public Behavior mode()
    {
        return mode;
    }

    /** Bytes added in front of the inner packet. */
    public int length()
    {
        return header.length;
    }

    /** Whether an SRH is present. */
    public boolean hasSrh()
    {
        return header.length > IPV6_HEADER_LENGTH;
    }

    /** Offset within {@link #headerBytes()} of the Next Header field that must name the inner packet (41 or 4). */
    public int nextHeaderOffset()
    {
        return nextHeaderOffset;
    }

    /** The outer header bytes; callers copy them and must not modify the array. */
    public byte[] headerBytes()
    {
        return header;
    }

    public int segmentCount()
    {
        return segments.length / 2;
    }

    public long segmentHi(final int pathIndex)
    {
        return segments[2 * pathIndex];
    }

    public long segmentLo(final int pathIndex)
    {
        return segments[2 * pathIndex + 1];
    }

    public long sourceHi()
    {
        return sourceHi;
    }

    public long sourceLo()
    {
        return sourceLo;
    }

    private static void putLong(final byte[] b, final int offset, final long v)
    {
        for (int i = 0; i < 8; i++)
        {
            b[offset + i] = (byte)(v >>> (56 - 8 * i));
        }
    }

    @Override
    public boolean equals(final Object o)
    {
        return o instanceof EncapTemplate && Arrays.equals(header, ((EncapTemplate)o).header) &&
            mode == ((EncapTemplate)o).mode;
    }

    @Override
    public int hashCode()
    {
        return Arrays.hashCode(header);
    }

    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder(mode.displayName()).append(" segs [");
        for (int i = 0; i < segmentCount(); i++)
        {
            sb.append(i == 0 ? "" : ", ").append(Ipv6Address.format(segmentHi(i), segmentLo(i)));
        }
        sb.append("] src ").append(Ipv6Address.format(sourceHi, sourceLo));
        return (bondTlvOffset >= 0 ? sb.append(" bond-tlv") : sb).toString();
    }
}
