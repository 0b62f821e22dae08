/**
 * The BGP finite state machine (RFC 4271 8) as a pure state machine: {@link net.srv6epe.bgp.fsm.SessionFsm} takes
 * events with the time in nanoseconds and emits actions through {@link net.srv6epe.bgp.fsm.FsmActions}; OPEN
 * validation ({@link net.srv6epe.bgp.fsm.OpenValidator}), capability negotiation
 * ({@link net.srv6epe.bgp.fsm.NegotiatedSession}) and collision resolution
 * ({@link net.srv6epe.bgp.fsm.CollisionResolver}) live beside it. No I/O, no threads, no clock.
 */
package net.srv6epe.bgp.fsm;
