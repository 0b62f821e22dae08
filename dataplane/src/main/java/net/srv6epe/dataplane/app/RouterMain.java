package net.srv6epe.dataplane.app;

import net.srv6epe.bgp.event.EventStamper;
import net.srv6epe.dataplane.bgp.BgpAgent;
import net.srv6epe.dataplane.bgp.BgpSnapshot;
import net.srv6epe.dataplane.bgp.BgpView;
import net.srv6epe.dataplane.bgp.ForwardingWriter;
import net.srv6epe.dataplane.capture.CaptureControlHandler;
import net.srv6epe.dataplane.capture.CaptureService;
import net.srv6epe.dataplane.capture.CaptureSwitch;
import net.srv6epe.dataplane.config.ListenAddress;
import net.srv6epe.dataplane.config.NeighborConfig;
import net.srv6epe.dataplane.config.PortConfig;
import net.srv6epe.dataplane.config.RouterConfig;
import net.srv6epe.dataplane.config.SidConfig;
import net.srv6epe.dataplane.config.FlowStatsSettings;
import net.srv6epe.dataplane.control.ControlServer;
import net.srv6epe.dataplane.flowstats.FlowJournal;
import net.srv6epe.dataplane.bond.BondAgent;
import net.srv6epe.dataplane.bond.BondFeedbackQueue;
import net.srv6epe.dataplane.bond.BondReceiver;
import net.srv6epe.dataplane.bond.BondSenders;
import net.srv6epe.dataplane.bond.BondTable;
import net.srv6epe.dataplane.bond.BondTailEnd;
import net.srv6epe.dataplane.bond.BondView;
import net.srv6epe.dataplane.flowstats.FlowSampler;
import net.srv6epe.dataplane.flowstats.FlowTable;
import net.srv6epe.dataplane.journal.JournalPruner;
import net.srv6epe.dataplane.journal.JournalingPublisher;
import net.srv6epe.dataplane.journal.Journals;
import net.srv6epe.dataplane.journal.RouteEventJournal;
import net.srv6epe.dataplane.metrics.BgpMetrics;
import net.srv6epe.dataplane.metrics.BuildInfoMetrics;
import net.srv6epe.dataplane.metrics.FlowMetrics;
import net.srv6epe.dataplane.metrics.JournalMetrics;
import net.srv6epe.dataplane.metrics.JournalPrunerMetrics;
import net.srv6epe.dataplane.metrics.BondMetrics;
import net.srv6epe.dataplane.metrics.MetricsRegistry;
import net.srv6epe.dataplane.metrics.MetricsServer;
import net.srv6epe.dataplane.metrics.RouterMetrics;
import net.srv6epe.dataplane.metrics.WorkerMetrics;
import net.srv6epe.dataplane.neighbor.NeighborAgent;
import net.srv6epe.dataplane.neighbor.NeighborSettings;
import net.srv6epe.dataplane.neighbor.NeighborTable;
import net.srv6epe.dataplane.pipeline.Pipeline;
import net.srv6epe.dataplane.pipeline.PipelineCounters;
import net.srv6epe.dataplane.pipeline.PortInfo;
import net.srv6epe.dataplane.pipeline.PortTable;
import net.srv6epe.dataplane.port.MacAddress;
import net.srv6epe.dataplane.port.Port;
import net.srv6epe.dataplane.port.PortBackend;
import net.srv6epe.dataplane.port.PortFactory;
import net.srv6epe.dataplane.port.afxdp.XskUmem;
import net.srv6epe.dataplane.worker.FanoutGroups;
import net.srv6epe.dataplane.worker.PortSockets;
import net.srv6epe.dataplane.worker.Worker;
import net.srv6epe.dataplane.worker.WorkerCounters;
import net.srv6epe.dataplane.worker.WorkerStats;
import net.srv6epe.srv6.Ipv4Address;
import net.srv6epe.srv6.Ipv6Address;
import net.srv6epe.srv6.behavior.IcmpRateLimiter;
import net.srv6epe.vrf.ForwardingState;
import net.srv6epe.vrf.ForwardingStatePublisher;
import net.srv6epe.vrf.prefix.Ipv6Prefix;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The router process behind {@code srv6 run}: compiles the configuration into the forwarding state, opens the
 * ports, starts the neighbor agent and the {@code router.workers} forwarding workers (each an agrona
 * {@link AgentRunner} on its own thread; with more than one, each worker owns one {@code AF_PACKET} socket of every
 * port, the sockets of a port in one fanout group, and its own pipeline, counters and flow table; worker 0 sends
 * the neighbor agent's frames), opens the journals under {@code router.journal-dir} (the route events of the configured state, cause
 * {@code config}; the flow-stats sampler on its own thread when {@code router.flow-stats.enabled}; the
 * {@link JournalPruner} on another when {@code router.journal-retention-hours} is not 0), and serves the
 * control socket and the Prometheus metrics endpoint ({@code router.metrics}) from the
 * live state. With a {@code bgp:} section the BGP speaker and its roles run as one more agent
 * ({@link BgpAgent}, its own thread, sleeping idle strategy): it is the forwarding state's one writer from the
 * start (it publishes the configured state, cause {@code config}, then its routes and SIDs on top, all through the
 * {@link JournalingPublisher}), and the control thread answers {@code show bgp ...} from the snapshots it
 * publishes. SIGHUP and {@code srv6 config reload} reload the configuration file ({@link ConfigReloader}).
 * Runs until SIGTERM/SIGINT ({@link StopSignal}; exit status 0), then closes the BGP sessions (Cease) first,
 * then stops the other threads, closes the ports and journals and removes the control socket.
 */
