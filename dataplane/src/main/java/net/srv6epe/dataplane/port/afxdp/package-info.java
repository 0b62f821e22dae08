/**
 * The experimental {@code af-xdp} port backend: an XDP program that redirects a queue's frames into an XSK map
 * ({@link net.srv6epe.dataplane.port.afxdp.Bpf}), and an AF_XDP socket over a UMEM with its four rings
 * ({@link net.srv6epe.dataplane.port.afxdp.XskSocket}), all through the {@code bpf(2)} and socket system calls
 * (no C, no libbpf). docs/PERFORMANCE.md ("AF_XDP") has its figures and what is left.
 */
package net.srv6epe.dataplane.port.afxdp;
