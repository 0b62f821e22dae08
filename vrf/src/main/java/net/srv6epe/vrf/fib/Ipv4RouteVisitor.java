package net.srv6epe.vrf.fib;

/** Receives the routes of an {@link Ipv4Fib} in prefix order (address, then length). */
@FunctionalInterface
public interface Ipv4RouteVisitor
{
    /**
     * @param address prefix address (network order in an int)
     * @param length prefix length 0..32
     * @param routeIndex the value stored for the prefix
     */
    void visit(int address, int length, int routeIndex);
}
