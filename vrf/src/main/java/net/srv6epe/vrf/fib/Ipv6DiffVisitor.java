package net.srv6epe.vrf.fib;

/** Receives the differences between two {@link Ipv6Fib}s ({@link Ipv6Fib#diff}) in prefix order. */
@FunctionalInterface
public interface Ipv6DiffVisitor
{
    /**
     * @param hi     prefix address, high 64 bits
     * @param lo     prefix address, low 64 bits
     * @param length prefix length 0..128
     * @param before the route index before, or {@link Ipv6Fib#NO_ROUTE} when the route was added
     * @param after  the route index after, or {@link Ipv6Fib#NO_ROUTE} when the route was removed
     */
    void visit(long hi, long lo, int length, int before, int after);
}
