/**
 * VRFs and the immutable forwarding state the data plane reads: {@link net.srv6epe.vrf.ForwardingState}, published
 * RCU style by {@link net.srv6epe.vrf.ForwardingStatePublisher} and built by
 * {@link net.srv6epe.vrf.ForwardingStateBuilder}. No I/O, no threads, no logging.
 */
package net.srv6epe.vrf;
