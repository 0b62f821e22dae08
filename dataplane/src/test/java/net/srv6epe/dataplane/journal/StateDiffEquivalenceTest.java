package net.srv6epe.dataplane.journal;

import net.srv6epe.srv6.Behavior;
import net.srv6epe.srv6.behavior.EncapTemplate;
import net.srv6epe.vrf.ForwardingState;
import net.srv6epe.vrf.ForwardingStateBuilder;
import net.srv6epe.vrf.Vrf;
import net.srv6epe.vrf.prefix.Ipv4Prefix;
import net.srv6epe.vrf.prefix.Ipv6Prefix;
import net.srv6epe.vrf.route.RouteAction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The route changes {@link StateDiff} journals (found slot by slot, skipping what two snapshots share) are exactly,
 * and in the same order, what comparing the two full route tables by text gives: over random batches of IPv6 and
 * IPv4 adds, replacements and removals (short routes included), actions re-interned at reused indexes, a VRF
 * added and one removed, between consecutive snapshots of one builder and between unrelated snapshots.
 */
class StateDiffEquivalenceTest
{
    private static final List<RouteAction> ACTIONS = actions();

    @ParameterizedTest
    @ValueSource(longs = {7, 8, 9})
    void journaledRouteChangesEqualAFullTextComparison(final long seed)
    {
        final Random random = new Random(seed);
        final List<ForwardingState> states = new ArrayList<>();
        ForwardingStateBuilder b = ForwardingStateBuilder.from(ForwardingState.initial());
        b.addVrf("a", 101);
        b.addVrf("b", 102);
        states.add(b.build());
        for (int step = 0; step < 12; step++)
        {
            b = ForwardingStateBuilder.from(states.get(states.size() - 1));
            if (step == 5)
            {
                b.addVrf("c", 103);
            }
            if (step == 9)
            {
                b.removeVrf("b");
            }
            final int changes = step == 0 ? 3_000 : 1 + random.nextInt(800);
            for (int c = 0; c < changes; c++)
            {
                change(b, random, step >= 9 ? new String[]{"default", "a", "c"} :
                    step >= 5 ? new String[]{"default", "a", "b", "c"} : new String[]{"default", "a", "b"});
            }
            states.add(b.build());
        }
        int compared = 0;
        for (int i = 1; i < states.size(); i++)
        {
            compared += check(states.get(i - 1), states.get(i));
        }
        compared += check(states.get(1), states.get(states.size() - 1));
        compared += check(states.get(states.size() - 1), states.get(2));
        assertFalse(compared == 0, "the scenario changed nothing");
    }

    private static int check(final ForwardingState before, final ForwardingState after)
    {
        final List<StateChange> expected = fullTextComparison(before, after);
        final List<StateChange> actual = StateDiff.between(before, after).stream()
            .filter(c -> c.kind() == ChangeKind.ROUTE).toList();
        assertEquals(expected, actual);
        return expected.size();
    }

    private static void change(final ForwardingStateBuilder b, final Random random, final String[] vrfs)
    {
        final String vrf = vrfs[random.nextInt(vrfs.length)];
        if (random.nextInt(5) == 0)
        {
            final int length = random.nextInt(33);
            final Ipv4Prefix q = Ipv4Prefix.of(random.nextInt(64) << 26 & Ipv4Prefix.mask(length), length);
            if (random.nextInt(3) == 0)
            {
                b.removeRoute(vrf, q);
            }
            else
            {
                b.addRoute(vrf, q, ACTIONS.get(random.nextInt(ACTIONS.size())));
            }
            return;
        }
        final int length = random.nextInt(8) == 0 ? random.nextInt(17) : 17 + random.nextInt(112);
        final long hi = (0x2000L + random.nextInt(8)) << 48 | (random.nextLong() >>> 16 & 0xFFFF_0000_0000L);
        final Ipv6Prefix p = Ipv6Prefix.covering(hi, random.nextInt(4), length);
        if (random.nextInt(3) == 0)
        {
            b.removeRoute(vrf, p);
        }
        else
        {
            b.addRoute(vrf, p, ACTIONS.get(random.nextInt(ACTIONS.size())));
        }
    }

    /** The journal's route changes as they were computed before slot-wise diffs: every route's text compared. */
    private static List<StateChange> fullTextComparison(final ForwardingState before, final ForwardingState after)
    {
        final List<StateChange> out = new ArrayList<>();
        for (final Vrf newVrf : after.vrfs())
        {
            final Vrf oldVrf = before.vrf(newVrf.name());
            if (oldVrf != newVrf)
            {
                diff(newVrf.name(), routesOf(oldVrf), routesOf(newVrf), out);
            }
        }
        for (final Vrf oldVrf : before.vrfs())
        {
            if (after.vrf(oldVrf.name()) == null)
            {
                diff(oldVrf.name(), routesOf(oldVrf), Map.of(), out);
            }
        }
        return out;
    }

    private static void diff(final String vrf, final Map<String, String> before, final Map<String, String> after,
        final List<StateChange> out)
    {
        for (final Map.Entry<String, String> e : after.entrySet())
        {
            final String old = before.get(e.getKey());
            if (!Objects.equals(old, e.getValue()))
            {
                out.add(new StateChange(ChangeKind.ROUTE, vrf, e.getKey(), old, e.getValue()));
            }
        }
        for (final Map.Entry<String, String> e : before.entrySet())
        {
            if (!after.containsKey(e.getKey()))
            {
                out.add(new StateChange(ChangeKind.ROUTE, vrf, e.getKey(), e.getValue(), null));
            }
        }
    }

    private static Map<String, String> routesOf(final Vrf vrf)
    {
        final Map<String, String> routes = new LinkedHashMap<>();
        if (vrf != null)
        {
            vrf.ipv6Fib().forEach((hi, lo, length, index) ->
                routes.put(Ipv6Prefix.of(hi, lo, length).toString(), vrf.action(index).toString()));
            vrf.ipv4Fib().forEach((address, length, index) ->
                routes.put(Ipv4Prefix.of(address, length).toString(), vrf.action(index).toString()));
        }
        return routes;
    }

    private static List<RouteAction> actions()
    {
        final List<RouteAction> out = new ArrayList<>();
        out.add(RouteAction.blackhole());
        out.add(RouteAction.unreachable());
        for (int i = 1; i <= 3; i++)
        {
            out.add(RouteAction.via(0xfd00_0020_0000_0000L, i, "core"));
            out.add(RouteAction.encap(EncapTemplate.create(Behavior.H_ENCAPS, 0xfd00_0020_0000_0000L, 2,
                new long[]{0xfc00_0000_0001_0000L | i << 16, 0}), "default"));
        }
        return out;
    }
}
