package net.srv6epe.perf.suite;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import net.srv6epe.dataplane.port.MacAddress;

/**
 * Runs one measurement: a fresh {@link LabTopology}, the DUT (our router or the kernel) configured for the scenario,
 * the sink started and ready, then the generator for warm-up + measured seconds, then the sink told to finish (a
 * file it watches). Every run builds and deletes its own namespaces, so both DUTs see the same topology and no state
 * survives from one run to the next.
 *
 * <p>Placement (both DUTs alike): generator and sink processes on {@link Settings#genCpu()}, the DUT (the router's
 * JVM, or the kernel's softirq through RPS) on {@link Settings#dutCpu()}.
 */
final class LabRunner
{
    private static final Pattern KEY_VALUE = Pattern.compile("(\\w+)=(\\S+)");
    private static final AtomicInteger RUNS = new AtomicInteger();
    /** The longest wait for a DUT to forward its first frame. */
    private static final int WARM_UP_LIMIT_S = 60;

    /**
     * @param routerJar      the router's jar ({@code srv6-epe.jar}).
     * @param routerJvmOptions extra JVM options for the router.
     * @param genCpu         CPU of the generator and the sink.
     * @param dutCpu         CPU of the DUT.
     * @param flows          UDP flows the generator cycles through.
     * @param warmUpSeconds  warm-up traffic before the measured window.
     * @param seconds        measured window.
     * @param sinkBackend    {@code af-packet} or {@code pcap} (see {@link SinkRole}).
     * @param workDir        where each run keeps its logs and the router config.
     * @param routerNice     nice value of the router's JVM (0: as started).
     * @param workerOnly     only the router's worker on the DUT CPU, its other threads on the generator's.
     * @param sinkRps        the sink's receive work moved to the generator's CPU by RPS (else where the DUT sends).
     * @param routerRxRing   the router's {@code ports[].rx-ring}: {@code blocks} or {@code frames}.
     * @param routerWorkerIdle the router's {@code router.worker-idle}: {@code backoff}, {@code spin},
     *                       {@code yield} or {@code wait}.
     * @param routerWorkers  the router's {@code router.workers}.
     * @param routerBackend  the router's ports' backend: {@code af-packet} or {@code af-xdp} (experimental).
     * @param dutRps         the DUT's receive work on {@code in0} moved to the DUT's CPU by RPS (else it runs in the
     *                       generator's {@code sendmmsg}, on the generator's CPU).
     * @param genBackend     the generator's: {@code af-packet} ({@code sendmmsg}) or {@code xdp} (XDP live frames,
     *                       see {@link XdpGenerator}; {@code in0} then gets GRO on, for the NAPI that takes XDP
     *                       frames, and its NAPI runs threaded on the DUT's CPU for every DUT).
     */
    record Settings(String routerJar, List<String> routerJvmOptions, int genCpu, int dutCpu, int flows,
        double warmUpSeconds, double seconds, String sinkBackend, Path workDir, int routerNice, boolean workerOnly,
        boolean sinkRps, String routerRxRing, String routerWorkerIdle, int routerWorkers, boolean dutRps,
        String routerBackend, String genBackend)
    {
        boolean xdpGenerator()
        {
            return "xdp".equals(genBackend);
        }

        /**
         * The scheduling class of a Java DUT's NAPI thread (see {@link LabTopology#threadedNapi}): {@code idle} beside
         * a worker that waits in {@code ppoll} (the thread runs only while the worker waits), else {@code batch}
         * (it runs when a yielding worker gives the CPU up, or at the tick).
         */
        String javaNapiPolicy()
        {
            return "wait".equals(routerWorkerIdle) ? "idle" : "batch";
        }
    }

    private final Settings settings;

    LabRunner(final Settings settings)
    {
        this.settings = settings;
    }

    Settings settings()
    {
        return settings;
    }

    /**
     * Refuses, before any run, a scenario and frame size the generator cannot make: the xdp generator's frames fit
     * a page and its flows differ in their UDP source port and one destination field only
     * ({@link XdpGenerator#fields}).
     */
    void check(final Scenario scenario, final int frameSize)
    {
        if (settings.xdpGenerator())
        {
            final long mac = MacAddress.parse(Addressing.GEN_MAC);
            try
            {
                XdpGenerator.fields(FrameBuilder.templates(scenario, frameSize, Math.max(2, settings.flows()), mac,
                    mac), FrameBuilder.wireFrameSize(scenario, frameSize));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException("--gen-backend xdp, " + scenario.cliName + " at " + frameSize +
                    " B: " + ex.getMessage(), ex);
            }
        }
    }

