package net.srv6epe.dataplane.neighbor;

import net.srv6epe.dataplane.port.MacAddress;
import net.srv6epe.srv6.Ipv4Address;
import net.srv6epe.srv6.Ipv6Address;

/**
 * One neighbor as shown to operators ({@code show neighbors}); built on demand, never on the packet path.
 *
 * @param portIndex the port the neighbor is on.
 * @param ipv6 true for an IPv6 neighbor, false for IPv4 (then the address is in the low 32 bits of {@code lo}).
 * @param hi high 64 bits of the IPv6 address (0 for IPv4).
 * @param lo low 64 bits of the IPv6 address, or the IPv4 address.
 * @param mac the MAC, or {@link NeighborTable#MISS}.
 * @param state the entry's state.
 */
public record NeighborView(int portIndex, boolean ipv6, long hi, long lo, long mac, NeighborState state)
{
    /** The address as text. */
    public String address()
    {
        return ipv6 ? Ipv6Address.format(hi, lo) : Ipv4Address.format((int)lo);
    }

    @Override
    public String toString()
    {
        return "port " + portIndex + " " + address() + " " +
            (mac == NeighborTable.MISS ? "-" : MacAddress.format(mac)) + " " + state;
    }
}
