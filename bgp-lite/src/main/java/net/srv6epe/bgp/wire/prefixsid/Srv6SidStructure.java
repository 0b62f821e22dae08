package net.srv6epe.bgp.wire.prefixsid;

import net.srv6epe.bgp.wire.error.ErrorSubcode;
import net.srv6epe.bgp.wire.error.MalformedException;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import static java.nio.ByteOrder.BIG_ENDIAN;

/**
 * SRv6 SID Structure Sub-Sub-TLV (type 1, RFC 9252 3.2.1):
 * <pre>
 *  Type=1 (1) | Length=6 (2) | LBL (1) | LNL (1) | Fun. Length (1) | Arg. Length (1) | Tpose Len (1) | Tpose Offset (1)
 * </pre>
 * Lengths are in bits. A transposition length above zero means that many bits of the SID, starting at the
 * transposition offset, travel in the NLRI label field instead (RFC 9252 4; see {@link SidTransposition}).
 *
 * @param locatorBlockLength  LBL
 * @param locatorNodeLength   LNL
 * @param functionLength      function length
 * @param argumentLength      argument length
 * @param transpositionLength bits moved to the label field, 0 for none
 * @param transpositionOffset bit position of the first moved bit in the SID (0 = most significant)
 */
public record Srv6SidStructure(int locatorBlockLength, int locatorNodeLength, int functionLength,
    int argumentLength, int transpositionLength, int transpositionOffset) implements Srv6ServiceDataSubSubTlv
{
    /** The Sub-Sub-TLV type. */
    public static final int TYPE = 1;
    /** The value length. */
    public static final int LENGTH = 6;
    /** The label field is 24 bits wide: the most a transposition can move (RFC 9252 4). */
    public static final int MAX_TRANSPOSITION_LENGTH = 24;

    /**
     * @throws MalformedException (Optional Attribute Error) when the length is not 6, the four lengths add up
     *                            to more than 128 (RFC 9252 3.2.1), or the transposed bits do not fit the SID
     *                            or the label field (RFC 9252 4)
     */
    public static Srv6SidStructure decode(final DirectBuffer buffer, final int offset, final int length)
    {
        final int optional = ErrorSubcode.OPTIONAL_ATTRIBUTE_ERROR.subcode();
        if (length != LENGTH)
        {
            throw new MalformedException(optional, "SRv6 SID Structure length " + length + ", expected 6");
        }
        final Srv6SidStructure s = new Srv6SidStructure(buffer.getByte(offset) & 0xFF,
            buffer.getByte(offset + 1) & 0xFF, buffer.getByte(offset + 2) & 0xFF, buffer.getByte(offset + 3) & 0xFF,
            buffer.getByte(offset + 4) & 0xFF, buffer.getByte(offset + 5) & 0xFF);
        final String problem = s.problem();
        if (problem != null)
        {
            throw new MalformedException(optional, "SRv6 SID Structure " + problem);
        }
        return s;
    }

    /** What makes this structure unusable, or null. */
    public String problem()
    {
        final int sum = locatorBlockLength + locatorNodeLength + functionLength + argumentLength;
        if (sum > 128)
        {
            return "LBL+LNL+FL+AL = " + sum + " > 128";
        }
        if (transpositionLength > MAX_TRANSPOSITION_LENGTH)
        {
            return "transposition length " + transpositionLength + " > 24";
        }
        if (transpositionOffset + transpositionLength > 128)
        {
            return "transposition offset " + transpositionOffset + " + length " + transpositionLength + " > 128";
        }
        return null;
    }

    /** True when SID bits travel in the label field. */
    public boolean isTransposed()
    {
        return transpositionLength > 0;
    }

    /** The same structure with the given transposition. */
    public Srv6SidStructure withTransposition(final int length, final int offset)
    {
        return new Srv6SidStructure(locatorBlockLength, locatorNodeLength, functionLength, argumentLength, length,
            offset);
    }

    @Override
    public int type()
    {
        return TYPE;
    }

    @Override
    public int encode(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putByte(offset, (byte)TYPE);
        buffer.putShort(offset + 1, (short)LENGTH, BIG_ENDIAN);
        buffer.putByte(offset + 3, (byte)locatorBlockLength);
        buffer.putByte(offset + 4, (byte)locatorNodeLength);
        buffer.putByte(offset + 5, (byte)functionLength);
        buffer.putByte(offset + 6, (byte)argumentLength);
        buffer.putByte(offset + 7, (byte)transpositionLength);
        buffer.putByte(offset + 8, (byte)transpositionOffset);
        return 3 + LENGTH;
    }

    @Override
    public String toString()
    {
        return "structure lbl " + locatorBlockLength + " lnl " + locatorNodeLength + " fl " + functionLength +
            " al " + argumentLength + " tl " + transpositionLength + " to " + transpositionOffset;
    }
}
