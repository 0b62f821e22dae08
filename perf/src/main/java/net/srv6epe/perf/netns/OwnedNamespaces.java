package net.srv6epe.perf.netns;

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
 * Network namespaces and child processes a benchmark creates, and only those: {@link #create} refuses a namespace
 * that exists already (not ours, not touched), {@link #start} runs a pinned child inside one, and {@link #close()}
 * (also run by a shutdown hook, so Ctrl-C cleans up) stops the children by PID and deletes the namespaces this
 * object created, which takes their veth ends with them.
 */
public final class OwnedNamespaces implements AutoCloseable
{
    private static final long COMMAND_TIMEOUT_S = 60;
    private static final long STOP_GRACE_S = 5;

    private final List<Process> children = new ArrayList<>();
    private final List<String> created = new ArrayList<>();
    private final Thread hook = new Thread(this::cleanUp, "netns-cleanup");
    private boolean closed;

    /** Installs the shutdown hook; create namespaces next. */
    public OwnedNamespaces()
    {
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Creates a namespace with {@code lo} up; refuses one that exists already. */
    public void create(final String ns)
    {
        if (Files.exists(Path.of("/run/netns", ns)))
        {
            throw new IllegalStateException("namespace " + ns + " exists: not ours, not touched");
        }
        created.add(ns);
        run("ip", "netns", "add", ns);
        run("ip", "-n", ns, "link", "set", "lo", "up");
    }

    /** Runs a command in namespace {@code ns}; fails with its output when it fails. */
    public String inNs(final String ns, final List<String> command)
    {
        final List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(command);
        return run(full.toArray(String[]::new));
    }

    /** Sets a sysctl inside a namespace. */
    public void sysctl(final String ns, final String key, final String value)
    {
        run("ip", "netns", "exec", ns, "sysctl", "-qw", key + "=" + value);
    }

    /** Drops every frame arriving on {@code ifc} in tc ingress (after packet sockets have seen it). */
    public void dropIngress(final String ns, final String ifc)
    {
        run("ip", "netns", "exec", ns, "tc", "qdisc", "add", "dev", ifc, "clsact");
        // classic BPF "ret #2" in direct-action mode: TC_ACT_SHOT for every frame (LAB-NOTES: a cheap sink)
        run("ip", "netns", "exec", ns, "tc", "filter", "add", "dev", ifc, "ingress", "bpf", "da", "bytecode",
            "1,6 0 0 2");
    }

    /** Starts {@code command} in {@code ns} pinned to {@code cpu}; stdout and stderr to {@code log}. */
    public Process start(final String ns, final int cpu, final Path log, final List<String> command)
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
    public static void stop(final Process p)
    {
        if (p.isAlive())
        {
            p.destroy();
            try
            {
                if (!p.waitFor(STOP_GRACE_S, TimeUnit.SECONDS))
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

    /** Runs a command (bounded in time); fails with its output when it fails. */
    public static String run(final String... command)
    {
        final Result r = exec(command);
        if (r.exitCode() != 0)
        {
            throw new IllegalStateException(
                "failed (" + r.exitCode() + "): " + String.join(" ", command) + ": " + r.output());
        }
        return r.output();
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
            children.forEach(OwnedNamespaces::stop);
        }
        for (final String ns : created)
        {
            if (Files.exists(Path.of("/run/netns", ns)))
            {
                exec("ip", "netns", "del", ns); // takes its veth ends with it
            }
        }
    }

    /** A command's exit code and its merged output. */
    public record Result(int exitCode, String output)
    {
    }

    /** Runs a command (bounded in time); its exit code and output, whatever they are. */
    public static Result exec(final String... command)
    {
        try
        {
            final Path out = Files.createTempFile("netns-", ".out");
            try
            {
                final Process p = new ProcessBuilder(Arrays.asList(command)).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
                if (!p.waitFor(COMMAND_TIMEOUT_S, TimeUnit.SECONDS))
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
