/** IPv6 and IPv4 prefix value types with strict parsing (host bits must be zero). */
package net.srv6epe.vrf.prefix;
