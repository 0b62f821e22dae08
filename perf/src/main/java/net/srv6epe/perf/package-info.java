/** JMH benchmarks of the in-memory pipeline and, later, the perf suite. */
package net.srv6epe.perf;
