/**
 * The BGP Prefix-SID attribute (type 40, RFC 8669) with the SRv6 Service TLVs of RFC 9252 (L3 type 5, L2 type 6),
 * their SRv6 SID Information Sub-TLV and SRv6 SID Structure Sub-Sub-TLV, and the RFC 9252 4 transposition of SID
 * bits into the NLRI label field.
 *
 * <p>All three TLV levels share one shape, Type (1) | Length (2) | Value; an unknown TLV at any level is kept as
 * an {@link net.srv6epe.bgp.wire.prefixsid.OpaqueTlv}.
 */
package net.srv6epe.bgp.wire.prefixsid;