public final class RouterMain
{
    /**
     * Forwarding-state changes after which the BGP writer publishes without waiting for the end of a batch; a
     * bound only: the writer coalesces by time (ForwardingWriter), and a publish costs what its batch touched.
     */
    private static final int BGP_MAX_BATCH = 1 << 20;
    /** How long a reload waits for the BGP thread, the forwarding state's writer, to apply it. */
    private static final long RELOAD_TIMEOUT_MS = 10_000;
    /** How long start waits for the BGP speaker to bind its listening sockets. */
    private static final long BGP_START_TIMEOUT_MS = 5_000;

    private RouterMain()
    {
    }

    /**
     * Runs the router until the process is told to stop.
     *
     * @param config     the validated configuration.
     * @param configPath the file it came from (for messages and relative paths).
     * @return the process exit code: 0 after a clean stop, 1 when the router cannot start.
     */
    public static int run(final RouterConfig config, final Path configPath)
    {
        final CountDownLatch stopped = new CountDownLatch(1);
        StopSignal.install(stopped);
        // SIGHUP's default action ends the JVM: take it over before anything starts
        final AtomicReference<ConfigReloader> reloader = new AtomicReference<>();
        ReloadSignal.install(reloader::get, System.out, System.err);
        final Running running = start(config, configPath.toAbsolutePath(), System.out, System.err);
        if (running == null)
        {
            return 1;
        }
        reloader.set(running.reloader());
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            running.close();
            stopped.countDown();
        }, "srv6-epe-shutdown"));
        try
        {
            stopped.await();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        running.close();
        return 0;
    }

    /**
     * Starts the router without blocking and prints {@code srv6-epe <name>: forwarding on N ports, ...; control
     * socket <path>; journals <dir>; metrics <url>|off}. Used by {@link #run} and by tests.
     *
     * @return the running router, or null when it could not start (the reason printed on {@code err} in one line;
     *     whatever was opened is closed again)
     */
    public static Running start(final RouterConfig config, final PrintStream out, final PrintStream err)
    {
        return start(config, null, out, err);
    }

    /**
     * {@link #start(RouterConfig, PrintStream, PrintStream)} for a configuration read from {@code configPath}: the
     * running router then reloads that file on {@code config reload} (and SIGHUP, installed by {@link #run}).
     *
     * @param configPath the file, or null (no reloads)
     */
    public static Running start(final RouterConfig config, final Path configPath, final PrintStream out,
        final PrintStream err)
    {
        final String name = config.router().name();
        final ForwardingState state;
        try
        {
            state = ForwardingCompiler.compile(config);
        }
        catch (final RuntimeException ex)
        {
            err.println("srv6-epe " + name + ": cannot build the forwarding tables: " + ex.getMessage());
            return null;
        }
        final ForwardingStatePublisher publisher = new ForwardingStatePublisher();

        final List<Port> ports = new ArrayList<>();
        final NanoClock clock = SystemNanoClock.INSTANCE;
        final NeighborTable neighborTable = new NeighborTable();
        final NeighborAgent neighborAgent =
            new NeighborAgent(clock, neighborTable, NeighborSettings.defaults(), config.ports().size());
        final List<PortInfo> portInfos = new ArrayList<>();
        for (int i = 0; i < config.ports().size(); i++)
        {
            final PortConfig p = config.ports().get(i);
            final long mac = MacAddress.parse(p.mac());
            neighborAgent.configurePort(i, mac);
            String v6 = null;
            String v4 = null;
            for (final String address : p.addresses())
            {
                final String host = PortConfig.hostPart(address);
                if (host.indexOf(':') >= 0)
                {
                    neighborAgent.addAddress(i, Ipv6Address.parseHi(host), Ipv6Address.parseLo(host));
                    v6 = v6 == null ? host : v6;
                }
                else
                {
                    neighborAgent.addAddress(i, Ipv4Address.parse(host));
                    v4 = v4 == null ? host : v4;
                }
            }
            portInfos.add(new PortInfo(i, ForwardingCompiler.portName(p.name()), mac, p.mtu(), p.vrf(),
                v6 != null, v6 == null ? 0 : Ipv6Address.parseHi(v6), v6 == null ? 0 : Ipv6Address.parseLo(v6),
                v4 != null, v4 == null ? 0 : Ipv4Address.parse(v4)));
        }
        for (final NeighborConfig n : config.neighbors())
        {
            final int port = indexOf(config, n.port());
            if (n.address().indexOf(':') >= 0)
            {
                neighborAgent.addStatic(port, Ipv6Address.parseHi(n.address()), Ipv6Address.parseLo(n.address()),
                    MacAddress.parse(n.mac()));
            }
            else
            {
                neighborAgent.addStatic(port, Ipv4Address.parse(n.address()), MacAddress.parse(n.mac()));
            }
        }

        final int workerCount = config.router().workers();
        final PipelineCounters[] counters = new PipelineCounters[workerCount];
        for (int w = 0; w < workerCount; w++)
        {
            counters[w] = new PipelineCounters();
        }
        final Path socket = Path.of(config.router().controlSocket());
        final LiveView liveView =
            new LiveView(config, publisher, ports, neighborTable, neighborAgent.counters(), counters);
        final AtomicReference<BgpAgent> bgpAgent = new AtomicReference<>();
        final ControlServer server;
        final ConfigControlHandler handler = new ConfigControlHandler(config, liveView,
            config.bgp() == null ? null : new BgpView(() -> bgpSnapshot(bgpAgent, config)));
        try
        {
            server = ControlServer.open(socket, handler);
        }
        catch (final IOException ex)
        {
            err.println("srv6-epe " + name + ": cannot open control socket " + socket + ": " + ex.getMessage());
            return null;
        }
        // The control socket is the one-router-per-name lock: journals are opened only once we hold it.
        final Path journalDir = Path.of(config.router().journalDir());
        final RouteEventJournal events;
        try
        {
            events = RouteEventJournal.open(journalDir);
        }
        catch (final RuntimeException ex)
        {
            server.close();
            err.println("srv6-epe " + name + ": cannot open the route-event journal in " + journalDir + ": " +
                ex.getMessage() + " (router.journal-dir)");
            return null;
        }
        final JournalingPublisher journaling =
            new JournalingPublisher(publisher, events, SystemEpochNanoClock.INSTANCE, SystemNanoClock.INSTANCE);
        if (config.bgp() == null)
        {
            journaling.publish(state, "config");
        }
        else
        {
            // the route-event journal has one writer thread: with BGP it is the speaker's, from the first publish
            try
            {
                bgpAgent.set(new BgpAgent(config, new ForwardingWriter(journaling, BGP_MAX_BATCH),
                    EventStamper.system(null), SystemNanoClock.INSTANCE, extraLocator(config, state), state));
            }
            catch (final RuntimeException ex)
            {
                server.close();
                events.close();
                err.println("srv6-epe " + name + ": cannot set up BGP: " + ex.getMessage() + " (bgp)");
                return null;
            }
        }
        final ListenAddress metricsAddress = config.router().metrics().address();
        final MetricsRegistry metricsRegistry = RouterMetrics.registry(BuildInfoMetrics.thisBuildVersion(), ports,
            liveView::dropCount, counters, publisher, neighborAgent.counters(), neighborTable)
            .register(new JournalMetrics(journaling));
        if (config.bgp() != null)
        {
            metricsRegistry.register(new BgpMetrics(() -> bgpSnapshot(bgpAgent, config)));
        }
        MetricsServer metrics = null;
        if (metricsAddress != null)
        {
            try
            {
                metrics = MetricsServer.open(metricsAddress.toSocketAddress(), metricsRegistry);
            }
            catch (final IOException ex)
            {
                server.close();
                events.close();
                err.println("srv6-epe " + name + ": cannot listen for metrics on " + metricsAddress + ": " +
                    ex.getMessage() + " (router.metrics.listen)");
                return null;
            }
        }

        final Port[][] workerPorts = new Port[workerCount][];
        final XskUmem[] umems = new XskUmem[workerCount];
        try
        {
            final int[] xdpMtus = config.ports().stream().filter(p -> p.backend() == PortBackend.AF_XDP)
                .mapToInt(PortConfig::mtu).toArray();
            for (int w = 0; xdpMtus.length > 1 && w < workerCount; w++)
            {
                // a worker's af-xdp ports in one UMEM: a frame forwarded between them is sent from where it arrived
                umems[w] = PortFactory.sharedXdpUmem(xdpMtus);
            }
            if (workerCount == 1)
            {
                for (final PortConfig p : config.ports())
                {
                    ports.add(PortFactory.open(p.name(), p.backend().configName(), p.interfaceName(), p.read(),
                        p.write(), MacAddress.parse(p.mac()), p.mtu(), p.rxRingOrDefault(),
                        umems[0]));
                }
                workerPorts[0] = ports.toArray(new Port[0]);
            }
            else
            {
                openFanoutSockets(config, ports, workerPorts, umems);
            }
        }
        catch (final RuntimeException ex)
        {
            closeAll(ports);
            server.close();
            closeMetrics(metrics);
            events.close();
            err.println("srv6-epe " + name + ": " + ex.getMessage());
            return null;
        }
        finally
        {
            for (final XskUmem umem : umems)
            {
                if (umem != null)
                {
                    umem.release(); // its sockets hold it (unmapped here when none was opened)
                }
            }
        }
        final FlowStatsSettings flowSettings = config.router().flowStats();
        FlowTable[] flowTables = new FlowTable[0];
        FlowJournal flowJournal = null;
        AgentRunner samplerRunner = null;
        if (flowSettings.enabled())
        {
            try
            {
                flowJournal = FlowJournal.open(journalDir);
            }
            catch (final RuntimeException ex)
            {
                closeAll(ports);
                server.close();
                closeMetrics(metrics);
                events.close();
                err.println("srv6-epe " + name + ": cannot open the flow journal in " +
                    Journals.flowsDir(journalDir) + ": " + ex.getMessage() + " (router.journal-dir)");
                return null;
            }
            flowTables = new FlowTable[workerCount];
            for (int w = 0; w < workerCount; w++)
            {
                flowTables[w] = new FlowTable(flowSettings.maxFlows());
            }
            metricsRegistry.register(new FlowMetrics(flowTables));
            final List<String> portNames = new ArrayList<>();
            for (final PortConfig p : config.ports())
            {
                portNames.add(p.name());
            }
            final FlowSampler sampler = new FlowSampler(flowTables, flowJournal, publisher,
                portNames, clock, SystemEpochNanoClock.INSTANCE,
                TimeUnit.MILLISECONDS.toNanos(flowSettings.intervalMs()));
            samplerRunner = new AgentRunner(new SleepingMillisIdleStrategy(1), Throwable::printStackTrace, null,
                sampler);
        }
        liveView.alsoCount(journaling, flowTables);
        final Pipeline[] pipelines = new Pipeline[workerCount];
        final AgentRunner[] workerRunners = new AgentRunner[workerCount];
        final Worker[] workers = new Worker[workerCount];
        final List<WorkerStats> workerStats = new ArrayList<>();
        for (int w = 0; w < workerCount; w++)
        {
            // each worker has its own rate limiter (single-threaded) with its share of router.icmp, so that the
            // workers together send what the configuration allows
            final IcmpRateLimiter limiter = new IcmpRateLimiter(clock,
                share(config.router().icmp().ratePerSecond(), workerCount, w),
                share(config.router().icmp().burst(), workerCount, w), config.router().icmp().enabled());
            final Port[] own = workerPorts[w];
            pipelines[w] = new Pipeline(publisher, new PortTable(portInfos), neighborTable, neighborAgent.proxy(),
                counters[w], limiter, (portIndex, buffer, offset, length) -> own[portIndex].send(buffer, offset,
                length), flowTables.length == 0 ? null : flowTables[w]);
            final WorkerCounters loop = new WorkerCounters();
            final Worker worker = new Worker("srv6-epe-worker-" + w, own, pipelines[w], neighborAgent.proxy(),
                counters[w], loop, w == 0);
            if (!config.router().workerCpus().isEmpty())
            {
                worker.pinTo(config.router().workerCpus().get(w));
            }
            workers[w] = worker;
            workerStats.add(new WorkerStats(w, loop, own));
            workerRunners[w] = new AgentRunner(config.router().workerIdle().newStrategy(own),
                Throwable::printStackTrace, null, worker);
        }
        liveView.alsoCountWorkers(workerStats);
        // bonding (docs/BONDING.md): the head end's bonds and agent, each worker's senders and tail-end receiver
        final BondTable bondTable = BondTable.fromConfig(config, workerCount);
        final BondFeedbackQueue bondQueue = bondTable.isEmpty() ? null : new BondFeedbackQueue();
        final List<BondTailEnd> tailEnds = new ArrayList<>();
        for (final SidConfig sid : config.sids())
        {
            if (sid.bond() != null)
            {
                tailEnds.add(BondTailEnd.of(sid));
            }
        }
        final List<BondReceiver> receivers = new ArrayList<>();
        for (int w = 0; w < workerCount; w++)
        {
            final BondReceiver receiver = tailEnds.isEmpty() ? null : new BondReceiver(tailEnds);
            if (receiver != null)
            {
                receivers.add(receiver);
            }
            pipelines[w].bonding(bondTable.isEmpty() ? null : new BondSenders(bondTable, w), receiver, bondQueue,
                SystemNanoClock.INSTANCE);
        }
        final BondAgent bondAgent = bondTable.isEmpty() ? null :
            new BondAgent(bondTable, bondQueue, SystemNanoClock.INSTANCE);
        final AgentRunner bondRunner = bondAgent == null ? null :
            new AgentRunner(new SleepingMillisIdleStrategy(1), Throwable::printStackTrace, null, bondAgent);
        final BondView bondView = new BondView(bondAgent, receivers);
        handler.bondWith(bondView);
        metricsRegistry.register(new BondMetrics(bondView));
        metricsRegistry.register(new WorkerMetrics(workerStats));
        // a capture copies the frames of every worker: one tap (and ring) per worker, one shared count
        final List<CaptureSwitch> captureSwitches = new ArrayList<>();
        for (final Pipeline p : pipelines)
        {
            captureSwitches.add(p.captureSwitch());
        }
        handler.captureWith(new CaptureControlHandler(new CaptureService(
            portInfos.stream().map(PortInfo::name).toList(), captureSwitches, clock, SystemEpochNanoClock.INSTANCE,
            CaptureService.RING_BYTES)));

        final AgentRunner neighborRunner = new AgentRunner(
            new SleepingMillisIdleStrategy(1), Throwable::printStackTrace, null, neighborAgent);
        AgentRunner bgpRunner = null;
        if (bgpAgent.get() != null)
        {
            bgpRunner = new AgentRunner(new SleepingMillisIdleStrategy(1), Throwable::printStackTrace, null,
                bgpAgent.get());
            AgentRunner.startOnThread(bgpRunner);
            String failure;
            try
            {
                failure = bgpAgent.get().awaitStart(BGP_START_TIMEOUT_MS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                failure = "interrupted";
            }
            if (failure != null)
            {
                bgpRunner.close();
                if (flowJournal != null)
                {
                    flowJournal.close();
                }
                closeAll(ports);
                server.close();
                closeMetrics(metrics);
                events.close();
                err.println("srv6-epe " + name + ": cannot start BGP: " + failure + " (bgp.listen)");
                return null;
            }
        }
        ConfigReloader reloader = null;
        if (configPath != null)
        {
            final BgpAgent bgp = bgpAgent.get();
            reloader = new ConfigReloader(configPath, config, state, bgp == null ?
                journaling::rebase :
                (oldBase, newBase, cause) -> bgp.reload(oldBase, newBase, cause)
                    .get(RELOAD_TIMEOUT_MS, TimeUnit.MILLISECONDS));
            handler.reloadWith(reloader);
        }
        AgentRunner.startOnThread(neighborRunner);
        for (final AgentRunner workerRunner : workerRunners)
        {
            AgentRunner.startOnThread(workerRunner);
        }
        if (samplerRunner != null)
        {
            AgentRunner.startOnThread(samplerRunner);
        }
        if (bondRunner != null)
        {
            AgentRunner.startOnThread(bondRunner);
        }
        AgentRunner prunerRunner = null;
        if (config.router().journalRetentionHours() > 0)
        {
            final JournalPruner pruner = new JournalPruner(journalDir, config.router().journalRetentionHours(),
                SystemEpochClock.INSTANCE);
            metricsRegistry.register(new JournalPrunerMetrics(pruner));
            liveView.alsoCount(pruner);
            prunerRunner = new AgentRunner(new SleepingMillisIdleStrategy(1_000), Throwable::printStackTrace, null,
                pruner);
            AgentRunner.startOnThread(prunerRunner);
        }
        server.start();
        if (metrics != null)
        {
            metrics.start();
        }
        out.println("srv6-epe " + name + ": forwarding on " + ports.size() + " port(s) with " + workerCount +
            " worker(s)" + pinning(workers, config.router().workerCpus()) + ", " +
            state.vrfs().size() + " VRF(s), " + state.localSids().size() + " local SID(s); control socket " +
            socket + "; journals " + journalDir + "; metrics " + (metrics == null ? "off" : metrics.url()));
        out.flush();
        return new Running(server, metrics, workerRunners, neighborRunner, ports, samplerRunner, flowJournal, events,
            journaling, bgpRunner, bgpAgent.get(), reloader, prunerRunner, bondRunner);
    }

    private static BgpSnapshot bgpSnapshot(final AtomicReference<BgpAgent> agent, final RouterConfig config)
    {
        final BgpAgent a = agent.get();
        return a == null ? BgpSnapshot.configured(config.bgp()) : a.snapshot();
    }

    /** The ASBR locator when no locator of the compiled state covers it (then BGP adds it), else null. */
    private static Ipv6Prefix extraLocator(final RouterConfig config, final ForwardingState state)
    {
        if (config.bgp() == null || config.bgp().asbr() == null)
        {
            return null;
        }
        final Ipv6Prefix locator = Ipv6Prefix.parse(config.bgp().asbr().locator().prefix());
        for (final Ipv6Prefix l : state.localSids().locators())
        {
            if (l.length() <= locator.length() && l.contains(locator.hi(), locator.lo()))
            {
                return null;
            }
        }
        return locator;
    }

    /**
     * Opens, for each port, one socket per worker (af-packet: all of a port's sockets in one fanout group; af-xdp:
     * one per receive queue, worker w's in {@code umems[w]} when its af-xdp ports share one); adds each port's
     * {@link PortSockets} to {@code ports} (so a failure closes what was opened) and fills {@code workerPorts}.
     */
    private static void openFanoutSockets(final RouterConfig config, final List<Port> ports,
        final Port[][] workerPorts, final XskUmem[] umems)
    {
        final int workers = workerPorts.length;
        for (int w = 0; w < workers; w++)
        {
            workerPorts[w] = new Port[config.ports().size()];
        }
        final long pid = ProcessHandle.current().pid();
        for (int i = 0; i < config.ports().size(); i++)
        {
            final PortConfig p = config.ports().get(i);
            final Port[] sockets;
            if (p.backend() == PortBackend.AF_XDP)
            {
                sockets = PortFactory.openXdpQueueSockets(p.name(), p.interfaceName(), MacAddress.parse(p.mac()),
                    p.mtu(), umems);
            }
            else if (p.backend() == PortBackend.AF_PACKET)
            {
                sockets = PortFactory.openFanoutSockets(p.name(), p.interfaceName(), MacAddress.parse(p.mac()),
                    p.mtu(), FanoutGroups.groupId(pid, i), p.rxRingOrDefault(), workers);
            }
            else
            {
                throw new IllegalArgumentException("port '" + p.name() + "': backend " + p.backend().configName() +
                    " cannot be shared by router.workers " + workers + " (only af-packet and af-xdp fan out)");
            }
            ports.add(new PortSockets(sockets));
            for (int w = 0; w < workers; w++)
            {
                workerPorts[w][i] = sockets[w];
            }
        }
    }

    /**
     * Worker {@code worker}'s part of {@code total} split over {@code workers}: the parts add up to the total, except
     * that each part is at least 1 when the total is not 0 (a worker with no share would never send an error).
     */
    private static long share(final long total, final int workers, final int worker)
    {
        final long part = total / workers + (worker < total % workers ? 1 : 0);
        return total > 0 ? Math.max(1, part) : part;
    }

    private static int indexOf(final RouterConfig config, final String port)
    {
        for (int i = 0; i < config.ports().size(); i++)
        {
            if (config.ports().get(i).name().equals(port))
            {
                return i;
            }
        }
        throw new IllegalArgumentException("no port named '" + port + "'");
    }

    private static void closeAll(final List<Port> ports)
    {
        for (final Port p : ports)
        {
            try
            {
                p.close();
            }
            catch (final Exception ignore)
            {
                // closing on the way out: nothing more to do
            }
        }
    }

    private static void closeMetrics(final MetricsServer metrics)
    {
        if (metrics != null)
        {
            metrics.close();
        }
    }

    /**
     * {@code " on CPU(s) [0, 1]"} once every worker pinned itself (waits up to a second for their threads to start),
     * {@code " (not pinned: see the log)"} when one could not; empty when {@code router.worker-cpus} is not set.
     */
    private static String pinning(final Worker[] workers, final List<Integer> cpus)
    {
        if (cpus.isEmpty())
        {
            return "";
        }
        final long deadline = System.nanoTime() + 1_000_000_000L;
        for (final Worker w : workers)
        {
            while (w.pinnedCpu() < 0 && System.nanoTime() < deadline)
            {
                Thread.onSpinWait();
            }
            if (w.pinnedCpu() < 0)
            {
                return " (not pinned to router.worker-cpus " + cpus + ": see the log)";
            }
        }
        return " on CPU(s) " + cpus;
    }

    /** A started router; {@link #close()} stops it, removes its control socket and stops its metrics endpoint. */
    public static final class Running implements AutoCloseable
    {
        private final ControlServer server;
        private final MetricsServer metrics;
        private final AgentRunner[] workers;
        private final AgentRunner neighbor;
        private final List<Port> ports;
        private final AgentRunner sampler;
        private final FlowJournal flowJournal;
        private final RouteEventJournal events;
        private final JournalingPublisher journaling;
        private final AgentRunner bgpRunner;
        private final BgpAgent bgp;
        private final ConfigReloader reloader;
        private final AgentRunner pruner;
        private final AgentRunner bond;
        private boolean closed;

        private Running(
            final ControlServer server,
            final MetricsServer metrics,
            final AgentRunner[] workers,
            final AgentRunner neighbor,
            final List<Port> ports,
            final AgentRunner sampler,
            final FlowJournal flowJournal,
            final RouteEventJournal events,
            final JournalingPublisher journaling,
            final AgentRunner bgpRunner,
            final BgpAgent bgp,
            final ConfigReloader reloader,
            final AgentRunner pruner,
            final AgentRunner bond)
        {
            this.pruner = pruner;
            this.bond = bond;
            this.reloader = reloader;
            this.bgpRunner = bgpRunner;
            this.bgp = bgp;
            this.server = server;
            this.metrics = metrics;
            this.workers = workers;
            this.neighbor = neighbor;
            this.ports = ports;
            this.sampler = sampler;
            this.flowJournal = flowJournal;
            this.events = events;
            this.journaling = journaling;
        }

        /**
         * Where forwarding-state changes are published and journaled (reload and routing protocols publish
         * here). Its writer must be one thread at a time.
         */
        public JournalingPublisher journaling()
        {
            return journaling;
        }

        /** Reloads the configuration file, or null when the router was not started from a file. */
        public ConfigReloader reloader()
        {
            return reloader;
        }

        /** The BGP agent (its snapshot and bound addresses are safe to read), or null without BGP. */
        public BgpAgent bgp()
        {
            return bgp;
        }

        /** The control server. */
        public ControlServer controlServer()
        {
            return server;
        }

        /** The address the metrics endpoint is bound to (the actual port when 0 was configured), or null when off. */
        public InetSocketAddress metricsAddress()
        {
            return metrics == null ? null : metrics.address();
        }

        @Override
        public synchronized void close()
        {
            if (closed)
            {
                return;
            }
            closed = true;
            server.close();
            closeMetrics(metrics);
            if (bgpRunner != null)
            {
                bgpRunner.close(); // the speaker's onClose sends Cease to every session, before the ports close
            }
            for (final AgentRunner worker : workers)
            {
                worker.close();
            }
            if (sampler != null)
            {
                sampler.close(); // its agent's onClose takes a last sample of what the stopped worker counted
                flowJournal.close();
            }
            if (bond != null)
            {
                bond.close();
            }
            neighbor.close();
            closeAll(ports);
            if (pruner != null)
            {
                pruner.close();
            }
            events.close();
        }
    }
}
