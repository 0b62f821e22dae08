package net.srv6epe.vrf.fib;

import net.srv6epe.vrf.prefix.Ipv4Prefix;

/**
 * Writer-side route set for an {@link Ipv4Fib}; see {@link Ipv6FibBuilder} for the update model. Not thread safe.
 */
public final class Ipv4FibBuilder
{
    private final LpmTableBuilder builder;

    private Ipv4FibBuilder(final LpmTable from)
    {
        builder = new LpmTableBuilder(from);
    }

    public static Ipv4FibBuilder empty()
    {
        return new Ipv4FibBuilder(Ipv4Fib.empty().table);
    }

    /** A builder holding the routes of {@code fib}; the FIB itself is never modified. */
    public static Ipv4FibBuilder from(final Ipv4Fib fib)
    {
        return new Ipv4FibBuilder(fib.table);
    }

    /** Adds or replaces; returns the previous route index or {@link Ipv4Fib#NO_ROUTE}. */
    public int add(final Ipv4Prefix prefix, final int routeIndex)
    {
        return builder.put(Ipv4Fib.key(prefix.address()), 0, prefix.length(), routeIndex);
    }

    /** Removes exactly this prefix; returns its route index or {@link Ipv4Fib#NO_ROUTE}. */
    public int remove(final Ipv4Prefix prefix)
    {
        return builder.remove(Ipv4Fib.key(prefix.address()), 0, prefix.length());
    }

    public int get(final Ipv4Prefix prefix)
    {
        return builder.get(Ipv4Fib.key(prefix.address()), 0, prefix.length());
    }

    public int size()
    {
        return builder.size();
    }

    public Ipv4Fib build()
    {
        return new Ipv4Fib(builder.build());
    }
}
