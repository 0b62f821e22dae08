package net.srv6epe.vrf.fib;

import net.srv6epe.vrf.prefix.Ipv4Prefix;

import java.util.function.IntPredicate;

/**
 * An immutable IPv4 longest-prefix-match table from prefixes to route indexes. The same structure as
 * {@link Ipv6Fib} (16-bit direct slots over stride-6 poptries) with the address in the top 32 bits of the key:
 * a {@code /24} is found after the slot load and at most two node visits, a {@code /32} after three.
 */
public final class Ipv4Fib
{
    /** Returned by {@link #lookup} when no route covers the address. */
    public static final int NO_ROUTE = LpmTable.NO_ROUTE;

    private static final Ipv4Fib EMPTY = new Ipv4Fib(LpmTable.empty());

    final LpmTable table;

    Ipv4Fib(final LpmTable table)
    {
        this.table = table;
    }

    /** The empty FIB. */
    public static Ipv4Fib empty()
    {
        return EMPTY;
    }

    static long key(final int address)
    {
        return (long)address << 32;
    }

    /**
     * Longest-prefix match. Allocation free; safe from any number of threads.
     *
     * @return the route index of the longest matching prefix, or {@link #NO_ROUTE}
     */
    public int lookup(final int address)
    {
        return table.lookup(key(address), 0);
    }

    /** The route index stored for exactly this prefix, or {@link #NO_ROUTE}. */
    public int get(final Ipv4Prefix prefix)
    {
        return table.get(key(prefix.address()), 0, prefix.length());
    }

    public int size()
    {
        return table.size;
    }

    /** Visits every route in prefix order (address, then length), for {@code show route}. */
    public void forEach(final Ipv4RouteVisitor visitor)
    {
        table.forEach((hi, lo, length, value) -> visitor.visit((int)(hi >>> 32), length, value));
    }

    /** The IPv4 form of {@link Ipv6Fib#diff}: every route that differs (or is rechecked), in prefix order. */
    public static void diff(final Ipv4Fib before, final Ipv4Fib after, final IntPredicate recheck,
        final Ipv4DiffVisitor visitor)
    {
        LpmTable.diff(before.table, after.table, recheck,
            (hi, lo, length, was, now) -> visitor.visit((int)(hi >>> 32), length, was, now));
    }

    /** Approximate heap retained by this FIB. */
    public long sizeInBytes()
    {
        return table.sizeInBytes();
    }
}
