package net.srv6epe.vrf.fib;

import net.srv6epe.vrf.prefix.Ipv6Prefix;

/**
 * Writer-side route set for an {@link Ipv6Fib}: add, replace and remove routes, then {@link #build()} a new
 * immutable FIB. Started from an existing FIB it shares that FIB's unchanged slots; {@code build()} rebuilds only
 * the slots that changed, so a small change to a large table is cheap. May build repeatedly. Not thread safe:
 * one writer.
 */
public final class Ipv6FibBuilder
{
    private final LpmTableBuilder builder;

    private Ipv6FibBuilder(final LpmTable from)
    {
        builder = new LpmTableBuilder(from);
    }

    /** An empty builder. */
    public static Ipv6FibBuilder empty()
    {
        return new Ipv6FibBuilder(Ipv6Fib.empty().table);
    }

    /** A builder holding the routes of {@code fib}; the FIB itself is never modified. */
    public static Ipv6FibBuilder from(final Ipv6Fib fib)
    {
        return new Ipv6FibBuilder(fib.table);
    }

    /**
     * Adds or replaces the route for a prefix.
     *
     * @param routeIndex 0..16,777,215 (24 bits), returned by lookups covered by this prefix
     * @return the previous route index of the prefix, or {@link Ipv6Fib#NO_ROUTE}
     */
    public int add(final Ipv6Prefix prefix, final int routeIndex)
    {
        return builder.put(prefix.hi(), prefix.lo(), prefix.length(), routeIndex);
    }

    /** Removes the route for exactly this prefix; returns its route index or {@link Ipv6Fib#NO_ROUTE}. */
    public int remove(final Ipv6Prefix prefix)
    {
        return builder.remove(prefix.hi(), prefix.lo(), prefix.length());
    }

    /** The route index of exactly this prefix, or {@link Ipv6Fib#NO_ROUTE}. */
    public int get(final Ipv6Prefix prefix)
    {
        return builder.get(prefix.hi(), prefix.lo(), prefix.length());
    }

    public int size()
    {
        return builder.size();
    }

    /** A new immutable FIB with the current routes. */
    public Ipv6Fib build()
    {
        return new Ipv6Fib(builder.build());
    }
}
