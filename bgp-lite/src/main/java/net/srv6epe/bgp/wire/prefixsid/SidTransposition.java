package net.srv6epe.bgp.wire.prefixsid;

import net.srv6epe.bgp.wire.nlri.MplsLabel;

/**
 * The RFC 9252 4 transposition scheme: when the SID structure has a transposition length TL above zero, the TL
 * bits of the SID starting at the transposition offset TO are carried in the high-order bits of the NLRI's
 * 3-octet label field (for TL up to 20, the high-order bits of the 20-bit label value), and are zero in the SID
 * of the attribute. FRR 8.4 sends TL 16, TO 64 with the bottom-of-stack bit set: the function is the label.
 */
public final class SidTransposition
{
    private static final int LABEL_FIELD_BITS = 24;
    /** The most bits {@link #split} moves: the 20-bit label value, so TC and bottom-of-stack stay free. */
    public static final int MAX_ENCODED_TRANSPOSITION_LENGTH = 20;

    private SidTransposition()
    {
    }

    /**
     * The SID to steer to, from the SID carried in the attribute and the NLRI's label field: the transposed
     * bits are put back when the structure says so; otherwise the SID is returned as carried.
     *
     * @param carried    the SID in the SRv6 SID Information Sub-TLV
     * @param structure  the SID structure, or null (no transposition)
     * @param labelField the 24-bit label field of the route's NLRI
     */
    public static Srv6Sid fullSid(final Srv6Sid carried, final Srv6SidStructure structure, final int labelField)
    {
        if (structure == null || !structure.isTransposed() || structure.problem() != null)
        {
            return carried;
        }
        final int tl = structure.transpositionLength();
        final long bits = ((labelField & 0xFFFFFFL) >>> (LABEL_FIELD_BITS - tl)) & ((1L << tl) - 1);
        return carried.withBits(structure.transpositionOffset(), tl, bits);
    }

    /** {@link #fullSid(Srv6Sid, Srv6SidStructure, int)} for a decoded SID information. */
    public static Srv6Sid fullSid(final Srv6SidInformation info, final int labelField)
    {
        return fullSid(info.sid(), info.structure(), labelField);
    }

    /**
     * Splits a SID for the wire. With a transposing structure, the bits move to the label field (bottom-of-stack
     * set, as FRR sends) and are zeroed in the SID; otherwise the SID stays whole and {@code plainLabelField}
     * is the label field (e.g. {@code MplsLabel.bottomOfStack(3)}, implicit null).
     *
     * @throws IllegalArgumentException when the structure moves more than 20 bits or is not usable
     */
    public static TransposedSid split(final Srv6Sid full, final Srv6SidStructure structure, final int plainLabelField)
    {
        if (structure == null || !structure.isTransposed())
        {
            return new TransposedSid(full, plainLabelField & 0xFFFFFF);
        }
        final String problem = structure.problem();
        if (problem != null || structure.transpositionLength() > MAX_ENCODED_TRANSPOSITION_LENGTH)
        {
            throw new IllegalArgumentException("cannot transpose with " + structure +
                (problem != null ? ": " + problem : ": more than 20 bits"));
        }
        final int tl = structure.transpositionLength();
        final int to = structure.transpositionOffset();
        final long bits = full.bits(to, tl);
        final int labelField = (int)(bits << (LABEL_FIELD_BITS - tl)) | MplsLabel.BOTTOM_OF_STACK;
        return new TransposedSid(full.withBits(to, tl, 0), labelField);
    }
}
