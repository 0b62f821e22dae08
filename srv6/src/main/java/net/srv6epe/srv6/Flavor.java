package net.srv6epe.srv6;

/**
 * Flavors of the End and End.X behaviors (RFC 8986 section 4.16). Represented as bits so a SID can carry
 * several at once ({@code PSP | USD}).
 */
public enum Flavor
{
    /** Penultimate Segment Pop of the SRH (RFC 8986 4.16.1). */
    PSP("PSP", 1),
    /** Ultimate Segment Pop of the SRH (RFC 8986 4.16.2). */
    USP("USP", 2),
    /** Ultimate Segment Decapsulation (RFC 8986 4.16.3). */
    USD("USD", 4);

    private final String displayName;
    private final int bit;

    Flavor(final String displayName, final int bit)
    {
        this.displayName = displayName;
        this.bit = bit;
    }

    public String displayName()
    {
        return displayName;
    }

    /** The bit of this flavor in a flavor set ({@code int}). */
    public int bit()
    {
        return bit;
    }

    public static boolean isSet(final int flavors, final Flavor flavor)
    {
        return (flavors & flavor.bit) != 0;
    }

    /**
     * Finds a flavor by name, case-insensitively.
     *
     * @throws IllegalArgumentException naming the unknown value
     */
    public static Flavor fromDisplayName(final String name)
    {
        for (final Flavor f : values())
        {
            if (f.displayName.equalsIgnoreCase(name))
            {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown SRv6 flavor '" + name + "' (known: PSP, USP, USD)");
    }

    @Override
    public String toString()
    {
        return displayName;
    }
}
