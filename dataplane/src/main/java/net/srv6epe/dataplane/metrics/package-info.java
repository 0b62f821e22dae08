/**
 * The Prometheus metrics endpoint: {@code GET /metrics} in the text exposition format 0.0.4, served by
 * {@link net.srv6epe.dataplane.metrics.MetricsServer} on its own daemon thread from a
 * {@link net.srv6epe.dataplane.metrics.MetricsRegistry} of {@link net.srv6epe.dataplane.metrics.MetricsSource}s.
 * Sources only read counters and snapshots that their owners publish; nothing here touches the packet path.
 * A new subsystem (worker loops, BGP neighbors) adds its metrics by registering one more source.
 */
package net.srv6epe.dataplane.metrics;
