package net.srv6epe.dataplane.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.srv6epe.dataplane.port.MacAddress;

/**
 * A disposable network lab for tests: uniquely named network namespaces, veth pairs, addresses, sysctls and
 * routes, commands run inside a namespace with a timeout, background processes stopped by PID. On
 * {@link #close()} (use try-with-resources or a JUnit {@code @AfterEach}) and from a JVM shutdown hook, it deletes
 * everything it created, and only that.
 *
 * <p>Names: namespaces {@code s6e-<pid>-<n>-<label>}, interfaces {@code s6e-<pid36>-<n><a|b>} (at most 15
 * characters). A veth end left in the root namespace (for an in-process port) gets IPv6 disabled before it comes
 * up and never gets an address, so the root namespace sends nothing on it. Use addresses from fd00::/8 and
 * 198.18.0.0/15 only.
 *
 * <p>Needs root (CAP_SYS_ADMIN, CAP_NET_ADMIN) and iproute2; tests using it are enabled with
 * {@code -Dsrv6epe.netns=true}.
 */
public final class Netns implements AutoCloseable
{
    /** Default timeout of {@link #exec}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static final long PID = ProcessHandle.current().pid();
    private static final Pattern MAC = Pattern.compile("link/ether ([0-9a-f:]{17})");

    private final int id = COUNTER.incrementAndGet();
    private final List<String> namespaces = Collections.synchronizedList(new ArrayList<>());
    private final List<String> rootLinks = Collections.synchronizedList(new ArrayList<>());
    private final List<Background> processes = Collections.synchronizedList(new ArrayList<>());
    private final Thread shutdownHook = new Thread(this::cleanUp, "netns-cleanup");
    private int linkCounter;
    private boolean closed;

    /** The outcome of one command. */
    public record Result(int exitCode, String stdout, String stderr, boolean timedOut)
    {
        /** True when the command exited 0 in time. */
        public boolean ok()
        {
            return exitCode == 0 && !timedOut;
        }
    }

    /** The two ends of a veth pair. {@code a} is in {@code namespaceA} (null: root), {@code b} in namespaceB. */
    public record VethPair(String a, String namespaceA, String b, String namespaceB)
    {
    }

    /** A process running in a namespace; {@link #stop()} ends it by its PID. */
    public static final class Background
    {
        private final Process process;
        private final Path output;

        private Background(final Process process, final Path output)
        {
            this.process = process;
            this.output = output;
        }

        /** Its PID (that of the command: {@code ip netns exec} execs it). */
        public long pid()
        {
            return process.pid();
        }

        /** True while it runs. */
        public boolean isAlive()
        {
            return process.isAlive();
        }

        /** Its stdout and stderr so far. */
        public String output()
        {
            try
            {
                return Files.readString(output, StandardCharsets.UTF_8);
            }
            catch (final IOException ex)
            {
                return "";
            }
        }

        /** Waits up to {@code timeout} for it to end by itself; returns its exit code or -1 if still running. */
        public int waitFor(final Duration timeout) throws InterruptedException
        {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
        }

        /** SIGTERM to its PID, then SIGKILL after 2 s. Idempotent. */
        public void stop()
        {
            if (process.isAlive())
            {
                process.destroy();
                try
                {
                    if (!process.waitFor(2, TimeUnit.SECONDS))
                    {
                        process.destroyForcibly();
                        process.waitFor(2, TimeUnit.SECONDS);
                    }
                }
                catch (final InterruptedException ex)
                {
                    process.destroyForcibly();
                    Thread.currentThread().interrupt();
                }
            }
            try
            {
                Files.deleteIfExists(output);
            }
            catch (final IOException ignore)
            {
                // a temp file
            }
        }
    }

