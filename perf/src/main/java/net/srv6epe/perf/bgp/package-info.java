/**
 * The BGP route-load benchmark: a route blaster of our own ({@link net.srv6epe.perf.bgp.RouteBlaster}, a minimal
 * active BGP sender of pre-encoded VPNv6 UPDATEs with SRv6 SIDs), the receivers it measures (the real router in
 * process, {@link net.srv6epe.perf.bgp.RouterUnderTest}, and {@code gobgpd},
 * {@link net.srv6epe.perf.bgp.GobgpUnderTest}) and the runner ({@link net.srv6epe.perf.bgp.BgpBenchmark}).
 */
package net.srv6epe.perf.bgp;
