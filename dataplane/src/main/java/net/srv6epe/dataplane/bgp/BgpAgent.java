package net.srv6epe.dataplane.bgp;

import net.srv6epe.bgp.event.EventStamper;
import net.srv6epe.bgp.fsm.NegotiatedSession;
import net.srv6epe.bgp.fsm.SessionState;
import net.srv6epe.bgp.rib.Candidate;
import net.srv6epe.bgp.rib.MaxPrefixListener;
import net.srv6epe.bgp.rib.PathAttributes;
import net.srv6epe.bgp.rib.Rib;
import net.srv6epe.bgp.rib.RibPeer;
import net.srv6epe.bgp.role.AsbrRole;
import net.srv6epe.bgp.role.ContentServerConfig;
import net.srv6epe.bgp.role.ContentServerRole;
import net.srv6epe.bgp.role.EgressAnnouncement;
import net.srv6epe.bgp.session.BgpSpeaker;
import net.srv6epe.bgp.session.BgpSpeakerListener;
import net.srv6epe.bgp.session.NeighborConfig;
import net.srv6epe.bgp.wire.WireOptions;
import net.srv6epe.bgp.wire.error.ValidationResult;
import net.srv6epe.bgp.wire.message.MessageType;
import net.srv6epe.bgp.wire.message.NotificationMessage;
import net.srv6epe.bgp.wire.message.RouteRefreshMessage;
import net.srv6epe.bgp.wire.message.UpdateMessage;
import net.srv6epe.bgp.wire.nlri.AddressFamily;
import net.srv6epe.dataplane.config.BgpConfig;
import net.srv6epe.dataplane.config.BgpNeighborConfig;
import net.srv6epe.dataplane.config.RouterConfig;
import net.srv6epe.dataplane.journal.StateChange;
import net.srv6epe.srv6.Ipv4Address;
import net.srv6epe.vrf.ForwardingState;
import net.srv6epe.vrf.prefix.Ipv6Prefix;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The BGP speaker of the router and its roles on one agent thread: owns the {@link BgpSpeaker}, the
 * content-server and/or ASBR role and the {@link ForwardingWriter}, bridges the speaker's events to the roles,
 * sends the ASBR's UPDATEs to the Established iBGP neighbors (queued per neighbor and retried while the session's
 * write buffer is full, never dropped while the session lasts), and publishes a {@link BgpSnapshot} for the
 * control thread every {@link #SNAPSHOT_INTERVAL_MS} ms or sooner after a change. Every method but
 * {@link #snapshot()} and {@link #boundAddresses()} runs on the agent's thread.
 */
public final class BgpAgent implements Agent, BgpSpeakerListener, MaxPrefixListener
{
    /** Longest time between two snapshots. */
    public static final long SNAPSHOT_INTERVAL_MS = 250;
    /** Shortest time between two snapshots after changes. */
    private static final long MIN_SNAPSHOT_GAP_NS = TimeUnit.MILLISECONDS.toNanos(20);
    /** Routes kept in a snapshot (per family); the operator view of a full table is cut here. */
    public static final int MAX_ROUTE_ROWS = 100_000;
    /**
     * After routes changed, the next snapshot (route rows and neighbor rows together, so they always agree) waits
     * at least this many times what listing the route rows cost last time (and at least
     * {@link #MIN_SNAPSHOT_GAP_NS}, at most {@link #MAX_ROUTE_ROWS_GAP_NS}): while a full table arrives, listing up
     * to {@link #MAX_ROUTE_ROWS} routes for {@code show bgp} takes about a tenth of the thread.
     */
    private static final int ROUTE_ROWS_COST_FACTOR = 10;
    /** The longest a snapshot waits after routes changed. */
    private static final long MAX_ROUTE_ROWS_GAP_NS = TimeUnit.SECONDS.toNanos(1);

    private final BgpConfig bgp;
    private final NanoClock clock;
    private final ForwardingWriter writer;
    private final ContentServerRole contentServer;
    private final AsbrRole asbr;
    private final BgpSpeaker speaker;
    private final Map<InetAddress, Peer> peers = new LinkedHashMap<>();
    private final Map<InetAddress, NotificationMessage> overLimit = new LinkedHashMap<>();
    private final Ipv6Prefix extraLocator;
    private final ForwardingState initialState;
    private volatile BgpSnapshot snapshot;
    private volatile List<InetSocketAddress> boundAddresses = List.of();
    private volatile String startFailure;
    private final CountDownLatch started = new CountDownLatch(1);
    /** Commands from other threads (configuration reloads): rare, drained on the agent's thread. */
    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private long lastSnapshotNs;
    private long lastRouteRowsNs;
    private long routeRowsCostNs;
    private boolean dirty = true;
    private boolean routesChanged = true;

    /**
     * @param config       a validated configuration with a {@code bgp:} section
     * @param writer       the forwarding-state writer (publishing through the journaling publisher)
     * @param stamper      clocks and the route-event listener of the roles
     * @param clock        the speaker's clock
     * @param extraLocator the ASBR locator to add to the local SID table when no configured locator covers it, or
     *                     null
     * @param initialState the compiled configuration, published (cause {@code config}) first thing on the agent's
     *                     thread, which is the route-event journal's one writer thread; or null when already
     *                     published
     */
    public BgpAgent(final RouterConfig config, final ForwardingWriter writer, final EventStamper stamper,
        final NanoClock clock, final Ipv6Prefix extraLocator, final ForwardingState initialState)
    {
        this.initialState = initialState;
        this.bgp = config.bgp();
        this.clock = clock;
        this.writer = writer;
        this.extraLocator = extraLocator;
        if (bgp.contentServer() != null)
        {
            final ContentServerConfig cs = BgpSetup.contentServer(bgp.contentServer(), config.router().encapSource());
            this.contentServer = new ContentServerRole(cs, writer.deferred(), stamper, this);
        }
        else
        {
            this.contentServer = null;
        }
        this.asbr = bgp.asbr() == null ? null : new AsbrRole(BgpSetup.asbr(bgp.asbr()), writer.deferred(),
            writer.deferred(), stamper, this);
        if (contentServer != null)
        {
            contentServer.rib().localAs(bgp.asn());
        }
        if (asbr != null)
        {
            asbr.rib().localAs(bgp.asn());
        }
        final List<NeighborConfig> neighbors = new ArrayList<>();
        for (final BgpNeighborConfig n : bgp.neighbors())
        {
            final NeighborConfig nc = BgpSetup.neighbor(bgp, n);
            neighbors.add(nc);
            final Peer peer = new Peer(n, nc.address(), BgpSetup.announcement(config, nc.address()));
            final RibPeer ribPeer = BgpSetup.ribPeer(bgp, n, 0);
            if (BgpNeighborConfig.ROLE_EGRESS_PEER.equals(n.role()))
            {
                peer.asbrId = asbr.addEgressPeer(ribPeer);
            }
            else
            {
                if (contentServer != null)
                {
                    peer.contentServerId = contentServer.addPeer(ribPeer);
                }
                if (asbr != null)
                {
                    peer.asbrId = asbr.addIbgpPeer(ribPeer);
                }
            }
            peers.put(nc.address(), peer);
        }
        this.speaker = new BgpSpeaker(BgpSetup.listen(bgp), neighbors, clock, this);
        // every configured neighbor is shown (Idle) from the start, not only after the first round of the thread
        publishSnapshot(clock.nanoTime());
    }

    // ------------------------------------------------------------------------------------------ any thread

    /**
     * Asks the agent's thread, the forwarding state's one writer, to move the live state from one configured base
     * to another (a configuration reload), keeping what BGP installed.
     *
     * @return completed with the changes journaled, or exceptionally when the new state cannot be built
     */
    public CompletableFuture<List<StateChange>> reload(final ForwardingState oldBase, final ForwardingState newBase,
        final String cause)
    {
        final CompletableFuture<List<StateChange>> done = new CompletableFuture<>();
        commands.add(() ->
        {
            try
            {
                done.complete(writer.rebase(oldBase, newBase, cause));
            }
            catch (final RuntimeException ex)
            {
                done.completeExceptionally(ex);
            }
        });
        return done;
    }

    /** The latest snapshot; safe from any thread. */
    public BgpSnapshot snapshot()
    {
        return snapshot;
    }

    /** The listening addresses actually bound (empty until the agent started); safe from any thread. */
    public List<InetSocketAddress> boundAddresses()
    {
        return boundAddresses;
    }

    // ------------------------------------------------------------------------------------------ agent

    /**
     * Waits until {@link #onStart()} ran on the agent thread; safe from any thread.
     *
     * @return null when the speaker started, else why it did not (e.g. a listening address cannot be bound)
     */
    public String awaitStart(final long timeoutMs) throws InterruptedException
    {
        if (!started.await(timeoutMs, TimeUnit.MILLISECONDS))
        {
            return "the BGP speaker did not start within " + timeoutMs + " ms";
        }
        return startFailure;
    }

    @Override
    public void onStart()
    {
        try
        {
            if (initialState != null)
            {
                writer.publish(initialState, "config");
            }
            speaker.onStart();
        }
        catch (final RuntimeException ex)
        {
            startFailure = ex.getMessage();
            started.countDown();
            throw ex;
        }
        boundAddresses = speaker.boundAddresses();
        started.countDown();
        if (asbr != null)
        {
            if (extraLocator != null)
            {
                writer.addLocator(extraLocator, "bgp asbr locator " + extraLocator);
            }
            asbr.start();
        }
        writer.flush();
        publishSnapshot(clock.nanoTime());
        routeRowsCostNs = 0; // the first listing's cost is mostly class loading: do not let it delay the next one
    }

    @Override
    public int doWork() throws Exception
    {
        int work = 0;
        Runnable command;
        while ((command = commands.poll()) != null)
        {
            command.run();
            work++;
        }
        final int speakerWork = speaker.doWork();
        work += speakerWork;
        if (!overLimit.isEmpty())
        {
            for (final Map.Entry<InetAddress, NotificationMessage> e : overLimit.entrySet())
            {
                speaker.close(e.getKey(), e.getValue(), "max-prefix exceeded");
            }
            overLimit.clear();
            dirty = true;
        }
        // the roles' changes are published coalesced (ForwardingWriter class comment): at once when no more input
        // waits, else when the batch is old enough
        if (writer.publishIfDue(speakerWork > 0))
        {
            work++;
        }
        // the ASBR advertises only what its published forwarding state already holds
        if (asbr != null && writer.pending() == 0 && asbr.hasPendingUpdates())
        {
            final List<UpdateMessage> updates = asbr.drainUpdates(WireOptions.DEFAULT);
            for (final Peer p : peers.values())
            {
                if (p.ibgp() && p.established)
                {
                    p.queue(updates);
                }
            }
            work += updates.size();
            dirty = true;
        }
        for (final Peer p : peers.values())
        {
            work += sendQueued(p);
        }
        final long now = clock.nanoTime();
        if (((dirty || work > 0) && now - lastSnapshotNs >= MIN_SNAPSHOT_GAP_NS ||
            now - lastSnapshotNs >= TimeUnit.MILLISECONDS.toNanos(SNAPSHOT_INTERVAL_MS)) &&
            (!routesChanged ||
            now - lastRouteRowsNs >= Math.min(MAX_ROUTE_ROWS_GAP_NS, ROUTE_ROWS_COST_FACTOR * routeRowsCostNs)))
        {
            publishSnapshot(now);
        }
        return work;
    }

    /**
     * Closes every session with a Cease (RFC 4486 Administrative Shutdown) and the listening sockets, then
     * publishes (and journals) the removals the closed sessions caused.
     */
    @Override
    public void onClose()
    {
        speaker.onClose();
        writer.flush();
    }

    @Override
    public String roleName()
    {
        return "bgp";
    }

    private int sendQueued(final Peer p)
    {
        int sent = 0;
        while (!p.out.isEmpty())
        {
            if (!p.established)
            {
                p.out.clear();
                break;
            }
            if (!speaker.send(p.address, p.out.peek()))
            {
                break; // write buffer full: retry after the next doWork
            }
            p.out.poll();
            sent++;
        }
        return sent;
    }

    // ------------------------------------------------------------------------------------------ speaker events

    @Override
    public void onStateChange(final NeighborConfig neighbor, final SessionState from, final SessionState to)
    {
        dirty = true;
    }

    @Override
    public void onEstablished(final NeighborConfig neighbor, final NegotiatedSession session)
    {
        final Peer p = peers.get(neighbor.address());
        p.established = true;
        p.establishedNs = clock.nanoTime();
        p.options = session.wireOptions();
        p.families = Set.copyOf(session.families());
        final RibPeer ribPeer = BgpSetup.ribPeer(bgp, p.config, session.peerBgpId());
        if (p.contentServerId >= 0)
        {
            contentServer.rib().updatePeer(p.contentServerId, ribPeer);
            contentServer.rib().negotiated(p.contentServerId, session.families());
        }
        if (p.asbrId >= 0)
        {
            asbr.rib().updatePeer(p.asbrId, ribPeer);
            asbr.rib().negotiated(p.asbrId, session.families());
        }
        if (asbr != null && p.ibgp())
        {
            p.out.clear();
            p.queue(asbr.adjRibOut(p.options));
        }
        else if (asbr != null && !p.ibgp())
        {
            p.out.clear();
            p.queue(p.announce.updates(bgp.asn(), p.options));
        }
        dirty = true;
    }

    @Override
    public void onSessionDown(final NeighborConfig neighbor, final String reason)
    {
        routesChanged = true;
        final Peer p = peers.get(neighbor.address());
        p.established = false;
        p.out.clear();
        if (p.contentServerId >= 0)
        {
            contentServer.onSessionDown(p.contentServerId, reason);
        }
        if (p.asbrId >= 0)
        {
            asbr.onSessionDown(p.asbrId, reason);
        }
        dirty = true;
    }

    @Override
    public void onUpdate(final NeighborConfig neighbor, final UpdateMessage update, final ValidationResult result)
    {
        routesChanged = true;
        final Peer p = peers.get(neighbor.address());
        if (p.contentServerId >= 0)
        {
            contentServer.onUpdate(p.contentServerId, update, result);
        }
        else if (p.asbrId >= 0)
        {
            asbr.onUpdate(p.asbrId, update, result);
        }
        dirty = true;
    }

    @Override
    public void onRouteRefresh(final NeighborConfig neighbor, final RouteRefreshMessage message)
    {
        final Peer p = peers.get(neighbor.address());
        if (asbr != null && p.ibgp() && p.established)
        {
            p.queue(asbr.adjRibOut(p.options));
        }
        else if (asbr != null && !p.ibgp() && p.established)
        {
            p.queue(p.announce.updates(bgp.asn(), p.options));
        }
    }

    @Override
    public void onMaxPrefixExceeded(final RibPeer peer, final int count, final int limit,
        final NotificationMessage notification)
    {
        // closed with the RIB's NOTIFICATION (Cease / Maximum Number of Prefixes Reached, RFC 4486) after this
        // doWork round, outside the speaker's callback
        overLimit.putIfAbsent(BgpSetup.address(peer.name()), notification);
    }

    // ------------------------------------------------------------------------------------------ snapshot

    private void publishSnapshot(final long now)
    {
        final List<BgpSnapshot.Neighbor> rows = new ArrayList<>();
        final boolean rebuildRoutes = routesChanged;
        final List<BgpSnapshot.Route> vpn = rebuildRoutes ? new ArrayList<>() : null;
        final List<BgpSnapshot.Route> unicast = rebuildRoutes ? new ArrayList<>() : null;
        for (final Peer p : peers.values())
        {
            long in = 0;
            long out = 0;
            for (final MessageType t : MessageType.values())
            {
                in += speaker.received(p.address, t);
                out += speaker.sent(p.address, t);
            }
            final Rib rib = p.contentServerId >= 0 ? contentServer.rib() : asbr.rib();
            final int id = p.contentServerId >= 0 ? p.contentServerId : p.asbrId;
            final SessionState state = speaker.state(p.address);
            final NegotiatedSession negotiated = speaker.negotiated(p.address);
            final AddressFamily used = p.ibgp() ? AddressFamily.VPN_IPV6 : AddressFamily.IPV6_UNICAST;
            rows.add(new BgpSnapshot.Neighbor(BgpSetup.text(p.address), p.config.port(), p.config.remoteAs(),
                p.config.role(), state.toString(),
                state == SessionState.ESTABLISHED ? TimeUnit.NANOSECONDS.toMillis(now - p.establishedNs) : -1,
                in, out, speaker.received(p.address, MessageType.UPDATE), speaker.sent(p.address, MessageType.UPDATE),
                rib.routeCount(id), rib.routeCount(id, used),
                advertised(p), p.out.size(),
                negotiated == null ? -1 : negotiated.holdTimeMs() / 1000,
                negotiated == null ? List.of() : negotiated.families().stream().map(BgpSetup::familyName).toList(),
                negotiated == null ? null : Ipv4Address.format(negotiated.peerBgpId()), speaker.lastError(p.address)));
            if (rebuildRoutes)
            {
                final String name = BgpSetup.text(p.address);
                rib.forEachRoute(id, AddressFamily.VPN_IPV6, (rd, hi, lo, length, label, a) ->
                    vpn.add(route(name, p, rd, hi, lo, length, label, a, true)), MAX_ROUTE_ROWS - vpn.size());
                rib.forEachRoute(id, AddressFamily.IPV6_UNICAST, (rd, hi, lo, length, label, a) ->
                    unicast.add(route(name, p, rd, hi, lo, length, label, a, false)), MAX_ROUTE_ROWS - unicast.size());
            }
        }
        final BgpSnapshot previous = snapshot;
        snapshot = new BgpSnapshot(bgp.asn(), bgp.routerId(), List.copyOf(rows),
            rebuildRoutes ? List.copyOf(vpn) : previous.vpnv6(), rebuildRoutes ? List.copyOf(unicast) : previous.ipv6(),
            BgpSnapshot.RibEvents.of(contentServer == null ? null : contentServer.rib(),
                asbr == null ? null : asbr.rib()), now);
        if (rebuildRoutes)
        {
            routesChanged = false;
            lastRouteRowsNs = now;
            routeRowsCostNs = clock.nanoTime() - now;
        }
        lastSnapshotNs = now;
        dirty = false;
    }

    /**
     * Routes in the Adj-RIB-Out to {@code p}, of the families negotiated with it: an ASBR's exports to an iBGP
     * neighbor, what it originates to an egress peer.
     */
    private long advertised(final Peer p)
    {
        long count = 0;
        if (asbr != null && p.ibgp() && p.established)
        {
            for (final AddressFamily f : p.families)
            {
                count += asbr.advertisedCount(f);
            }
        }
        else if (asbr != null && !p.ibgp() && p.established && p.families.contains(AddressFamily.IPV6_UNICAST))
        {
            count = p.announce.prefixes().size();
        }
        return count;
    }

    private BgpSnapshot.Route route(final String neighbor, final Peer p, final long rd, final long hi, final long lo,
        final int length, final int label, final PathAttributes a, final boolean vpn)
    {
        return new BgpSnapshot.Route(neighbor, vpn, rd, hi, lo, length, label, a,
            isBest(p, rd, hi, lo, length, a, vpn));
    }

    private boolean isBest(final Peer p, final long rd, final long hi, final long lo, final int length,
        final PathAttributes a, final boolean vpn)
    {
        if (p.contentServerId >= 0)
        {
            if (!vpn)
            {
                final Candidate c = contentServer.bestUnicast(Ipv6Prefix.of(hi, lo, length));
                return c != null && c.peer() == p.contentServerId;
            }
            return contentServer.isBest(p.contentServerId, rd, hi, lo, length, a);
        }
        return !p.ibgp(); // an egress peer's routes are the only ones of its own VRF
    }

    /** One configured neighbor and what the bridge keeps for it. */
    private static final class Peer
    {
        private final BgpNeighborConfig config;
        private final InetAddress address;
        private final ArrayDeque<UpdateMessage> out = new ArrayDeque<>();
        private int contentServerId = -1;
        private int asbrId = -1;
        private boolean established;
        private long establishedNs;
        private WireOptions options = WireOptions.DEFAULT;
        /** The address families negotiated with it (RFC 4760 8): only UPDATEs of those are sent. */
        private Set<AddressFamily> families = Set.of();

        /** What an ASBR originates to it when it is an egress peer. */
        private final EgressAnnouncement announce;

        private Peer(final BgpNeighborConfig config, final InetAddress address, final EgressAnnouncement announce)
        {
            this.config = config;
            this.address = address;
            this.announce = announce;
        }

        /** Queues the UPDATEs whose every address family was negotiated with this neighbor. */
        private void queue(final List<UpdateMessage> updates)
        {
            for (final UpdateMessage u : updates)
            {
                if (families.containsAll(u.families()))
                {
                    out.add(u);
                }
            }
        }

        private boolean ibgp()
        {
            return BgpNeighborConfig.ROLE_IBGP.equals(config.role());
        }
    }
}
