/**
 * OPEN optional parameters (RFC 4271 4.2) and capabilities (RFC 5492): multiprotocol (RFC 4760 8), route
 * refresh (RFC 2918 2), 4-octet AS (RFC 6793 3), extended message (RFC 8654 3); unknown ones kept opaque.
 */
package net.srv6epe.bgp.wire.capability;
