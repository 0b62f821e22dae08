package net.srv6epe.bgp.wire.capability;

import org.agrona.MutableDirectBuffer;

/** One capability of the Capabilities optional parameter (RFC 5492 4): Code (1) | Length (1) | Value. */
public sealed interface Capability permits MultiprotocolCapability, RouteRefreshCapability,
    FourOctetAsCapability, ExtendedMessageCapability, UnknownCapability
{
    /** Capability code. */
    int code();

    /** Writes code, length and value at {@code offset}; returns the octets written. */
    int encode(MutableDirectBuffer buffer, int offset);
}
