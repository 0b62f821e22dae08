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

    @Option(names = "--router-placement", defaultValue = "worker",
        description = "whole: the router's whole JVM (worker, JIT, GC and control threads) pinned to the DUT CPU; " +
            "worker: only the forwarding worker there (router.worker-cpus), the JVM's other threads on the " +
            "generator's CPU (default: ${DEFAULT-VALUE})")
    String routerPlacement;

    @Option(names = "--dut-rps", defaultValue = "on",
        description = "on: the receive work of the DUT's in0 moved to the DUT CPU with RPS (the kernel DUT forwards " +
            "there; our router's ring is filled there, woken by an IPI from the generator's CPU per few frames); " +
            "off, a placement study: it runs in the generator's sendmmsg on the generator's CPU, for both DUTs " +
            "(default: ${DEFAULT-VALUE})")
    String dutRps;

    @Option(names = "--sink-rps", defaultValue = "off",
        description = "gen: the sink's receive work moved to the generator's CPU with RPS on sink0; off: it runs " +
            "where the DUT transmits, as a NIC's transmit completes on the sending CPU (with RPS a DUT that sends " +
            "from a system call pays an IPI per packet, the kernel DUT's softirq one per batch) " +
            "(default: ${DEFAULT-VALUE})")
    String sinkRps;

    @Option(names = "--router-rx-ring", defaultValue = "frames",
        description = "the router's receive ring (ports[].rx-ring): blocks (TPACKET_V3, a frame can wait up to the " +
            "1 ms block timeout) or frames (TPACKET_V2, each frame at once) (default: ${DEFAULT-VALUE})")
    String routerRxRing;

    @Option(names = "--router-worker-idle",
        description = "the router's router.worker-idle: backoff (parks up to 100 µs when idle), spin (polls " +
            "continuously; with --router-placement worker the worker owns the DUT CPU), yield (polls, giving the " +
            "CPU to in0's NAPI thread between empty rounds) or wait (sleeps in ppoll until a frame waits; with " +
            "af-xdp in0's NAPI thread then runs SCHED_IDLE) (default: yield with --router-backend af-xdp, else " +
            "backoff)")
    String routerWorkerIdle;

    @Option(names = "--router-backend", defaultValue = "af-packet",
        description = "the router's ports' backend: af-packet, or af-xdp (experimental: copy mode; in0's NAPI made " +
            "threaded, its thread pinned to the DUT CPU as SCHED_BATCH, or SCHED_IDLE beside a worker-idle wait) " +
            "(default: ${DEFAULT-VALUE})")
    String routerBackend;

    @Option(names = "--router-workers", defaultValue = "1",
        description = "the router's router.workers, 1..8 (PACKET_FANOUT by flow); with placement worker the first " +
            "is pinned to the DUT CPU, a second to the generator's (default: ${DEFAULT-VALUE})")
    int routerWorkers;

    @Option(names = "--gen-backend", defaultValue = "af-packet",
        description = "the generator's: af-packet (sendmmsg: socket buffers, which a veth copies before an XDP " +
            "program sees them), or xdp (the kernel makes each frame in a page-pool page, an XDP program of ours " +
            "stamps and redirects it, as a NIC's driver hands frames over; in0's NAPI threaded on the DUT CPU for " +
            "both DUTs; frames up to 3,520 octets) (default: ${DEFAULT-VALUE})")
    String genBackend;

    @Option(names = "--sink-backend", defaultValue = "af-packet",
        description = "af-packet (a ring: arrival = the kernel's receive stamp, the sink's own delays not counted) " +
            "or pcap (arrival = when the sink reads the frame) (default: ${DEFAULT-VALUE})")
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
        oneOf("--router-placement", routerPlacement, "whole", "worker");
        oneOf("--sink-rps", sinkRps, "gen", "off");
        oneOf("--dut-rps", dutRps, "on", "off");
        oneOf("--router-rx-ring", routerRxRing, "blocks", "frames");
        oneOf("--router-backend", routerBackend, "af-packet", "af-xdp");
        oneOf("--gen-backend", genBackend, "af-packet", "xdp");
        oneOf("--router-worker-idle", workerIdle(), "backoff", "spin", "yield", "wait");
        if (routerWorkers < 1 || routerWorkers > 8)
        {
            throw new IllegalArgumentException("--router-workers is 1..8, not " + routerWorkers);
        }
        final Path dir = workDir != null ? Files.createDirectories(workDir) : Files.createTempDirectory("s6ps-");
        return new LabRunner(new LabRunner.Settings(Path.of(jar).toAbsolutePath().toString(), routerJvmOptions,
            genCpu, dutCpu, flows, warmUpSeconds, seconds, sinkBackend, dir, routerNice,
            "worker".equals(routerPlacement), "gen".equals(sinkRps), routerRxRing, workerIdle(),
            routerWorkers, "on".equals(dutRps), routerBackend, genBackend));
    }

    /** The worker idle mode asked for, else the one measured best with the backend. */
    private String workerIdle()
    {
        if (routerWorkerIdle != null)
        {
            return routerWorkerIdle;
        }
        return "af-xdp".equals(routerBackend) ? "yield" : "backoff";
    }

    private static void oneOf(final String option, final String value, final String... choices)
    {
        if (!List.of(choices).contains(value))
        {
            throw new IllegalArgumentException(option + " is " + String.join(" or ", choices) + ", not " + value);
        }
    }

    /** Where each role ran, for the report. */
    String placement()
    {
        final StringBuilder b = new StringBuilder();
        b.append("generator + sink on CPU ").append(genCpu).append(", DUT on CPU ").append(dutCpu).append(" (");
        if (!"worker".equals(routerPlacement))
        {
            b.append("router JVM pinned with taskset");
        }
        else if (routerWorkers == 1)
        {
            b.append("router's forwarding worker pinned there (router.worker-cpus)");
        }
        else
        {
            b.append("router's ").append(routerWorkers)
                .append(" forwarding workers pinned alternately there and on CPU ")
                .append(genCpu).append(" (router.worker-cpus)");
        }
        if ("worker".equals(routerPlacement))
        {
            b.append(", its other JVM threads on CPU ").append(genCpu);
        }
        else if (routerWorkers > 1)
        {
            b.append(", ").append(routerWorkers).append(" workers");
        }
        if (routerNice != 0)
        {
            b.append(", nice ").append(routerNice);
        }
        final String napiClass = "wait".equals(workerIdle()) ? "SCHED_IDLE" : "SCHED_BATCH";
        b.append("af-xdp".equals(routerBackend) ? ", its ports af-xdp (in0's NAPI " + (routerWorkers == 1 ?
            "thread there" : "threads, a queue per worker, each on its worker's CPU") + ", " + napiClass + ")" :
            ", its receive ring " + routerRxRing).append(", worker idle ").append(workerIdle());
        if ("xdp".equals(genBackend))
        {
            b.append("; xdp generator: in0's NAPI threaded there for both DUTs, the kernel DUT forwarding in it");
        }
        else
        {
            b.append("on".equals(dutRps) ? "; kernel DUT forwarding in softirq moved there with RPS on in0" :
                "; no RPS on in0: the kernel DUT forwards, and our ring is filled, in the generator's softirq on " +
                "CPU " + genCpu);
        }
        b.append("; sink receive work ").append("gen".equals(sinkRps) ? "on CPU " + genCpu + " with RPS on sink0" :
            "where the DUT transmits (no RPS)");
        return b.append(')').toString();
    }
}
