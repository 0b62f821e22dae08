package net.srv6epe.bgp.wire.message;

/**
 * A structural problem the UPDATE decoder found outside any attribute value (RFC 4271 4.3 framing, RFC 7606 4
 * and 5.3); the validator maps it to an action.
 *
 * @param kind   what is wrong
 * @param detail readable specifics (lengths, offsets)
 */
public record UpdateDefect(Kind kind, String detail)
{
    /** The kinds of framing defects. */
    public enum Kind
    {
        /** Withdrawn Routes Length runs past the message: nothing after it can be located. */
        WITHDRAWN_LENGTH_OVERRUN,
        /** Total Path Attribute Length runs past the message: the NLRI cannot be located. */
        TOTAL_ATTRIBUTE_LENGTH_OVERRUN,
        /** An attribute header or value runs past the Total Path Attribute Length (RFC 7606 4). */
        ATTRIBUTE_OVERRUN,
        /** A withdrawn IPv4 prefix does not parse. */
        WITHDRAWN_PREFIX_INVALID,
        /** An IPv4 NLRI prefix does not parse. */
        NLRI_PREFIX_INVALID
    }

    @Override
    public String toString()
    {
        return kind + ": " + detail;
    }
}
