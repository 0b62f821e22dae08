/**
 * Multipath bonding over SRv6 (docs/BONDING.md): the head end's {@link net.srv6epe.dataplane.bond.Bond}s (shared
 * definitions, the estimator's published parameters, the workers' sent counters), each worker's
 * {@link net.srv6epe.dataplane.bond.BondSenders} (scheduler, sequence numbers, the bond TLV), the tail end's
 * per-worker {@link net.srv6epe.dataplane.bond.BondReceiver} (reorder buffers, delay measurement, feedback), and the
 * {@link net.srv6epe.dataplane.bond.BondAgent} that turns feedback into scheduler parameters.
 */
package net.srv6epe.dataplane.bond;
