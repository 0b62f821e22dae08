package net.srv6epe.vrf.fib;

/** Receives the differences between two {@link Ipv4Fib}s ({@link Ipv4Fib#diff}) in prefix order. */
@FunctionalInterface
public interface Ipv4DiffVisitor
{
    /**
     * @param address prefix address (network order in an int)
     * @param length  prefix length 0..32
     * @param before  the route index before, or {@link Ipv4Fib#NO_ROUTE} when the route was added
     * @param after   the route index after, or {@link Ipv4Fib#NO_ROUTE} when the route was removed
     */
    void visit(int address, int length, int before, int after);
}
