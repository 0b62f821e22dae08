/**
 * Flyweights over packet bytes (agrona {@link org.agrona.MutableDirectBuffer}, network byte order): Ethernet,
 * IPv6 and its extension chain, the SRH (RFC 8754), IPv4, ICMPv6, ICMPv4, the Internet checksum and the flow
 * 5-tuple. Each view wraps {@code (buffer, offset, length)}, checks bounds in one validating call and then reads
 * fields without allocating.
 */
package net.srv6epe.srv6.wire;
