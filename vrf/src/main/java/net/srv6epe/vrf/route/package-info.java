/** What a FIB entry resolves to: forward, connected, SRv6 encap, local, blackhole, unreachable. */
package net.srv6epe.vrf.route;
