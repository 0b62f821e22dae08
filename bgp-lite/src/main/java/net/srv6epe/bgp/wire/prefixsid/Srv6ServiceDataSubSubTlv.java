package net.srv6epe.bgp.wire.prefixsid;

import org.agrona.MutableDirectBuffer;

/** An SRv6 Service Data Sub-Sub-TLV of an SRv6 SID Information Sub-TLV (RFC 9252 3.2). */
public sealed interface Srv6ServiceDataSubSubTlv permits Srv6SidStructure, OpaqueTlv
{
    /** The Sub-Sub-TLV type. */
    int type();

    /** Writes the whole Sub-Sub-TLV at {@code offset}; returns the octets written. */
    int encode(MutableDirectBuffer buffer, int offset);
}
