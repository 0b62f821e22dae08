package net.srv6epe.perf.suite;

import static net.srv6epe.perf.suite.Addressing.IN4;
import static net.srv6epe.perf.suite.Addressing.IN6;
import static net.srv6epe.perf.suite.Addressing.IN_IF;
import static net.srv6epe.perf.suite.Addressing.OUT4;
import static net.srv6epe.perf.suite.Addressing.OUT6;
import static net.srv6epe.perf.suite.Addressing.OUT_IF;
import static net.srv6epe.perf.suite.Addressing.SINK4;
import static net.srv6epe.perf.suite.Addressing.SINK6;
import static net.srv6epe.perf.suite.Addressing.SINK_MAC;

import java.util.List;

/**
 * The Linux kernel as the DUT, configured at its best with iproute2 in the DUT namespace: forwarding and
 * {@code seg6_enabled} on, addresses without DAD, permanent neighbor entries for the sink, {@code ip sr tunsrc set}
 * (without it the kernel picks a source address per encapsulated packet, LAB-NOTES), then the scenario's routes
 * ({@link Scenario#kernelCommands}). Its forwarding runs in softirq on the DUT's CPU (RPS, {@link LabTopology}).
 */
final class KernelDut
{
    private KernelDut()
    {
    }

    /** Configures the DUT namespace of {@code lab} for {@code scenario}. */
    static void configure(final LabTopology lab, final Scenario scenario, final java.nio.file.Path dir)
        throws java.io.IOException
    {
        if (scenario.kernelUnsupported != null)
        {
            throw new IllegalArgumentException("kernel DUT n/a for " + scenario.cliName + ": " +
                scenario.kernelUnsupported);
        }
        final String ns = lab.dut;
        lab.sysctl(ns, "net.ipv6.conf.all.forwarding", "1");
        lab.sysctl(ns, "net.ipv4.ip_forward", "1");
        lab.sysctl(ns, "net.ipv4.conf.all.rp_filter", "0");
        for (final String c : List.of("all", "default", IN_IF, OUT_IF))
        {
            lab.sysctl(ns, "net.ipv6.conf." + c + ".seg6_enabled", "1");
        }
        lab.inNs(ns, List.of("ip", "addr", "add", IN6 + "/64", "dev", IN_IF, "nodad"));
        lab.inNs(ns, List.of("ip", "addr", "add", OUT6 + "/64", "dev", OUT_IF, "nodad"));
        lab.inNs(ns, List.of("ip", "addr", "add", IN4 + "/24", "dev", IN_IF));
        lab.inNs(ns, List.of("ip", "addr", "add", OUT4 + "/24", "dev", OUT_IF));
        lab.inNs(ns, List.of("ip", "-6", "neigh", "replace", SINK6, "lladdr", SINK_MAC, "dev", OUT_IF, "nud",
            "permanent"));
        lab.inNs(ns, List.of("ip", "neigh", "replace", SINK4, "lladdr", SINK_MAC, "dev", OUT_IF, "nud", "permanent"));
        lab.inNs(ns, List.of("ip", "sr", "tunsrc", "set", OUT6));
        final String batch = scenario.bigTable() ? BigTable.writeKernelBatch(dir).toString() : null;
        for (final List<String> command : scenario.kernelCommands)
        {
            lab.inNs(ns, command.stream().map(w -> w.equals(BigTable.KERNEL_BATCH) ? batch : w).toList());
        }
    }
}