    /** One run of {@code scenario} through {@code dut} at {@code ratePps} (0: flat out). */
    RunResult run(final Scenario scenario, final Dut dut, final int frameSize, final long ratePps)
        throws IOException, InterruptedException
    {
        final int n = RUNS.incrementAndGet();
        final Path dir = Files.createDirectories(settings.workDir().resolve(
            n + "-" + scenario.cliName + "-" + dut.label + "-" + frameSize + "-" + ratePps));
        final String prefix = "s6ps-" + ProcessHandle.current().pid() + "-" + n;
        try (LabTopology lab = new LabTopology(prefix, settings.genCpu(), settings.dutCpu(), settings.dutRps(),
            settings.sinkRps()))
        {
            if (settings.xdpGenerator())
            {
                lab.gro(lab.dut, Addressing.IN_IF);
            }
            Process router = null;
            if (dut == Dut.JAVA)
            {
                router = JavaDut.start(lab, scenario, settings, dir);
            }
            else
            {
                KernelDut.configure(lab, scenario, dir);
            }
            if (settings.xdpGenerator() && !(dut == Dut.JAVA && "af-xdp".equals(settings.routerBackend())))
            {
                // the af-xdp router's start did this for its own NAPI thread; the others' receive work goes to the
                // DUT's CPU the same way (a Java DUT's thread as a batch task beside its worker)
                lab.threadedNapi(lab.dut, Addressing.IN_IF, List.of(settings.dutCpu()),
                    dut == Dut.JAVA ? settings.routerNice() : 0, dut == Dut.JAVA ? settings.javaNapiPolicy() : null);
            }
            final Path done = dir.resolve("gen-done");
            final Path sinkLog = dir.resolve("sink.log");
            final Process sink = lab.start(lab.sink, settings.genCpu(), sinkLog, role("sink",
                "--interface", Addressing.SINK_IF, "--backend", settings.sinkBackend(),
                "--flows", String.valueOf(settings.flows()),
                "--max-seconds", String.valueOf(settings.warmUpSeconds() + settings.seconds() + 120),
                "--done-file", done.toString()));
            if (!awaitLine(sink, sinkLog, "READY", 60))
            {
                throw new IllegalStateException("sink not ready: " + read(sinkLog));
            }
            final Path measure = dir.resolve("measure");
            final Path genLog = dir.resolve("gen.log");
            final Process gen = lab.start(lab.gen, settings.genCpu(), genLog, role("gen",
                "--interface", Addressing.GEN_IF, "--backend", settings.genBackend(), "--scenario", scenario.cliName,
                "--frame-size", String.valueOf(frameSize), "--flows", String.valueOf(settings.flows()),
                "--rate", String.valueOf(ratePps), "--measure-file", measure.toString(),
                "--warm-up-limit-seconds", String.valueOf(WARM_UP_LIMIT_S),
                "--seconds", String.valueOf(settings.seconds())));
            // the warm-up clock starts when the DUT forwards (the sink sees warm-up frames), not when it starts
            final boolean forwarding = awaitLine(sink, sinkLog, "WARM_UP_SEEN", WARM_UP_LIMIT_S - 10);
            if (forwarding)
            {
                Thread.sleep((long)(settings.warmUpSeconds() * 1000));
            }
            final Path controlSocket = dut == Dut.JAVA ? dir.resolve("control.sock") : null;
            final DropCounters before = DropCounters.read(lab, controlSocket);
            Files.writeString(measure, "measure\n");
            if (!gen.waitFor((long)settings.seconds() + WARM_UP_LIMIT_S + 30, TimeUnit.SECONDS))
            {
                throw new IllegalStateException("generator did not finish: " + read(genLog));
            }
            Files.writeString(done, "done\n");
            if (!sink.waitFor(60, TimeUnit.SECONDS))
            {
                throw new IllegalStateException("sink did not finish: " + read(sinkLog));
            }
            if (router != null && !router.isAlive())
            {
                throw new IllegalStateException("router exited during the run: " + read(dir.resolve("router.log")));
            }
            final DropCounters drops = DropCounters.read(lab, controlSocket).minus(before);
            final RunResult r = RunResult.of(dut, scenario, FrameBuilder.innerFrameSize(scenario, frameSize),
                ratePps, result(genLog), result(sinkLog), drops);
            Files.writeString(settings.workDir().resolve("runs.log"), dir.getFileName() + ": " + r.summary() + "\n",
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            return r;
        }
    }

    private static List<String> role(final String... args)
    {
        final List<String> command = new ArrayList<>();
        command.add(JavaDut.javaBinary());
        for (final String a : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            // the JVM options we run with (the --add-exports agrona needs) go to the roles, debug agents do not
            if (!a.startsWith("-agentlib") && !a.startsWith("-javaagent"))
            {
                command.add(a);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(PerfMain.class.getName());
        command.addAll(List.of(args));
        return command;
    }

    /** Waits until {@code line} is in the log: false when the process ended or the time ran out first. */
    private static boolean awaitLine(final Process p, final Path log, final String line, final int timeoutS)
        throws IOException, InterruptedException
    {
        final long deadline = System.nanoTime() + timeoutS * 1_000_000_000L;
        while (!read(log).contains(line))
        {
            if (!p.isAlive() || System.nanoTime() > deadline)
            {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** The key=value pairs of the {@code RESULT} line of a role's log. */
    static Map<String, String> result(final Path log) throws IOException
    {
        final String output = read(log);
        for (final String line : output.split("\n"))
        {
            if (line.startsWith("RESULT "))
            {
                final Map<String, String> values = new LinkedHashMap<>();
                final Matcher m = KEY_VALUE.matcher(line);
                while (m.find())
                {
                    values.put(m.group(1), m.group(2));
                }
                return values;
            }
        }
        throw new IllegalStateException("no RESULT in " + log + ": " + output);
    }

    private static String read(final Path log) throws IOException
    {
        return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    }
}
