package net.srv6epe.bgp.wire.nlri;

/**
 * The 3-octet label field of labeled NLRI (RFC 3032 layout without TTL: 20-bit label, 3 bits TC, bottom-of-stack
 * bit), kept as the raw 24-bit field so that NLRI re-encode exactly. RFC 9252 4 reuses the field to carry
 * transposed SID bits.
 */
public final class MplsLabel
{
    /** Bottom-of-stack bit of the 24-bit field. */
    public static final int BOTTOM_OF_STACK = 0x000001;
    /** RFC 8277 2.4 / RFC 3107: the compatibility value sent in withdrawals. */
    public static final int WITHDRAW_COMPATIBILITY = 0x800000;

    private MplsLabel()
    {
    }

    /** The 20-bit label value of a field. */
    public static int value(final int field)
    {
        return (field >>> 4) & 0xFFFFF;
    }

    /** The field for a label value with the bottom-of-stack bit set. */
    public static int bottomOfStack(final int labelValue)
    {
        return ((labelValue & 0xFFFFF) << 4) | BOTTOM_OF_STACK;
    }

    /** {@code 16 (0x000101)}: the label value, then the raw field. */
    public static String format(final int field)
    {
        return value(field) + String.format(" (0x%06x)", field & 0xFFFFFF);
    }
}