    private Netns()
    {
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** A new, empty lab; close it to delete everything it creates. */
    public static Netns create()
    {
        return new Netns();
    }

    /** Creates a namespace named {@code s6e-<pid>-<n>-<label>} with {@code lo} up; returns its name. */
    public String namespace(final String label)
    {
        final String name = "s6e-" + PID + "-" + id + "-" + label;
        if (Files.exists(Path.of("/run/netns", name)) || Files.exists(Path.of("/var/run/netns", name)))
        {
            throw new IllegalStateException("namespace " + name + " exists already: not ours, not touched");
        }
        namespaces.add(name); // before creating: cleanup must cover a half-made namespace
        runRoot("ip", "netns", "add", name);
        execOk(name, "ip", "link", "set", "lo", "up");
        return name;
    }

    /**
     * Creates a veth pair between two of this lab's namespaces (null means the root namespace: that end gets IPv6
     * disabled and no address). Both ends are up.
     */
    public VethPair veth(final String namespaceA, final String namespaceB)
    {
        checkOwned(namespaceA);
        checkOwned(namespaceB);
        final String base;
        synchronized (this)
        {
            base = "s6e-" + Long.toString(PID, 36) + "-" + Integer.toString(id, 36) + Integer.toString(linkCounter++, 36);
        }
        final String a = base + "a";
        final String b = base + "b";
        if (a.length() > 15)
        {
            throw new IllegalStateException("interface name too long: " + a);
        }
        if (Files.exists(Path.of("/sys/class/net", a)) || Files.exists(Path.of("/sys/class/net", b)))
        {
            throw new IllegalStateException("link " + a + " or " + b + " exists already: not ours, not touched");
        }
        rootLinks.add(a);
        runRoot("ip", "link", "add", a, "type", "veth", "peer", "name", b);
        placeEnd(a, namespaceA);
        placeEnd(b, namespaceB);
        return new VethPair(a, namespaceA, b, namespaceB);
    }

    private void placeEnd(final String link, final String namespace)
    {
        if (namespace == null)
        {
            runRoot("sysctl", "-q", "-w", "net.ipv6.conf." + link + ".disable_ipv6=1");
            runRoot("ip", "link", "set", link, "up");
        }
        else
        {
            runRoot("ip", "link", "set", link, "netns", namespace);
            execOk(namespace, "ip", "link", "set", link, "up");
        }
    }

    /** Sets the MTU of both ends of {@code pair}. */
    public void mtu(final VethPair pair, final int mtu)
    {
        onBothEnds(pair, "ip", "link", "set", "%s", "mtu", String.valueOf(mtu));
    }

    /** Gives both ends of {@code pair} {@code queues} receive and transmit queues ({@code ethtool -L}). */
    public void queues(final VethPair pair, final int queues)
    {
        onBothEnds(pair, "ethtool", "-L", "%s", "rx", String.valueOf(queues), "tx", String.valueOf(queues));
    }

    /** Runs {@code command} once per end of {@code pair}, in that end's namespace, the end's name for {@code %s}. */
    private void onBothEnds(final VethPair pair, final String... command)
    {
        for (final String[] end : new String[][] {{pair.a(), pair.namespaceA()}, {pair.b(), pair.namespaceB()}})
        {
            final String[] filled = command.clone();
            for (int i = 0; i < filled.length; i++)
            {
                filled[i] = filled[i].equals("%s") ? end[0] : filled[i];
            }
            if (end[1] == null)
            {
                runRoot(filled);
            }
            else
            {
                execOk(end[1], filled);
            }
        }
    }

    /** Adds an address (IPv6 ones with {@code nodad}, so they are usable at once). */
    public void address(final String namespace, final String link, final String cidr)
    {
        requireNamespace(namespace);
        if (cidr.contains(":"))
        {
            execOk(namespace, "ip", "-6", "address", "add", cidr, "dev", link, "nodad");
        }
        else
        {
            execOk(namespace, "ip", "address", "add", cidr, "dev", link);
        }
    }

    /**
     * Makes the kernel of {@code namespace} an IPv6 peer on {@code link}: address {@code cidr}, and a permanent
     * neighbor entry for {@code neighbor} at {@code neighborMac} (our side, which answers no neighbor discovery).
     *
     * @return the kernel's MAC on {@code link}.
     */
    public long kernelPeer(final String namespace, final String link, final String cidr, final String neighbor,
        final long neighborMac)
    {
        address(namespace, link, cidr);
        execOk(namespace, "ip", "-6", "neigh", "add", neighbor, "lladdr",
            MacAddress.format(neighborMac), "dev", link, "nud", "permanent");
        return MacAddress.parse(mac(namespace, link));
    }

    /** Sets a sysctl inside a namespace, e.g. {@code net.ipv6.conf.all.forwarding} = {@code 1}. */
    public void sysctl(final String namespace, final String key, final String value)
    {
        requireNamespace(namespace);
        execOk(namespace, "sysctl", "-q", "-w", key + "=" + value);
    }

    /** {@code ip route add <args>} inside a namespace ({@code ip -6 route} when the first argument has a colon). */
    public void route(final String namespace, final String... args)
    {
        requireNamespace(namespace);
        final List<String> cmd = new ArrayList<>(List.of("ip"));
        if (args.length > 0 && args[0].contains(":"))
        {
            cmd.add("-6");
        }
        cmd.add("route");
        cmd.add("add");
        cmd.addAll(Arrays.asList(args));
        execOk(namespace, cmd.toArray(new String[0]));
    }

    /** The MAC of a link, {@code 02:..}; namespace null for a root-namespace end this lab created. */
    public String mac(final String namespace, final String link)
    {
        final Result r = namespace == null ? rootLinkShow(link) : execOk(namespace, "ip", "link", "show", link);
        final Matcher m = MAC.matcher(r.stdout());
        if (!m.find())
        {
            throw new IllegalStateException("no MAC for " + link + ": " + r.stdout());
        }
        return m.group(1);
    }

    private Result rootLinkShow(final String link)
    {
        if (!isOurRootLink(link))
        {
            throw new IllegalArgumentException("not a link of this lab: " + link);
        }
        return runRoot("ip", "link", "show", link);
    }

    private boolean isOurRootLink(final String link)
    {
        for (final String a : rootLinks)
        {
            final String base = a.substring(0, a.length() - 1);
            if (link.equals(base + "a") || link.equals(base + "b"))
            {
                return true;
            }
        }
        return false;
    }

    /** Runs a command inside a namespace of this lab, with {@link #DEFAULT_TIMEOUT}. */
    public Result exec(final String namespace, final String... command)
    {
        return exec(namespace, DEFAULT_TIMEOUT, command);
    }

    /** Runs a command inside a namespace of this lab; killed (by PID) after {@code timeout}. */
    public Result exec(final String namespace, final Duration timeout, final String... command)
    {
        requireNamespace(namespace);
        final List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        cmd.addAll(Arrays.asList(command));
        return run(cmd, timeout);
    }

    /** As {@link #exec(String, String...)}, failing with the command's output unless it exits 0. */
    public Result execOk(final String namespace, final String... command)
    {
        final Result r = exec(namespace, command);
        if (!r.ok())
        {
            throw new IllegalStateException("failed in " + namespace + ": " + String.join(" ", command) + " -> " + r);
        }
        return r;
    }

    /** Starts a command in the background inside a namespace; {@link #close()} stops it if still running. */
    public Background start(final String namespace, final String... command)
    {
        requireNamespace(namespace);
        final List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        cmd.addAll(Arrays.asList(command));
        try
        {
            final Path output = Files.createTempFile("s6e-bg-", ".log");
            final Process process = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
            final Background background = new Background(process, output);
            processes.add(background);
            return background;
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("cannot start " + cmd, ex);
        }
    }

    /** The namespaces this lab created, oldest first. */
    public List<String> namespaces()
    {
        return List.copyOf(namespaces);
    }

    /** Stops its processes, deletes its links and namespaces. Idempotent. */
    @Override
    public void close()
    {
        cleanUp();
        try
        {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        }
        catch (final IllegalStateException ignore)
        {
            // already shutting down: the hook runs cleanUp, which is idempotent
        }
    }

    private synchronized void cleanUp()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        for (final Background p : List.copyOf(processes))
        {
            p.stop();
        }
        for (final String link : List.copyOf(rootLinks))
        {
            if (Files.exists(Path.of("/sys/class/net", link)))
            {
                run(List.of("ip", "link", "del", link), DEFAULT_TIMEOUT);
            }
        }
        for (final String ns : List.copyOf(namespaces))
        {
            if (Files.exists(Path.of("/var/run/netns", ns)) || Files.exists(Path.of("/run/netns", ns)))
            {
                run(List.of("ip", "netns", "del", ns), DEFAULT_TIMEOUT);
            }
        }
    }

