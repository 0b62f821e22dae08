package net.srv6epe.perf.port;

import java.nio.file.Path;
import java.util.List;

import net.srv6epe.perf.netns.OwnedNamespaces;

/**
 * The benchmark's own network lab: two namespaces ({@code s6p-<pid>-gen}, {@code s6p-<pid>-dut}) joined by one veth
 * pair, both ends up with IPv6 disabled (the kernels stay silent on the link), and child processes started inside
 * them. {@link #close()} (and a shutdown hook) stops the children by PID and deletes the namespaces it created, and
 * nothing else.
 */
final class BenchNetns implements AutoCloseable
{
    static final String GEN_IF = "s6p-gen";
    static final String DUT_IF = "s6p-dut";

    final String gen;
    final String dut;
    private final OwnedNamespaces namespaces = new OwnedNamespaces();

    BenchNetns()
    {
        final long pid = ProcessHandle.current().pid();
        gen = "s6p-" + pid + "-gen";
        dut = "s6p-" + pid + "-dut";
        boolean ok = false;
        try
        {
            for (final String ns : List.of(gen, dut))
            {
                namespaces.create(ns);
            }
            OwnedNamespaces.run("ip", "link", "add", GEN_IF, "netns", gen, "type", "veth", "peer", "name", DUT_IF,
                "netns", dut);
            for (final String[] end : new String[][] {{gen, GEN_IF}, {dut, DUT_IF}})
            {
                namespaces.sysctl(end[0], "net.ipv6.conf." + end[1] + ".disable_ipv6", "1");
                OwnedNamespaces.run("ip", "-n", end[0], "link", "set", end[1], "up");
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

    /** Drops everything arriving on the generator's end in tc ingress (the sink of the transmit runs). */
    void sinkOnGeneratorEnd()
    {
        namespaces.dropIngress(gen, GEN_IF);
    }

    /** Frames the generator's end received (its veth counter, counted before tc ingress drops them). */
    long generatorEndRxPackets()
    {
        return Long.parseLong(namespaces.inNs(gen, List.of("cat", "/sys/class/net/" + GEN_IF +
            "/statistics/rx_packets")).trim());
    }

    /** Starts {@code command} in {@code namespace}, pinned to {@code cpu}, output to {@code log}. */
    Process start(final String namespace, final int cpu, final Path log, final List<String> command)
    {
        return namespaces.start(namespace, cpu, log, command);
    }

    /** Stops a child: SIGTERM to its PID, SIGKILL after 5 s. */
    static void stop(final Process p)
    {
        OwnedNamespaces.stop(p);
    }

    @Override
    public void close()
    {
        namespaces.close();
    }
}
