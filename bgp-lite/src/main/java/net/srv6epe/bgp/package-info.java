/**
 * The embedded BGP speaker. Not built yet: this module is a placeholder until the BGP issue lands
 * (sessions, VPNv6 with RFC 9252 SRv6 services, RIBs). Nothing in the router uses it today.
 */
package net.srv6epe.bgp;
