/**
 * RIBs of the BGP speaker: per-neighbor Adj-RIBs-In in primitive form with interned path attributes, RFC 7606
 * outcomes applied, max-prefix (RFC 4486), and best-path selection (RFC 4271 9.1.2.2) per prefix.
 */
package net.srv6epe.bgp.rib;
