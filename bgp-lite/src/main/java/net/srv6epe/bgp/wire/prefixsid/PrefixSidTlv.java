package net.srv6epe.bgp.wire.prefixsid;

import org.agrona.MutableDirectBuffer;

/** A TLV of the BGP Prefix-SID attribute (RFC 8669 3). */
public sealed interface PrefixSidTlv permits Srv6ServiceTlv, OpaqueTlv
{
    /** The TLV type. */
    int type();

    /** Writes the whole TLV (type, length, value) at {@code offset}; returns the octets written. */
    int encode(MutableDirectBuffer buffer, int offset);
}
