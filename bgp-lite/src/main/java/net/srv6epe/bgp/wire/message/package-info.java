/**
 * BGP messages (RFC 4271 4): the 19-octet header and OPEN, UPDATE, NOTIFICATION, KEEPALIVE and ROUTE-REFRESH
 * (RFC 2918, RFC 7313). {@link net.srv6epe.bgp.wire.message.BgpMessageCodec} frames and dispatches; it throws
 * {@link net.srv6epe.bgp.wire.message.MessageDecodeException} (carrying the NOTIFICATION to send) for header and
 * OPEN errors. UPDATE bodies never throw: their problems are recorded for the RFC 7606 validator.
 */
package net.srv6epe.bgp.wire.message;
