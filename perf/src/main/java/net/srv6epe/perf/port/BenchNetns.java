package net.srv6epe.perf.port;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
    private final List<Process> children = new ArrayList<>();
    private final List<String> created = new ArrayList<>();
    private final Thread hook = new Thread(this::cleanUp, "s6p-cleanup");
    private boolean closed;

    BenchNetns()
    {
        final long pid = ProcessHandle.current().pid();
        gen = "s6p-" + pid + "-gen";
        dut = "s6p-" + pid + "-dut";
        Runtime.getRuntime().addShutdownHook(hook);
        boolean ok = false;
        try
        {
            for (final String ns : List.of(gen, dut))
            {
                if (Files.exists(Path.of("/run/netns", ns)))
                {
                    throw new IllegalStateException("namespace " + ns + " exists: not ours, not touched");
                }
                created.add(ns);
                run("ip", "netns", "add", ns);
                run("ip", "-n", ns, "link", "set", "lo", "up");
            }
            run("ip", "link", "add", GEN_IF, "netns", gen, "type", "veth", "peer", "name", DUT_IF, "netns", dut);
            for (final String[] end : new String[][] {{gen, GEN_IF}, {dut, DUT_IF}})
            {
                run("ip", "netns", "exec", end[0], "sysctl", "-qw", "net.ipv6.conf." + end[1] + ".disable_ipv6=1");
                run("ip", "-n", end[0], "link", "set", end[1], "up");
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
        run("ip", "netns", "exec", gen, "tc", "qdisc", "add", "dev", GEN_IF, "clsact");
        // classic BPF "ret #2" in direct-action mode: TC_ACT_SHOT for every frame (LAB-NOTES: a cheap sink)
        run("ip", "netns", "exec", gen, "tc", "filter", "add", "dev", GEN_IF, "ingress", "bpf", "da", "bytecode",
            "1,6 0 0 2");
    }

    /** Frames the generator's end received (its veth counter, counted before tc ingress drops them). */
    long generatorEndRxPackets()
    {
        return Long.parseLong(run("ip", "netns", "exec", gen, "cat",
            "/sys/class/net/" + GEN_IF + "/statistics/rx_packets").trim());
    }

    /** Starts {@code command} in {@code namespace}, pinned to {@code cpu}, output to {@code log}. */
    Process start(final String namespace, final int cpu, final Path log, final List<String> command)
    {
        final List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace, "taskset", "-c",
            String.valueOf(cpu)));
        full.addAll(command);
        try
        {
            final Process p = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
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

    /** Stops a child: SIGTERM to its PID, SIGKILL after 3 s. */
    static void stop(final Process p)
    {
        if (p.isAlive())
        {
            p.destroy();
            try
            {
                if (!p.waitFor(3, TimeUnit.SECONDS))
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
            children.forEach(BenchNetns::stop);
        }
        for (final String ns : created)
        {
            if (Files.exists(Path.of("/run/netns", ns)))
            {
                runQuietly("ip", "netns", "del", ns); // takes the veth pair with it
            }
        }
    }

    static String run(final String... command)
    {
        final Result r = exec(command);
        if (r.exitCode != 0)
        {
            throw new IllegalStateException(
                "failed (" + r.exitCode + "): " + String.join(" ", command) + ": " + r.output);
        }
        return r.output;
    }

    private static void runQuietly(final String... command)
    {
        exec(command);
    }

    private record Result(int exitCode, String output)
    {
    }

    private static Result exec(final String... command)
    {
        try
        {
            final Path out = Files.createTempFile("s6p-", ".out");
            try
            {
                final Process p = new ProcessBuilder(Arrays.asList(command)).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
                if (!p.waitFor(20, TimeUnit.SECONDS))
                {
                    p.destroyForcibly();
                    return new Result(-1, "timed out");
                }
                return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
            }
            finally
            {
                Files.deleteIfExists(out);
            }
        }
        catch (final IOException ex)
        {
            return new Result(-1, ex.toString());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }
}
