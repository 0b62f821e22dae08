/** The benchmarks' own network namespaces and child processes, created and removed by them alone. */
package net.srv6epe.perf.netns;
