package net.srv6epe.perf.suite;

import static net.srv6epe.perf.suite.Addressing.GEN_IF;
import static net.srv6epe.perf.suite.Addressing.GEN_MAC;
import static net.srv6epe.perf.suite.Addressing.IN_IF;
import static net.srv6epe.perf.suite.Addressing.IN_MAC;
import static net.srv6epe.perf.suite.Addressing.OUT_IF;
import static net.srv6epe.perf.suite.Addressing.OUT_MAC;
import static net.srv6epe.perf.suite.Addressing.SINK_IF;
import static net.srv6epe.perf.suite.Addressing.SINK_MAC;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run's network: three namespaces {@code <prefix>-gen}, {@code <prefix>-dut}, {@code <prefix>-sink} joined by two
 * veth pairs ({@link Addressing}), MTU {@value #MTU}, fixed MACs, and the placement of the kernel's receive work:
 *
 * <ul>
 *   <li>RPS on the DUT's {@code in0} sends its receive processing to the DUT's CPU, so the kernel DUT forwards in
 *       softirq there, and the AF_PACKET delivery to our router's ring runs there too (without RPS both would run
 *       inside the generator's {@code sendmmsg}, on the generator's CPU);</li>
 *   <li>RPS on {@code sink0} sends the sink's receive processing to the generator/sink CPU, whichever DUT sent;</li>
 *   <li>the generator's and the sink's kernels stay out: IPv6 disabled on {@code gen0} / {@code sink0} and a
 *       classic-BPF drop-all filter in their tc ingress (packet sockets see frames before tc ingress).</li>
 * </ul>
 * Children are started pinned with {@code taskset} inside a namespace; {@link #close()} (also run by a shutdown hook,
 * so Ctrl-C cleans up) stops them by PID and deletes the namespaces this object created, nothing else.
 */
final class LabTopology implements AutoCloseable
{
    /** The MTU of every veth and router port (room for 9000-octet frames plus encapsulation). */
    static final int MTU = 9216;

    final String gen;
    final String dut;
    final String sink;
    final int genCpu;
    final int dutCpu;
    private final List<Process> children = new ArrayList<>();
    private final List<String> created = new ArrayList<>();
    private final Thread hook = new Thread(this::cleanUp, "perf-lab-cleanup");
    private boolean closed;

    /**
     * Builds the namespaces and links.
     *
     * @param prefix unique namespace prefix (e.g. {@code s6ps-<pid>-<n>}).
     */
    LabTopology(final String prefix, final int genCpu, final int dutCpu)
    {
        this.gen = prefix + "-gen";
        this.dut = prefix + "-dut";
        this.sink = prefix + "-sink";
        this.genCpu = genCpu;
        this.dutCpu = dutCpu;
        Runtime.getRuntime().addShutdownHook(hook);
        boolean ok = false;
        try
        {
            for (final String ns : List.of(gen, dut, sink))
            {
                if (Files.exists(Path.of("/run/netns", ns)))
                {
                    throw new IllegalStateException("namespace " + ns + " exists: not ours, not touched");
                }
                created.add(ns);
                run("ip", "netns", "add", ns);
                run("ip", "-n", ns, "link", "set", "lo", "up");
            }
            run("ip", "link", "add", GEN_IF, "netns", gen, "type", "veth", "peer", "name", IN_IF, "netns", dut);
            run("ip", "link", "add", OUT_IF, "netns", dut, "type", "veth", "peer", "name", SINK_IF, "netns", sink);
            for (final String[] e : new String[][] {{gen, GEN_IF, GEN_MAC}, {dut, IN_IF, IN_MAC},
                {dut, OUT_IF, OUT_MAC}, {sink, SINK_IF, SINK_MAC}})
            {
                run("ip", "-n", e[0], "link", "set", e[1], "address", e[2], "mtu", String.valueOf(MTU));
            }
            for (final String[] e : new String[][] {{gen, GEN_IF}, {sink, SINK_IF}})
            {
                sysctl(e[0], "net.ipv6.conf." + e[1] + ".disable_ipv6", "1");
                dropIngress(e[0], e[1]);
            }
            rps(dut, IN_IF, dutCpu);
            rps(sink, SINK_IF, genCpu);
            for (final String[] e : new String[][] {{gen, GEN_IF}, {dut, IN_IF}, {dut, OUT_IF}, {sink, SINK_IF}})
            {
                run("ip", "-n", e[0], "link", "set", e[1], "up");
            }
            ok = true;
        }
        finally
        {
            if (!ok)
            {
                close();
            }
        }
    }

