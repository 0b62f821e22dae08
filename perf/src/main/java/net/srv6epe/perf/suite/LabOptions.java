package net.srv6epe.perf.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import picocli.CommandLine.Option;

/** The lab options {@code compare} and {@code search} share (a picocli mixin), and the runner they make. */
final class LabOptions
{
    @Option(names = "--router-jar", description = "the router jar (default: $SRV6_EPE_JAR, else " +
        "dataplane/target/srv6-epe.jar)")
    String routerJar;

    @Option(names = "--router-jvm-option", description = "an extra JVM option for the router (repeatable)")
    List<String> routerJvmOptions = List.of();

    @Option(names = "--router-nice", defaultValue = "0",
        description = "nice value of the router's JVM, -20..19: below 0 it wins its CPU from other processes, as " +
            "the kernel DUT's softirq does anyway (default: ${DEFAULT-VALUE})")
    int routerNice;

    @Option(names = "--seconds", defaultValue = "10",
        description = "measured seconds per run (default: ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--warm-up-seconds", defaultValue = "2",
        description = "traffic before each measured window (default: ${DEFAULT-VALUE})")
    double warmUpSeconds;

    @Option(names = "--flows", defaultValue = "256", description = "UDP flows (default: ${DEFAULT-VALUE})")
    int flows;

    @Option(names = "--gen-cpu", defaultValue = "1",
        description = "CPU of the generator and the sink (default: ${DEFAULT-VALUE})")
    int genCpu;

    @Option(names = "--dut-cpu", defaultValue = "0", description = "CPU of the DUT (default: ${DEFAULT-VALUE})")
    int dutCpu;

    @Option(names = "--router-placement", defaultValue = "whole",
        description = "whole: the router's whole JVM (worker, JIT, GC and control threads) pinned to the DUT CPU; " +
            "worker: only the forwarding worker there (router.worker-cpus), the JVM's other threads on the " +
            "generator's CPU (default: ${DEFAULT-VALUE})")
    String routerPlacement;

    @Option(names = "--sink-rps", defaultValue = "gen",
        description = "gen: the sink's receive work moved to the generator's CPU with RPS on sink0; off: it runs " +
            "where the DUT transmits, as a NIC's transmit completes on the sending CPU (with RPS a DUT that sends " +
            "from a system call pays an IPI per packet, the kernel DUT's softirq one per batch) " +
            "(default: ${DEFAULT-VALUE})")
    String sinkRps;

    @Option(names = "--sink-backend", defaultValue = "af-packet",
        description = "af-packet (cheap, latency includes up to the ring's 1 ms block timeout) or pcap " +
            "(immediate mode, finer latency) (default: ${DEFAULT-VALUE})")
    String sinkBackend;

    @Option(names = "--work-dir", description = "where runs keep logs and configs (default: a new temp dir)")
    Path workDir;

    /** A runner for these options. */
    LabRunner runner() throws IOException
    {
        String jar = routerJar;
        if (jar == null)
        {
            jar = System.getenv("SRV6_EPE_JAR");
        }
        if (jar == null)
        {
            jar = "dataplane/target/srv6-epe.jar";
        }
        if (!Files.isRegularFile(Path.of(jar)))
        {
            throw new IllegalArgumentException("router jar " + jar + " not found (--router-jar or SRV6_EPE_JAR)");
        }
        final Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("s6ps-");
        if (!List.of("whole", "worker").contains(routerPlacement))
        {
            throw new IllegalArgumentException("--router-placement is whole or worker, not " + routerPlacement);
        }
        if (!List.of("gen", "off").contains(sinkRps))
        {
            throw new IllegalArgumentException("--sink-rps is gen or off, not " + sinkRps);
        }
        return new LabRunner(new LabRunner.Settings(Path.of(jar).toAbsolutePath().toString(), routerJvmOptions,
            genCpu, dutCpu, flows, warmUpSeconds, seconds, sinkBackend, dir, routerNice,
            "worker".equals(routerPlacement), "gen".equals(sinkRps)));
    }

    /** Where each role ran, for the report. */
    String placement()
    {
        return "generator + sink on CPU " + genCpu + ", DUT on CPU " + dutCpu + " (" +
            ("worker".equals(routerPlacement) ? "router's forwarding worker pinned there (router.worker-cpus), " +
                "its other JVM threads on CPU " + genCpu : "router JVM pinned with taskset") +
            (routerNice == 0 ? "" : ", nice " + routerNice) +
            "; kernel DUT forwarding in softirq moved there with RPS on in0; sink receive work " +
            ("gen".equals(sinkRps) ? "on CPU " + genCpu + " with RPS on sink0" : "where the DUT transmits (no RPS)") +
            ")";
    }
}
