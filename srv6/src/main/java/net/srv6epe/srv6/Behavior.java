package net.srv6epe.srv6;

/**
 * The SRv6 behaviors this router implements (RFC 8986), spelled the way the RFC and iproute2 spell them.
 *
 * <p>One row per behavior: its display name, whether it is an endpoint behavior bound to a local SID
 * (as opposed to a headend behavior applied by a route), and its IANA "SRv6 Endpoint Behaviors"
 * codepoint without flavors (RFC 8986 section 10.2; headend behaviors have none).
 */
public enum Behavior
{
    END("End", true, 1),
    END_X("End.X", true, 5),
    END_DX6("End.DX6", true, 16),
    END_DX4("End.DX4", true, 17),
    END_DT6("End.DT6", true, 18),
    END_DT4("End.DT4", true, 19),
    END_DT46("End.DT46", true, 20),
    H_ENCAPS("H.Encaps", false, -1),
    H_ENCAPS_RED("H.Encaps.Red", false, -1);

    private final String displayName;
    private final boolean endpoint;
    private final int ianaCodepoint;

    Behavior(final String displayName, final boolean endpoint, final int ianaCodepoint)
    {
        this.displayName = displayName;
        this.endpoint = endpoint;
        this.ianaCodepoint = ianaCodepoint;
    }

    /** The name as RFC 8986 and iproute2 write it, e.g. {@code End.DT46}. */
    public String displayName()
    {
        return displayName;
    }

    /** True for behaviors bound to a local SID, false for headend (route) behaviors. */
    public boolean isEndpoint()
    {
        return endpoint;
    }

    /** IANA endpoint behavior codepoint without flavors, or -1 for headend behaviors. */
    public int ianaCodepoint()
    {
        return ianaCodepoint;
    }

    /**
     * Finds a behavior by its RFC spelling, case-insensitively ({@code end.dt6} and {@code End.DT6} both match).
     *
     * @throws IllegalArgumentException naming the unknown value and the accepted ones
     */
    public static Behavior fromDisplayName(final String name)
    {
        for (final Behavior b : values())
        {
            if (b.displayName.equalsIgnoreCase(name))
            {
                return b;
            }
        }
        final StringBuilder known = new StringBuilder();
        for (final Behavior b : values())
        {
            known.append(known.length() == 0 ? "" : ", ").append(b.displayName);
        }
        throw new IllegalArgumentException("unknown SRv6 behavior '" + name + "' (known: " + known + ")");
    }

    @Override
    public String toString()
    {
        return displayName;
    }
}
