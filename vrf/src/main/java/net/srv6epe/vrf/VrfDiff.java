package net.srv6epe.vrf;

import net.srv6epe.vrf.fib.Ipv4Fib;
import net.srv6epe.vrf.fib.Ipv6Fib;
import net.srv6epe.vrf.route.RouteAction;

import java.util.function.IntPredicate;

/**
 * The routes that may have changed between two snapshots of a VRF, found without listing the whole table: the
 * FIBs are compared slot by slot and slots a builder left untouched (shared between the snapshots) are skipped,
 * so a journal diff after a batch costs time proportional to the routes of the slots the batch touched. Reports
 * every route added, removed, or whose action object differs (a caller comparing actions by text filters those
 * that only look different, e.g. a re-resolved underlay VRF id); nothing that changed is missed.
 */
public final class VrfDiff
{
    private VrfDiff()
    {
    }

    /**
     * Visits the IPv6 routes (prefix order), then the IPv4 routes (prefix order), that may differ.
     *
     * @param before the VRF before, or null when it did not exist
     * @param after  the VRF after, or null when it no longer exists
     */
    public static void between(final Vrf before, final Vrf after, final Visitor visitor)
    {
        if (before == after)
        {
            return;
        }
        final Vrf b = before != null ? before : Vrf.empty(after.name(), after.id(), after.tableId());
        final Vrf a = after != null ? after : Vrf.empty(before.name(), before.id(), before.tableId());
        final IntPredicate recheck = changedActions(b.actions(), a.actions());
        Ipv6Fib.diff(b.ipv6Fib(), a.ipv6Fib(), recheck, (hi, lo, length, was, now) -> visitor.ipv6(hi, lo, length,
            was == Ipv6Fib.NO_ROUTE ? null : b.action(was), now == Ipv6Fib.NO_ROUTE ? null : a.action(now)));
        Ipv4Fib.diff(b.ipv4Fib(), a.ipv4Fib(), recheck, (address, length, was, now) -> visitor.ipv4(address, length,
            was == Ipv4Fib.NO_ROUTE ? null : b.action(was), now == Ipv4Fib.NO_ROUTE ? null : a.action(now)));
    }

    /**
     * Route indexes present in both action arrays with different action objects (a route keeping such an index
     * may have changed action), or null when there is none. Indexes past either array cannot be kept by a route.
     */
    private static IntPredicate changedActions(final RouteAction[] before, final RouteAction[] after)
    {
        final int n = Math.min(before.length, after.length);
        boolean[] changed = null;
        for (int i = 0; i < n; i++)
        {
            if (before[i] != after[i])
            {
                if (changed == null)
                {
                    changed = new boolean[n];
                }
                changed[i] = true;
            }
        }
        if (changed == null)
        {
            return null;
        }
        final boolean[] c = changed;
        return index -> index >= 0 && index < c.length && c[index];
    }

    /** Receives the routes that may differ; an action is null where the route is absent. */
    public interface Visitor
    {
        /** An IPv6 route: {@code before} null when added, {@code after} null when removed. */
        void ipv6(long hi, long lo, int length, RouteAction before, RouteAction after);

        /** An IPv4 route: {@code before} null when added, {@code after} null when removed. */
        void ipv4(int address, int length, RouteAction before, RouteAction after);
    }
}
