/**
 * NLRI: address families (RFC 4760), IPv4 and IPv6 prefixes (RFC 4271 4.3, RFC 4760 5), route distinguishers
 * and labeled VPN-IPv6 prefixes (RFC 4364 4.2, RFC 4659 3.2, RFC 8277 2).
 */
package net.srv6epe.bgp.wire.nlri;
