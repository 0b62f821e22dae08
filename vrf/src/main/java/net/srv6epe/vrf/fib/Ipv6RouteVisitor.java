package net.srv6epe.vrf.fib;

/** Receives the routes of an {@link Ipv6Fib} in prefix order (address, then length). */
@FunctionalInterface
public interface Ipv6RouteVisitor
{
    /**
     * @param hi prefix address, high 64 bits
     * @param lo prefix address, low 64 bits
     * @param length prefix length 0..128
     * @param routeIndex the value stored for the prefix
     */
    void visit(long hi, long lo, int length, int routeIndex);
}
