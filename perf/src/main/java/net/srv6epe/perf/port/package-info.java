/**
 * Raw frame-rate benchmark of the port backends ({@code af-packet} against {@code pcap}) on a veth pair between
 * namespaces: {@link net.srv6epe.perf.port.PortRateBenchmark}.
 */
package net.srv6epe.perf.port;
