package net.srv6epe.dataplane.config;

import java.util.EnumMap;
import java.util.Map;

import net.srv6epe.srv6.Behavior;

/**
 * The attribute table of local SID behaviors, in the manner of Linux {@code seg6_local.c}: per behavior, which
 * of {@code vrf}, {@code via} (and its family) and {@code flavors} it requires or forbids. Adding a behavior is
 * adding a row.
 */
public final class SidRules
{
    /** Which next hop a behavior takes. */
    public enum Via
    {
        /** No next hop; {@code via} and {@code port} are forbidden. */
        NONE,
        /** An IPv6 next hop is required. */
        IPV6,
        /** An IPv4 next hop is required. */
        IPV4
    }

    /**
     * One row.
     *
     * @param needsVrf       {@code vrf} is required (and otherwise forbidden).
     * @param via            which next hop is required.
     * @param allowsFlavors  {@code flavors} may be given (RFC 8986 4.16: End, End.X, End.T only).
     */
    public record Rule(boolean needsVrf, Via via, boolean allowsFlavors)
    {
    }

    private static final Map<Behavior, Rule> RULES = new EnumMap<>(Behavior.class);

    static
    {
        RULES.put(Behavior.END, new Rule(false, Via.NONE, true));
        RULES.put(Behavior.END_X, new Rule(false, Via.IPV6, true));
        RULES.put(Behavior.END_DX6, new Rule(false, Via.IPV6, false));
        RULES.put(Behavior.END_DX4, new Rule(false, Via.IPV4, false));
        RULES.put(Behavior.END_DT6, new Rule(true, Via.NONE, false));
        RULES.put(Behavior.END_DT4, new Rule(true, Via.NONE, false));
        RULES.put(Behavior.END_DT46, new Rule(true, Via.NONE, false));
    }

    private SidRules()
    {
    }

    /**
     * The row of a behavior.
     *
     * @return the rule, or null for behaviors that are not local SID behaviors (H.Encaps, H.Encaps.Red).
     */
    public static Rule of(final Behavior behavior)
    {
        return RULES.get(behavior);
    }
}
