/**
 * Path attributes (RFC 4271 4.3 and 5.1, RFC 1997, RFC 4456, RFC 4360, RFC 4760, RFC 6793): one class per
 * attribute, each with {@code decode}, {@code encodeValue} and a readable {@code toString};
 * {@link net.srv6epe.bgp.wire.attribute.PathAttributeCodec} frames them (flags, type, length). A value that does
 * not parse becomes a {@link net.srv6epe.bgp.wire.attribute.MalformedAttribute} for the RFC 7606 validator.
 */
package net.srv6epe.bgp.wire.attribute;
