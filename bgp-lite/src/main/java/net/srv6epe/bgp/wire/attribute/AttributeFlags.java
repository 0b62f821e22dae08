package net.srv6epe.bgp.wire.attribute;

/** The Attribute Flags octet (RFC 4271 4.3). */
public final class AttributeFlags
{
    /** High-order bit: optional (1) or well-known (0). */
    public static final int OPTIONAL = 0x80;
    /** Transitive (1) or non-transitive (0). */
    public static final int TRANSITIVE = 0x40;
    /** The optional transitive information is partial. */
    public static final int PARTIAL = 0x20;
    /** The length field is two octets. */
    public static final int EXTENDED_LENGTH = 0x10;

    /** Well-known attributes: transitive, not optional. */
    public static final int WELL_KNOWN = TRANSITIVE;
    public static final int OPTIONAL_TRANSITIVE = OPTIONAL | TRANSITIVE;
    public static final int OPTIONAL_NON_TRANSITIVE = OPTIONAL;

    private AttributeFlags()
    {
    }

    /** True for an optional attribute. */
    public static boolean isOptional(final int flags)
    {
        return (flags & OPTIONAL) != 0;
    }

    /** True for a transitive attribute. */
    public static boolean isTransitive(final int flags)
    {
        return (flags & TRANSITIVE) != 0;
    }

    /** True when the Partial bit is set. */
    public static boolean isPartial(final int flags)
    {
        return (flags & PARTIAL) != 0;
    }

    /** True when the length field is two octets. */
    public static boolean isExtendedLength(final int flags)
    {
        return (flags & EXTENDED_LENGTH) != 0;
    }

    /** {@code O T P E} letters for the set bits, e.g. {@code OT} or {@code OTPE}; {@code -} for none. */
    public static String format(final int flags)
    {
        final StringBuilder sb = new StringBuilder(4);
        sb.append(isOptional(flags) ? "O" : "").append(isTransitive(flags) ? "T" : "")
            .append(isPartial(flags) ? "P" : "").append(isExtendedLength(flags) ? "E" : "");
        return sb.length() == 0 ? "-" : sb.toString();
    }
}
