package net.srv6epe.vrf.sid;

import net.srv6epe.srv6.Behavior;

import java.util.EnumMap;
import java.util.Map;

/**
 * Which attributes each endpoint behavior requires and allows, as one table (the way Linux
 * {@code seg6_local.c} declares {@code required_attrs} / {@code optional_attrs} per action). Adding a behavior
 * is adding a row.
 */
public final class SidAttributeRules
{
    private static final int VRF = 1;
    private static final int NH6 = 2;
    private static final int NH4 = 4;
    private static final int PORT = 8;
    private static final int FLAVORS = 16;

    private static final Map<Behavior, int[]> RULES = new EnumMap<>(Behavior.class);

    static
    {
        //        behavior                   required   optional
        RULES.put(Behavior.END, new int[]{0, FLAVORS});
        RULES.put(Behavior.END_X, new int[]{NH6, PORT | FLAVORS});
        RULES.put(Behavior.END_DX6, new int[]{NH6, PORT});
        RULES.put(Behavior.END_DX4, new int[]{NH4, PORT});
        RULES.put(Behavior.END_DT6, new int[]{VRF, 0});
        RULES.put(Behavior.END_DT4, new int[]{VRF, 0});
        RULES.put(Behavior.END_DT46, new int[]{VRF, 0});
    }

    private SidAttributeRules()
    {
    }

    /**
     * Checks an entry against its behavior's row.
     *
     * @throws IllegalArgumentException naming the SID, the behavior and the missing or unexpected attribute
     */
    public static void validate(final LocalSid sid)
    {
        final Behavior behavior = sid.behavior();
        final String what = behavior.displayName() + " SID " + sid.sidText();
        final int[] rule = RULES.get(behavior);
        if (rule == null)
        {
            throw new IllegalArgumentException(behavior.displayName() + " is a headend behavior, not a local SID (" +
                sid.sidText() + "); put it on a route as an encap action");
        }
        final int required = rule[0];
        final int allowed = rule[0] | rule[1];
        int present = 0;
        present |= sid.vrfName() != null ? VRF : 0;
        present |= sid.nextHopFamily() == 6 ? NH6 : 0;
        present |= sid.nextHopFamily() == 4 ? NH4 : 0;
        present |= sid.port() != null ? PORT : 0;
        present |= sid.flavors() != 0 ? FLAVORS : 0;

        if ((required & VRF) != 0 && (present & VRF) == 0)
        {
            throw new IllegalArgumentException(what + " needs a VRF to look the inner packet up in");
        }
        if ((required & NH6) != 0 && (present & NH6) == 0)
        {
            throw new IllegalArgumentException(what + " needs an IPv6 next hop" +
                ((present & NH4) != 0 ? " (got an IPv4 one)" : ""));
        }
        if ((required & NH4) != 0 && (present & NH4) == 0)
        {
            throw new IllegalArgumentException(what + " needs an IPv4 next hop" +
                ((present & NH6) != 0 ? " (got an IPv6 one)" : ""));
        }
        final int unexpected = present & ~allowed;
        if ((unexpected & FLAVORS) != 0)
        {
            throw new IllegalArgumentException(what + ": flavors (PSP/USP/USD) are only allowed on End and End.X");
        }
        if ((unexpected & VRF) != 0)
        {
            throw new IllegalArgumentException(what + " does not take a VRF (only End.DT4, End.DT6, End.DT46 do)");
        }
        if ((unexpected & (NH6 | NH4)) != 0)
        {
            throw new IllegalArgumentException(what + " does not take a next hop of this family " +
                "(End.X and End.DX6 take IPv6, End.DX4 takes IPv4)");
        }
        if ((unexpected & PORT) != 0)
        {
            throw new IllegalArgumentException(what + " does not take a port (only End.X, End.DX4, End.DX6 do)");
        }
    }
}
