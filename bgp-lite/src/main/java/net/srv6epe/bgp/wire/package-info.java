/**
 * BGP wire layer: codecs for every message and attribute the speaker uses, symmetric (decode, encode, readable
 * {@code toString}), and an RFC 7606 validator kept apart from decoding. No sockets, no state.
 *
 * <p>Decoders read an agrona {@code DirectBuffer} between an offset and a length and never read outside it;
 * encoders write into a {@code MutableDirectBuffer} (an {@code ExpandableArrayBuffer} grows as needed) and
 * return the number of octets written. IPv6 addresses are two {@code long}s (see
 * {@code net.srv6epe.srv6.Ipv6Address}).
 */
package net.srv6epe.bgp.wire;
