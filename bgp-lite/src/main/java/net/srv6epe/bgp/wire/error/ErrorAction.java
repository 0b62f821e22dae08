package net.srv6epe.bgp.wire.error;

/**
 * What a receiver does with a malformed UPDATE (RFC 7606 2), weakest first: the declaration order is the
 * strength order, so {@code a.compareTo(b) > 0} means a is stronger.
 */
public enum ErrorAction
{
    /** Nothing wrong. */
    NONE("none"),
    /** RFC 7606 2: drop the attribute, keep the routes. */
    ATTRIBUTE_DISCARD("attribute-discard"),
    /** RFC 7606 2: handle every route of the UPDATE (NLRI and MP_REACH) as withdrawn. */
    TREAT_AS_WITHDRAW("treat-as-withdraw"),
    /** RFC 4271 6: send a NOTIFICATION and close the session. */
    SESSION_RESET("session-reset");

    private final String label;

    ErrorAction(final String label)
    {
        this.label = label;
    }

    /** The stronger of this and another action. */
    public ErrorAction max(final ErrorAction other)
    {
        return other.compareTo(this) > 0 ? other : this;
    }

    @Override
    public String toString()
    {
        return label;
    }
}
