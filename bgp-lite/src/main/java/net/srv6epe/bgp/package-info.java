/**
 * The embedded BGP speaker. Built so far: the wire layer ({@link net.srv6epe.bgp.wire}) — message, attribute,
 * NLRI and BGP Prefix-SID codecs and the RFC 7606 UPDATE validator; the RFC 4271 FSM ({@link net.srv6epe.bgp.fsm});
 * the NIO session transport ({@link net.srv6epe.bgp.session}). The RIBs come in later slices; nothing in the router
 * uses this module yet.
 */
package net.srv6epe.bgp;
