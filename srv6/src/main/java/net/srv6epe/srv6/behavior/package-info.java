/**
 * SRv6 behaviors (RFC 8986) as pure functions over a {@link net.srv6epe.srv6.behavior.PacketContext}: the endpoint
 * behavior table ({@link net.srv6epe.srv6.behavior.EndpointBehaviors}), the headend encapsulations
 * ({@link net.srv6epe.srv6.behavior.HeadEnd} with {@link net.srv6epe.srv6.behavior.EncapTemplate}), ICMP errors
 * ({@link net.srv6epe.srv6.behavior.IcmpErrorWriter}, {@link net.srv6epe.srv6.behavior.IcmpRateLimiter}) and the
 * echo responder. Each returns a {@link net.srv6epe.srv6.behavior.Verdict} for the pipeline to act on.
 */
package net.srv6epe.srv6.behavior;
