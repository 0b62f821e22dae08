package net.srv6epe.bgp.wire.nlri;

import org.agrona.MutableDirectBuffer;

/** One NLRI entry: knows its exact wire length and writes itself. */
public sealed interface Nlri permits Ipv4Prefix, Ipv6Prefix, VpnIpv6Prefix
{
    /** Octets this entry takes on the wire, length octet included. */
    int wireLength();

    /** Writes the entry at {@code offset}; returns {@link #wireLength()}. */
    int encode(MutableDirectBuffer buffer, int offset);
}
