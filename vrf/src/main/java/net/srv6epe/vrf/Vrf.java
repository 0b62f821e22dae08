package net.srv6epe.vrf;

import net.srv6epe.srv6.Ipv4Address;
import net.srv6epe.vrf.fib.Ipv4Fib;
import net.srv6epe.vrf.fib.Ipv6Fib;
import net.srv6epe.vrf.prefix.Ipv4Prefix;
import net.srv6epe.vrf.prefix.Ipv6Prefix;
import net.srv6epe.vrf.route.RouteAction;

import java.util.ArrayList;
import java.util.List;

/**
 * One routing instance: a name, a dense id (index into {@link ForwardingState}'s VRF array, stable while the VRF
 * exists), a kernel-style table id ({@code ip route show table 100}), an IPv6 and an IPv4 FIB, and the action
 * array the FIBs' route indexes point into (distinct actions are stored once, so a million routes via a few
 * next hops share a few entries).
 *
 * <p>Immutable; lookups allocate nothing.
 */
public final class Vrf
{
    /** Name of the VRF every port belongs to unless configured otherwise. */
    public static final String DEFAULT_NAME = "default";
    /** Id of the default VRF. */
    public static final int DEFAULT_ID = 0;
    /** Kernel table id of the default VRF (the kernel's {@code main}). */
    public static final int DEFAULT_TABLE_ID = 254;

    private final String name;
    private final int id;
    private final int tableId;
    private final Ipv6Fib fib6;
    private final Ipv4Fib fib4;
    private final RouteAction[] actions;
    private final int[] actionRefs;

    Vrf(
        final String name,
        final int id,
        final int tableId,
        final Ipv6Fib fib6,
        final Ipv4Fib fib4,
        final RouteAction[] actions,
        final int[] actionRefs)
    {
        this.name = name;
        this.id = id;
        this.tableId = tableId;
        this.fib6 = fib6;
        this.fib4 = fib4;
        this.actions = actions;
        this.actionRefs = actionRefs;
    }

    static Vrf empty(final String name, final int id, final int tableId)
    {
        return new Vrf(name, id, tableId, Ipv6Fib.empty(), Ipv4Fib.empty(), new RouteAction[0], new int[0]);
    }

    public String name()
    {
        return name;
    }

    public int id()
    {
        return id;
    }

    public int tableId()
    {
        return tableId;
    }

    public Ipv6Fib ipv6Fib()
    {
        return fib6;
    }

    public Ipv4Fib ipv4Fib()
    {
        return fib4;
    }

    /** Longest-prefix match of an IPv6 destination; the action, or null when no route covers it. */
    public RouteAction route6(final long hi, final long lo)
    {
        final int index = fib6.lookup(hi, lo);
        return index == Ipv6Fib.NO_ROUTE ? null : actions[index];
    }

    /** Longest-prefix match of an IPv4 destination; the action, or null when no route covers it. */
    public RouteAction route4(final int address)
    {
        final int index = fib4.lookup(address);
        return index == Ipv4Fib.NO_ROUTE ? null : actions[index];
    }

    /** The action at a route index returned by one of the FIBs. */
    public RouteAction action(final int routeIndex)
    {
        return actions[routeIndex];
    }

    /** Size of the action array (some slots may be free). */
    public int actionCount()
    {
        return actions.length;
    }

    int[] actionRefs()
    {
        return actionRefs;
    }

    RouteAction[] actions()
    {
        return actions;
    }

    /** Route count, both families. */
    public int routeCount()
    {
        return fib6.size() + fib4.size();
    }

    /** The IPv6 routes in prefix order as {@code ip -6 route} prints them ({@code fd00:1::/48 via ... }). */
    public List<String> showRoutes6()
    {
        final List<String> lines = new ArrayList<>(fib6.size());
        fib6.forEach((hi, lo, length, index) -> lines.add(Ipv6Prefix.of(hi, lo, length) + " " + actions[index]));
        return lines;
    }

    /** The IPv4 routes in prefix order as {@code ip route} prints them. */
    public List<String> showRoutes4()
    {
        final List<String> lines = new ArrayList<>(fib4.size());
        fib4.forEach((address, length, index) -> lines.add(
            (length == 32 ? Ipv4Address.format(address) : Ipv4Prefix.of(address, length).toString()) + " " +
            actions[index]));
        return lines;
    }

    @Override
    public String toString()
    {
        return "vrf " + name + " id " + id + " table " + tableId + " (" + fib6.size() + " IPv6, " + fib4.size() +
            " IPv4 routes)";
    }
}
