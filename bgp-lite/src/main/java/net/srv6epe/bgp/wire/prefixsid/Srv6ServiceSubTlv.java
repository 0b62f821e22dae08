package net.srv6epe.bgp.wire.prefixsid;

import org.agrona.MutableDirectBuffer;

/** A Sub-TLV of an SRv6 Service TLV (RFC 9252 3.1). */
public sealed interface Srv6ServiceSubTlv permits Srv6SidInformation, OpaqueTlv
{
    /** The Sub-TLV type. */
    int type();

    /** Writes the whole Sub-TLV at {@code offset}; returns the octets written. */
    int encode(MutableDirectBuffer buffer, int offset);
}
