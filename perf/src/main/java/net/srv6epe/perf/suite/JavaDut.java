package net.srv6epe.perf.suite;

import static net.srv6epe.perf.suite.Addressing.GEN4;
import static net.srv6epe.perf.suite.Addressing.GEN6;
import static net.srv6epe.perf.suite.Addressing.GEN_MAC;
import static net.srv6epe.perf.suite.Addressing.IN4;
import static net.srv6epe.perf.suite.Addressing.IN6;
import static net.srv6epe.perf.suite.Addressing.IN_IF;
import static net.srv6epe.perf.suite.Addressing.IN_MAC;
import static net.srv6epe.perf.suite.Addressing.OUT4;
import static net.srv6epe.perf.suite.Addressing.OUT6;
import static net.srv6epe.perf.suite.Addressing.OUT_IF;
import static net.srv6epe.perf.suite.Addressing.OUT_MAC;
import static net.srv6epe.perf.suite.Addressing.SINK4;
import static net.srv6epe.perf.suite.Addressing.SINK6;
import static net.srv6epe.perf.suite.Addressing.SINK_MAC;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Our router as the DUT: {@code java -jar srv6-epe.jar run --config F} in the DUT namespace, pinned to the DUT's
 * CPU (the whole JVM: worker, GC and JIT threads), one worker, backend {@code af-packet} on {@code in0} and
 * {@code out0}, with the interfaces' own MACs, static neighbors, and the scenario's VRFs and SIDs. The DUT kernel
 * stays off those links: IPv6 disabled on them, and a drop-all tc ingress filter (the router's packet sockets see
 * the frames before tc ingress; LAB-NOTES).
 */
final class JavaDut
{
    private JavaDut()
    {
    }

    /**
     * The router's YAML for {@code scenario}: control socket and journals under {@code dir}, {@code workers} workers
     * pinned to {@code workerCpus} (one each, in order; empty: not pinned), its ports on {@code backend}
     * ({@code af-packet} with the receive ring {@code rxRing}, {@code blocks} or {@code frames}; or {@code af-xdp}),
     * its workers' idle mode {@code idle} ({@code backoff}, {@code spin}, {@code yield} or {@code wait}).
     */
    static String config(final Scenario scenario, final Path dir, final int workers, final List<Integer> workerCpus,
        final String rxRing, final String idle, final String backend)
    {
        final String port = "af-packet".equals(backend) ? "backend: af-packet, rx-ring: " + rxRing : "backend: " +
            backend;
        return """
            router:
              name: perf-dut
              control-socket: %s
              journal-dir: %s
              encap-source: "%s"
              workers: %d
              worker-idle: %s%s
            ports:
              - { name: in, interface: %s, %s, mac: "%s", mtu: %d, addresses: [%s/64, %s/24] }
              - { name: out, interface: %s, %s, mac: "%s", mtu: %d, addresses: [%s/64, %s/24] }
            neighbors:
              - { port: out, address: "%s", mac: "%s" }
              - { port: out, address: "%s", mac: "%s" }
              - { port: in, address: "%s", mac: "%s" }
              - { port: in, address: "%s", mac: "%s" }
            """.formatted(dir.resolve("control.sock"), dir.resolve("journal"), OUT6, workers, idle,
            workerCpus.isEmpty() ? "" : "\n  worker-cpus: " + workerCpus,
            IN_IF, port, IN_MAC, LabTopology.MTU, IN6, IN4,
            OUT_IF, port, OUT_MAC, LabTopology.MTU, OUT6, OUT4,
            SINK6, SINK_MAC, SINK4, SINK_MAC, GEN6, GEN_MAC, GEN4, GEN_MAC) + scenario.routerYaml;
    }

    /**
     * Writes the config into {@code dir} (receive ring, worker idle mode and pinning from {@code settings}), prepares
     * the DUT namespace, starts the router (jar, JVM options, nice value from {@code settings}) and waits (at most
     * 60 s) for its control socket.
     *
     * @return the router process (stopped by the lab's close).
     */
    static Process start(final LabTopology lab, final Scenario scenario, final LabRunner.Settings settings,
        final Path dir)
        throws IOException, InterruptedException
    {
        for (final String ifc : List.of(IN_IF, OUT_IF))
        {
            lab.sysctl(lab.dut, "net.ipv6.conf." + ifc + ".disable_ipv6", "1");
            lab.inNs(lab.dut, List.of("ip", "link", "set", ifc, "promisc", "on"));
            lab.dropIngress(lab.dut, ifc);
        }
        final boolean xdp = "af-xdp".equals(settings.routerBackend());
        if (xdp && settings.routerWorkers() > 1)
        {
            lab.queues(settings.routerWorkers()); // an XSK per receive queue, one per worker
        }
        final Path config = dir.resolve("router.yaml");
        final boolean workerOnly = settings.workerOnly();
        String yaml = config(scenario, dir, settings.routerWorkers(),
            workerOnly ? workerCpus(lab, settings.routerWorkers()) : List.of(), settings.routerRxRing(),
            settings.routerWorkerIdle(), settings.routerBackend());
        if (scenario.bigTable())
        {
            yaml = yaml.replace(BigTable.ROUTES_FILE, BigTable.writeRoutesFile(dir).toString());
        }
        Files.writeString(config, yaml, StandardCharsets.UTF_8);
        final List<String> command = new ArrayList<>();
        if (settings.routerNice() != 0)
        {
            command.addAll(List.of("nice", "-n", String.valueOf(settings.routerNice())));
        }
        command.add(javaBinary());
        command.addAll(settings.routerJvmOptions());
        command.addAll(List.of("-jar", settings.routerJar(), "run", "--config", config.toString()));
        final Path log = dir.resolve("router.log");
        // placement "worker": the JVM on the generator's CPU, its worker moves itself to the DUT CPU at start
        final Process router = lab.start(lab.dut, workerOnly ? lab.genCpu : lab.dutCpu, log, command);
        final Path socket = dir.resolve("control.sock");
        final long deadline = System.nanoTime() + 60_000_000_000L;
        while (!Files.exists(socket))
        {
            if (!router.isAlive() || System.nanoTime() > deadline)
            {
                throw new IllegalStateException("router did not come up: " +
                    (Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log)"));
            }
            Thread.sleep(100);
        }
        if (xdp)
        {
            // the router attached its XDP program, so in0 has a NAPI per queue: run queue w's on worker w's CPU (the
            // DUT CPU for one worker), where the kernel DUT's receive work runs too (RPS does not apply to XDP;
            // without this it runs on the generator's CPU)
            lab.threadedNapi(lab.dut, IN_IF, workerOnly ? workerCpus(lab, settings.routerWorkers()) :
                List.of(lab.dutCpu), settings.routerNice(), settings.javaNapiPolicy());
        }
        return router;
    }

    /**
     * Where placement "worker" pins {@code workers} workers: the first on the DUT's CPU, then alternately the
     * generator's and the DUT's (a second worker on this two-CPU machine shares the generator's CPU).
     */
    static List<Integer> workerCpus(final LabTopology lab, final int workers)
    {
        final List<Integer> cpus = new ArrayList<>();
        for (int w = 0; w < workers; w++)
        {
            cpus.add(w % 2 == 0 ? lab.dutCpu : lab.genCpu);
        }
        return cpus;
    }

    /** The java launcher this JVM runs on. */
    static String javaBinary()
    {
        return ProcessHandle.current().info().command().orElse("java");
    }
}
