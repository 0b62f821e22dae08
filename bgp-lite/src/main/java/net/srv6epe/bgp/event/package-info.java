/**
 * Route-event timing: every FIB and local-SID change the BGP speaker causes, stamped on the wall and monotonic
 * clocks with its {@link net.srv6epe.bgp.event.Cause}, for convergence measurements.
 */
package net.srv6epe.bgp.event;