    private void requireNamespace(final String namespace)
    {
        if (namespace == null || !namespaces.contains(namespace))
        {
            throw new IllegalArgumentException("not a namespace of this lab: " + namespace);
        }
        if (closed)
        {
            throw new IllegalStateException("lab closed");
        }
    }

    private void checkOwned(final String namespace)
    {
        if (namespace != null)
        {
            requireNamespace(namespace);
        }
    }

    private Result runRoot(final String... command)
    {
        final Result r = run(Arrays.asList(command), DEFAULT_TIMEOUT);
        if (!r.ok())
        {
            throw new IllegalStateException("failed: " + String.join(" ", command) + " -> " + r);
        }
        return r;
    }

    private static Result run(final List<String> command, final Duration timeout)
    {
        Path out = null;
        Path err = null;
        try
        {
            out = Files.createTempFile("s6e-out-", ".txt");
            err = Files.createTempFile("s6e-err-", ".txt");
            final Process process = new ProcessBuilder(command)
                .redirectOutput(out.toFile())
                .redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
            boolean timedOut = false;
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS))
            {
                timedOut = true;
                process.destroyForcibly();
                process.waitFor(2, TimeUnit.SECONDS);
            }
            return new Result(
                timedOut ? -1 : process.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8),
                timedOut);
        }
        catch (final IOException ex)
        {
            return new Result(-1, "", String.valueOf(ex), false);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return new Result(-1, "", "interrupted", false);
        }
        finally
        {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void deleteQuietly(final Path file)
    {
        if (file != null)
        {
            try
            {
                Files.deleteIfExists(file);
            }
            catch (final IOException ignore)
            {
                // a temp file
            }
        }
    }
}
