package net.srv6epe.srv6.behavior;

import net.srv6epe.srv6.Behavior;
import net.srv6epe.srv6.Flavor;

/**
 * One row of the endpoint behavior table (Linux {@code seg6_action_table} style): what a local SID of this
 * behavior needs configured, which flavors it accepts, and which inner families it decapsulates. The control
 * plane validates SID configuration against it; {@link EndpointBehaviors} dispatches on it.
 */
public final class EndpointDescriptor
{
    /** Required attribute: an L3 adjacency (next hop and port). */
    public static final int ATTR_NEXT_HOP = 1;
    /** Required attribute: a VRF (table) for the decapsulated packet's lookup. */
    public static final int ATTR_VRF = 2;

    /** Decapsulates IPv6 (Next Header 41) when the upper layer is reached. */
    public static final int DECAP_IPV6 = 1;
    /** Decapsulates IPv4 (Next Header 4) when the upper layer is reached. */
    public static final int DECAP_IPV4 = 2;

    private final Behavior behavior;
    private final int requiredAttributes;
    private final int allowedFlavors;
    private final int decapsulates;
    private final boolean needsLastSegment;
    private final int verdictAfterSegment;

    EndpointDescriptor(
        final Behavior behavior,
        final int requiredAttributes,
        final int allowedFlavors,
        final int decapsulates,
        final boolean needsLastSegment,
        final int verdictAfterSegment)
    {
        this.behavior = behavior;
        this.requiredAttributes = requiredAttributes;
        this.allowedFlavors = allowedFlavors;
        this.decapsulates = decapsulates;
        this.needsLastSegment = needsLastSegment;
        this.verdictAfterSegment = verdictAfterSegment;
    }

    public Behavior behavior()
    {
        return behavior;
    }

    /** Bit set of {@link #ATTR_NEXT_HOP}, {@link #ATTR_VRF}. */
    public int requiredAttributes()
    {
        return requiredAttributes;
    }

    public boolean requiresNextHop()
    {
        return (requiredAttributes & ATTR_NEXT_HOP) != 0;
    }

    public boolean requiresVrf()
    {
        return (requiredAttributes & ATTR_VRF) != 0;
    }

    /** Bit set of {@link Flavor#bit()} this behavior accepts. */
    public int allowedFlavors()
    {
        return allowedFlavors;
    }

    public boolean allowsFlavor(final Flavor flavor)
    {
        return (allowedFlavors & flavor.bit()) != 0;
    }

    /** Bit set of {@link #DECAP_IPV6}, {@link #DECAP_IPV4}, without flavors (USD adds both to End/End.X). */
    public int decapsulates()
    {
        return decapsulates;
    }

    /**
     * True for End.DX* / End.DT*: the SID must be the last segment (Segments Left == 0), RFC 8986 4.4 S02.
     * False for End / End.X, which advance to the next segment.
     */
    public boolean needsLastSegment()
    {
        return needsLastSegment;
    }

    /**
     * The verdict after a successful segment advance (End: {@link Verdict#LOOKUP}, End.X:
     * {@link Verdict#FORWARD_NEXTHOP}) or after decapsulation (DX: FORWARD_NEXTHOP; DT: DECAP_LOOKUP_*).
     */
    public int verdictAfterSegment()
    {
        return verdictAfterSegment;
    }

    @Override
    public String toString()
    {
        return behavior.displayName();
    }
}
