package net.srv6epe.perf.suite;

import static net.srv6epe.perf.suite.Addressing.GEN_IF;
import static net.srv6epe.perf.suite.Addressing.GEN_MAC;
import static net.srv6epe.perf.suite.Addressing.IN_IF;
import static net.srv6epe.perf.suite.Addressing.IN_MAC;
import static net.srv6epe.perf.suite.Addressing.OUT_IF;
import static net.srv6epe.perf.suite.Addressing.OUT_MAC;
import static net.srv6epe.perf.suite.Addressing.SINK_IF;
import static net.srv6epe.perf.suite.Addressing.SINK_MAC;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import net.srv6epe.perf.netns.OwnedNamespaces;

/**
 * One run's network: three namespaces {@code <prefix>-gen}, {@code <prefix>-dut}, {@code <prefix>-sink} joined by two
 * veth pairs ({@link Addressing}), MTU {@value #MTU}, fixed MACs, and the placement of the kernel's receive work:
 *
 * <ul>
 *   <li>RPS on the DUT's {@code in0} sends its receive processing to the DUT's CPU, so the kernel DUT forwards in
 *       softirq there, and the AF_PACKET delivery to our router's ring runs there too (without RPS, a placement
 *       study, both run inside the generator's {@code sendmmsg}, on the generator's CPU);</li>
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
    private final OwnedNamespaces namespaces = new OwnedNamespaces();

    /**
     * Builds the namespaces and links.
     *
     * @param prefix unique namespace prefix (e.g. {@code s6ps-<pid>-<n>}).
     * @param dutRps whether the receive work of the DUT's {@code in0} goes to {@code dutCpu} by RPS (else it runs
     *     inside the generator's {@code sendmmsg}, on the generator's CPU).
     * @param sinkRps whether the sink's receive work goes to {@code genCpu} by RPS (else it runs where the DUT
     *     transmits).
     */
    LabTopology(final String prefix, final int genCpu, final int dutCpu, final boolean dutRps, final boolean sinkRps)
    {
        this.gen = prefix + "-gen";
        this.dut = prefix + "-dut";
        this.sink = prefix + "-sink";
        this.genCpu = genCpu;
        this.dutCpu = dutCpu;
        boolean ok = false;
        try
        {
            for (final String ns : List.of(gen, dut, sink))
            {
                namespaces.create(ns);
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
            if (dutRps)
            {
                rps(dut, IN_IF, dutCpu);
            }
            if (sinkRps)
            {
                rps(sink, SINK_IF, genCpu);
            }
            for (final String[] e : vethEnds())
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
        namespaces.dropIngress(ns, ifc);
    }

    /**
     * Turns GRO on for veth {@code ifc}, which gives it NAPI: a veth takes frames redirected to it by XDP (the xdp
     * generator's) only into a NAPI's ring, and drops them otherwise.
     */
    void gro(final String ns, final String ifc)
    {
        run("ip", "netns", "exec", ns, "ethtool", "-K", ifc, "gro", "on");
    }

    /** Sets a sysctl inside a namespace. */
    void sysctl(final String ns, final String key, final String value)
    {
        namespaces.sysctl(ns, key, value);
    }

    /**
     * Makes the NAPI of veth {@code ifc} (in namespace {@code ns}) run in kernel threads ({@code threaded}), queue
     * q's pinned to {@code cpus[q]} (cycling), so its receive work (with an XDP program: the program and the copy into
     * an AF_XDP UMEM) runs on the CPU of the worker that reads that queue instead of in the softirq of whichever CPU
     * transmitted into the veth. The veth must have its NAPI already (an XDP program attached). The threads are told
     * apart from other interfaces' threads of the same name as the ones that appeared when this lab switched
     * {@code threaded} on; nothing else is touched.
     *
     * <p>The threads run {@code SCHED_BATCH}: woken by each frame the generator sends into an empty veth queue, it
     * would otherwise preempt the router's worker on that CPU every few frames (~35 k switches a second each way at
     * 300 kpps); as a batch task one runs when the worker gives the CPU up (worker-idle {@code yield}) or at the tick.
     * A {@code nice} other than 0 (the router's) is given to the threads too: a router raised above other tasks
     * with its NAPI thread left behind would starve the thread that fills its ring. Beside a worker that sleeps in
     * {@code ppoll} until its ring has frames (worker-idle {@code wait}) the threads run {@code SCHED_IDLE}
     * ({@code policy} {@code idle}): one runs only while the worker waits, and the worker's wake-up, at the end of
     * the thread's NAPI poll (64 frames at most), takes the CPU back at once, so the thread never fills more of the
     * ring than the worker empties (nice does not apply to that class). {@code policy} null (the kernel DUT, whose
     * forwarding is the thread's own work): the threads keep their scheduling class.
     */
    void threadedNapi(final String ns, final String ifc, final List<Integer> cpus, final int nice,
        final String policy)
    {
        final Set<Long> before = napiThreads(ifc);
        final String[] enable = {"ip", "netns", "exec", ns, "sh", "-c", "echo 1 > /sys/class/net/" + ifc + "/threaded"};
        // right after the program is attached the write can fail (EIO); it takes within a few tries
        for (int attempt = 1; ; attempt++)
        {
            final OwnedNamespaces.Result r = OwnedNamespaces.exec(enable);
            if (r.exitCode() == 0)
            {
                break;
            }
            if (attempt == 50)
            {
                throw new IllegalStateException("cannot make " + ifc + "'s NAPI threaded in " + ns + ": " + r.output());
            }
            try
            {
                Thread.sleep(100);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", ex);
            }
        }
        final Set<Long> ours = napiThreads(ifc);
        ours.removeAll(before);
        if (ours.isEmpty())
        {
            throw new IllegalStateException("no NAPI thread appeared for " + ifc + " in " + ns +
                " (is an XDP program attached?)");
        }
        // queue q's thread appeared q-th: its NAPI id (the name's number) is the q-th of the new ones
        final List<Long> byQueue = ours.stream().sorted(Comparator.comparingLong(LabTopology::napiId)).toList();
        for (int q = 0; q < byQueue.size(); q++)
        {
            final String pid = String.valueOf(byQueue.get(q));
            run("taskset", "-p", "-c", String.valueOf(cpus.get(q % cpus.size())), pid);
            if (policy != null)
            {
                run("chrt", "--" + policy, "-p", "0", pid);
            }
            if (nice != 0 && !"idle".equals(policy))
            {
                run("renice", "-n", String.valueOf(nice), "-p", pid);
            }
        }
    }

    /** The NAPI id in a NAPI thread's name ({@code napi/IFC-ID}), or -1 when the thread is gone. */
    private static long napiId(final long pid)
    {
        try
        {
            final String comm = Files.readString(Path.of("/proc", String.valueOf(pid), "comm")).trim();
            return Long.parseLong(comm.substring(comm.lastIndexOf('-') + 1));
        }
        catch (final IOException | NumberFormatException ex)
        {
            return -1;
        }
    }

    /**
     * Gives the four veth ends {@code queues} receive and transmit queues each ({@code ethtool -L}): a DUT with a
     * socket per queue gets the generator's flows spread over its queues by the generator's transmit hash.
     */
    void queues(final int queues)
    {
        for (final String[] e : vethEnds())
        {
            run("ip", "netns", "exec", e[0], "ethtool", "-L", e[1], "rx", String.valueOf(queues), "tx",
                String.valueOf(queues));
        }
    }

    /** The four veth ends of the lab, each as {namespace, interface}. */
    private String[][] vethEnds()
    {
        return new String[][] {{gen, GEN_IF}, {dut, IN_IF}, {dut, OUT_IF}, {sink, SINK_IF}};
    }

    /** The PIDs of the kernel threads named {@code napi/IFC-N}. */
    private static Set<Long> napiThreads(final String ifc)
    {
        final Set<Long> pids = new HashSet<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc")))
        {
            procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(p ->
            {
                try
                {
                    if (Files.readString(p.resolve("comm")).startsWith("napi/" + ifc + "-"))
                    {
                        pids.add(Long.parseLong(p.getFileName().toString()));
                    }
                }
                catch (final IOException gone)
                {
                    // the process ended while we listed /proc
                }
            });
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot list /proc: " + ex.getMessage(), ex);
        }
        return pids;
    }

    private void rps(final String ns, final String ifc, final int cpu)
    {
        run("ip", "netns", "exec", ns, "sh", "-c",
            "echo " + Integer.toHexString(1 << cpu) + " > /sys/class/net/" + ifc + "/queues/rx-0/rps_cpus");
    }

    /** Starts {@code command} in {@code ns} pinned to {@code cpu}; stdout and stderr to {@code log}. */
    Process start(final String ns, final int cpu, final Path log, final List<String> command)
    {
        return namespaces.start(ns, cpu, log, command);
    }

    /** Runs a command in namespace {@code ns}; fails with its output when it fails. */
    String inNs(final String ns, final List<String> command)
    {
        return namespaces.inNs(ns, command);
    }

    private static String run(final String... command)
    {
        return OwnedNamespaces.run(command);
    }

    @Override
    public void close()
    {
        namespaces.close();
    }
}
