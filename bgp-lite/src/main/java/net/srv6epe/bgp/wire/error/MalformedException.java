package net.srv6epe.bgp.wire.error;

/**
 * Thrown by the low-level readers when bytes do not parse; carries the RFC 4271 UPDATE subcode that names the
 * problem and a reason. Decoders catch it and record what they found (a malformed attribute, an UPDATE defect);
 * it never escapes a public {@code decode} of an UPDATE. No stack trace: it is a value, not a bug.
 */
public final class MalformedException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final int subcode;

    /**
     * @param subcode RFC 4271 6.3 UPDATE Message Error subcode naming the problem (0 when none fits)
     * @param reason  what is wrong, readable
     */
    public MalformedException(final int subcode, final String reason)
    {
        super(reason, null, false, false);
        this.subcode = subcode;
    }

    /** RFC 4271 6.3 UPDATE Message Error subcode. */
    public int subcode()
    {
        return subcode;
    }

    /** Throws when {@code needed} octets are not available from {@code offset} up to {@code limit}. */
    public static void require(final int offset, final int needed, final int limit, final int subcode,
        final String what)
    {
        if (needed < 0 || offset > limit - needed)
        {
            throw new MalformedException(subcode, what + ": needs " + needed + " octets, " +
                Math.max(0, limit - offset) + " left");
        }
    }
}
