package net.srv6epe.vrf;

import net.srv6epe.vrf.fib.Ipv4Fib;
import net.srv6epe.vrf.fib.Ipv4FibBuilder;
import net.srv6epe.vrf.fib.Ipv6Fib;
import net.srv6epe.vrf.fib.Ipv6FibBuilder;
import net.srv6epe.vrf.prefix.Ipv4Prefix;
import net.srv6epe.vrf.prefix.Ipv6Prefix;
import net.srv6epe.vrf.route.RouteAction;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writer-side state of one VRF: its FIB builders and the interned action array with reference counts, so that
 * identical actions share one index and the index of an action no route uses any more is reused.
 */
final class VrfBuilder
{
    private final Vrf base;
    private final Ipv6FibBuilder fib6;
    private final Ipv4FibBuilder fib4;
    private final List<RouteAction> actions;
    private int[] refs;
    private final Map<RouteAction, Integer> indexOf = new HashMap<>();
    private final ArrayDeque<Integer> free = new ArrayDeque<>();
    private boolean changed6;
    private boolean changed4;
    private Vrf last;

    VrfBuilder(final Vrf base)
    {
        this.base = base;
        last = base;
        fib6 = Ipv6FibBuilder.from(base.ipv6Fib());
        fib4 = Ipv4FibBuilder.from(base.ipv4Fib());
        actions = new ArrayList<>(Arrays.asList(base.actions()));
        refs = Arrays.copyOf(base.actionRefs(), Math.max(8, base.actionRefs().length));
        for (int i = 0; i < actions.size(); i++)
        {
            if (actions.get(i) != null && refs[i] > 0)
            {
                indexOf.put(actions.get(i), i);
            }
            else
            {
                free.add(i);
            }
        }
    }

    String name()
    {
        return base.name();
    }

    int id()
    {
        return base.id();
    }

    /** Adds or replaces; true when it changed anything. */
    boolean put6(final Ipv6Prefix prefix, final RouteAction action)
    {
        final int index = intern(action);
        final int previous = fib6.add(prefix, index);
        release(previous);
        changed6 = true;
        return previous != index;
    }

    boolean put4(final Ipv4Prefix prefix, final RouteAction action)
    {
        final int index = intern(action);
        final int previous = fib4.add(prefix, index);
        release(previous);
        changed4 = true;
        return previous != index;
    }

    boolean remove6(final Ipv6Prefix prefix)
    {
        final int previous = fib6.remove(prefix);
        release(previous);
        changed6 |= previous != Ipv6Fib.NO_ROUTE;
        return previous != Ipv6Fib.NO_ROUTE;
    }

    boolean remove4(final Ipv4Prefix prefix)
    {
        final int previous = fib4.remove(prefix);
        release(previous);
        changed4 |= previous != Ipv4Fib.NO_ROUTE;
        return previous != Ipv4Fib.NO_ROUTE;
    }

    RouteAction get6(final Ipv6Prefix prefix)
    {
        final int index = fib6.get(prefix);
        return index == Ipv6Fib.NO_ROUTE ? null : actions.get(index);
    }

    RouteAction get4(final Ipv4Prefix prefix)
    {
        final int index = fib4.get(prefix);
        return index == Ipv4Fib.NO_ROUTE ? null : actions.get(index);
    }

    /** Actions currently used by at least one route. */
    List<RouteAction> usedActions()
    {
        final List<RouteAction> used = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++)
        {
            if (refs[i] > 0)
            {
                used.add(actions.get(i));
            }
        }
        return used;
    }

    /** The next snapshot of this VRF; the previous one when nothing changed since the last build. */
    Vrf build()
    {
        if (!changed6 && !changed4)
        {
            return last;
        }
        final Ipv6Fib f6 = changed6 ? fib6.build() : last.ipv6Fib();
        final Ipv4Fib f4 = changed4 ? fib4.build() : last.ipv4Fib();
        changed6 = false;
        changed4 = false;
        last = new Vrf(base.name(), base.id(), base.tableId(), f6, f4, actions.toArray(new RouteAction[0]),
            Arrays.copyOf(refs, actions.size()));
        return last;
    }

    private int intern(final RouteAction action)
    {
        final Integer existing = indexOf.get(action);
        final int index;
        if (existing != null)
        {
            index = existing;
        }
        else
        {
            index = freeIndex();
            if (index == actions.size())
            {
                actions.add(action);
            }
            else
            {
                actions.set(index, action);
            }
            indexOf.put(action, index);
        }
        if (index >= refs.length)
        {
            refs = Arrays.copyOf(refs, 2 * refs.length);
        }
        refs[index]++;
        return index;
    }

    private int freeIndex()
    {
        final Integer reusable = free.poll();
        return reusable != null ? reusable : actions.size();
    }

    private void release(final int index)
    {
        if (index >= 0 && --refs[index] == 0)
        {
            // The slot keeps its old action until reused: a reader of an older snapshot never resolves it anyway.
            indexOf.remove(actions.get(index));
            free.add(index);
        }
    }
}