    /** Drops every frame arriving on {@code ifc} in tc ingress (after packet sockets have seen it). */
    void dropIngress(final String ns, final String ifc)
    {
        run("ip", "netns", "exec", ns, "tc", "qdisc", "add", "dev", ifc, "clsact");
        // classic BPF "ret #2" in direct-action mode: TC_ACT_SHOT for every frame
        run("ip", "netns", "exec", ns, "tc", "filter", "add", "dev", ifc, "ingress", "bpf", "da", "bytecode",
            "1,6 0 0 2");
    }

    /** Sets a sysctl inside a namespace. */
    void sysctl(final String ns, final String key, final String value)
    {
        run("ip", "netns", "exec", ns, "sysctl", "-qw", key + "=" + value);
    }

    private void rps(final String ns, final String ifc, final int cpu)
    {
        run("ip", "netns", "exec", ns, "sh", "-c",
            "echo " + Integer.toHexString(1 << cpu) + " > /sys/class/net/" + ifc + "/queues/rx-0/rps_cpus");
    }

    /** Starts {@code command} in {@code ns} pinned to {@code cpu}; stdout and stderr to {@code log}. */
    Process start(final String ns, final int cpu, final Path log, final List<String> command)
    {
        final List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns, "taskset", "-c",
            String.valueOf(cpu)));
        full.addAll(command);
        try
        {
            final Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            synchronized (children)
            {
                children.add(p);
            }
            return p;
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot start " + full, ex);
        }
    }

    /** Stops a child: SIGTERM to its PID, SIGKILL after 5 s. */
    static void stop(final Process p)
    {
        if (p.isAlive())
        {
            p.destroy();
            try
            {
                if (!p.waitFor(5, TimeUnit.SECONDS))
                {
                    p.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
                }
            }
            catch (final InterruptedException ex)
            {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close()
    {
        cleanUp();
        try
        {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (final IllegalStateException ignore)
        {
            // shutting down: the hook runs cleanUp, which is idempotent
        }
    }

    private synchronized void cleanUp()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        synchronized (children)
        {
            children.forEach(LabTopology::stop);
        }
        for (final String ns : created)
        {
            if (Files.exists(Path.of("/run/netns", ns)))
            {
                exec("ip", "netns", "del", ns); // takes its veth ends with it
            }
        }
    }

    /** Runs a command in namespace {@code ns}; fails with its output when it fails. */
    String inNs(final String ns, final List<String> command)
    {
        final List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(command);
        return run(full.toArray(String[]::new));
    }

    static String run(final String... command)
    {
        final String[] r = exec(command);
        if (!"0".equals(r[0]))
        {
            throw new IllegalStateException("failed (" + r[0] + "): " + String.join(" ", command) + ": " + r[1]);
        }
        return r[1];
    }

    /** {exit code, output}. */
    private static String[] exec(final String... command)
    {
        try
        {
            final Path out = Files.createTempFile("s6ps-", ".out");
            try
            {
                final Process p = new ProcessBuilder(Arrays.asList(command)).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
                if (!p.waitFor(60, TimeUnit.SECONDS))
                {
                    p.destroyForcibly();
                    return new String[] {"-1", "timed out"};
                }
                return new String[] {String.valueOf(p.exitValue()), Files.readString(out, StandardCharsets.UTF_8)};
            }
            finally
            {
                Files.deleteIfExists(out);
            }
        }
        catch (final IOException ex)
        {
            return new String[] {"-1", ex.toString()};
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return new String[] {"-1", "interrupted"};
        }
    }
}
