/**
 * The perf suite ({@code bin/srv6 perf}): our router against the Linux kernel's seg6 / seg6local in network
 * namespaces gen — dut — sink, with a Java AF_PACKET generator and sink ({@link net.srv6epe.perf.suite.PerfMain}).
 * Method, placement and figures: {@code docs/perf-suite-draft.md}.
 */
package net.srv6epe.perf.suite;
