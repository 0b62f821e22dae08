package net.srv6epe.dataplane.neighbor;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;
import org.jctools.queues.MpmcArrayQueue;
import org.jctools.queues.MpscArrayQueue;

import net.srv6epe.dataplane.port.MacAddress;
import net.srv6epe.srv6.DropReason;

/**
 * Resolves and answers for the forwarder's neighbors: ARP (RFC 826) and IPv6 Neighbor Discovery (RFC 4861).
 *
 * <p>Owns the {@link NeighborTable}: it is the only writer, and republishes a snapshot when entries change. It
 * drains the frames workers hand it through its {@link NeighborProxy} (ARP / NS / NA from the wire, frames with an
 * unresolved next hop), answers ARP requests and NS for our own addresses, learns from replies, advertisements and
 * solicitations, resolves next hops (3 requests 1 s apart, then FAILED), holds a few frames per unresolved next
 * hop and releases them once resolved, and ages entries. Frames it produces go to one output queue per port that
 * workers drain with {@link NeighborProxy#drainOutput}.
 *
 * <p>Configuration ({@link #configurePort}, {@link #addAddress}, {@link #addStatic}) happens before the agent runs
 * or on its own thread. The agent allocates only when it learns or forgets a neighbor.
 */
public final class NeighborAgent implements Agent
{
    private static final int MAX_ADDRESSES = 16;
    private static final int REQUEST_LIMIT = 64;
    private static final long LINK_LOCAL_HI = 0xFE80_0000_0000_0000L;

    private final NanoClock clock;
    private final NeighborTable table;
    private final NeighborSettings settings;
    private final NeighborCounters counters = new NeighborCounters();
    private final MpmcArrayQueue<FrameSlot> pool;
    private final MpscArrayQueue<FrameSlot> punts;
    private final MpscArrayQueue<FrameSlot> unresolved;
    private final MpmcArrayQueue<FrameSlot>[] outputs;
    private final NeighborProxy proxy;
    private final Map<NeighborKey, NeighborEntry> entries = new HashMap<>();
    private final NeighborKey probeKey = new NeighborKey();
    private final ArpPacket arp = new ArpPacket();
    private final NdpPacket ndp = new NdpPacket();

    private final long[] portMacs;
    private final long[][] ipv6Hi;
    private final long[][] ipv6Lo;
    private final int[] ipv6Count;
    private final int[][] ipv4;
    private final int[] ipv4Count;

    private long nextTimerNs;
    private boolean dirty;

    /**
     * @param clock nanosecond clock (tests pass a hand-advanced one).
     * @param table the table this agent writes and workers read.
     * @param settings timers and sizes.
     * @param portCount ports are numbered {@code 0 .. portCount - 1}.
     */
    @SuppressWarnings("unchecked")
    public NeighborAgent(
        final NanoClock clock, final NeighborTable table, final NeighborSettings settings, final int portCount)
    {
        this.clock = clock;
        this.nextTimerNs = clock.nanoTime();
        this.table = table;
        this.settings = settings;
        this.pool = new MpmcArrayQueue<>(Math.max(2, settings.poolFrames()));
        for (int i = 0; i < settings.poolFrames(); i++)
        {
            pool.offer(new FrameSlot(settings.frameCapacity()));
        }
        this.punts = new MpscArrayQueue<>(Math.max(2, settings.requestQueueCapacity()));
        this.unresolved = new MpscArrayQueue<>(Math.max(2, settings.requestQueueCapacity()));
        this.outputs = new MpmcArrayQueue[portCount];
        for (int i = 0; i < portCount; i++)
        {
            outputs[i] = new MpmcArrayQueue<>(Math.max(2, settings.outputQueueCapacity()));
        }
        this.proxy = new NeighborProxy(pool, punts, unresolved, outputs, counters, settings.frameCapacity());
        this.portMacs = new long[portCount];
        Arrays.fill(portMacs, NeighborTable.MISS);
        this.ipv6Hi = new long[portCount][MAX_ADDRESSES];
        this.ipv6Lo = new long[portCount][MAX_ADDRESSES];
        this.ipv6Count = new int[portCount];
        this.ipv4 = new int[portCount][MAX_ADDRESSES];
        this.ipv4Count = new int[portCount];
    }

    /** Sets our MAC on a port: the source of every frame we emit there, and what we answer with. */
    public void configurePort(final int portIndex, final long mac)
    {
        portMacs[portIndex] = mac;
    }

    /** Adds one of our IPv6 addresses on a port: we answer NS for it and use it as the source of our NS. */
    public void addAddress(final int portIndex, final long hi, final long lo)
    {
        if (ipv6Count[portIndex] == MAX_ADDRESSES)
        {
            throw new IllegalStateException("port " + portIndex + ": more than " + MAX_ADDRESSES + " IPv6 addresses");
        }
        ipv6Hi[portIndex][ipv6Count[portIndex]] = hi;
        ipv6Lo[portIndex][ipv6Count[portIndex]++] = lo;
    }

    /** Adds one of our IPv4 addresses on a port: we answer ARP for it and use it as the sender of our requests. */
    public void addAddress(final int portIndex, final int address)
    {
        if (ipv4Count[portIndex] == MAX_ADDRESSES)
        {
            throw new IllegalStateException("port " + portIndex + ": more than " + MAX_ADDRESSES + " IPv4 addresses");
        }
        ipv4[portIndex][ipv4Count[portIndex]++] = address;
    }

    /** A configured IPv6 neighbor: never aged, never overwritten from the wire. Published at once. */
    public void addStatic(final int portIndex, final long hi, final long lo, final long mac)
    {
        putStatic(portIndex, NeighborSnapshot.FAMILY_IPV6, hi, lo, mac);
    }

    /** A configured IPv4 neighbor. Published at once. */
    public void addStatic(final int portIndex, final int address, final long mac)
    {
        putStatic(portIndex, NeighborSnapshot.FAMILY_IPV4, 0, address & 0xFFFF_FFFFL, mac);
    }

    private void putStatic(final int portIndex, final int family, final long hi, final long lo, final long mac)
    {
        final NeighborEntry entry = entry(portIndex, family, hi, lo, true);
        entry.mac = mac;
        entry.state = NeighborState.STATIC;
        entry.stateSinceNs = clock.nanoTime();
        entry.probing = false;
        publish();
    }

    /** The proxy workers use to reach this agent. */
    public NeighborProxy proxy()
    {
        return proxy;
    }

    /** The table this agent writes. */
    public NeighborTable table()
    {
        return table;
    }

    /** This agent's counters. */
    public NeighborCounters counters()
    {
        return counters;
    }

    @Override
    public String roleName()
    {
        return "neighbor";
    }

    @Override
    public int doWork()
    {
        final long nowNs = clock.nanoTime();
        int work = 0;
        FrameSlot slot;
        // Answers first: the punted ARP/NDP frames.
        while (work < REQUEST_LIMIT && (slot = punts.poll()) != null)
        {
            work++;
            onPunt(slot, nowNs);
            pool.offer(slot);
        }
        for (int i = 0; i < REQUEST_LIMIT && (slot = unresolved.poll()) != null; i++)
        {
            work++;
            onUnresolved(slot, nowNs);
        }
        if (nowNs - nextTimerNs >= 0)
        {
            nextTimerNs = nowNs + settings.timerTickNs();
            work += runTimers(nowNs);
        }
        if (dirty)
        {
            publish();
            work++;
        }
        return work;
    }

    @Override
    public void onClose()
    {
        for (final NeighborEntry entry : entries.values())
        {
            for (int i = 0; i < entry.heldCount; i++)
            {
                pool.offer(entry.held[i]);
            }
            entry.heldCount = 0;
        }
    }

    // --- frames from workers -------------------------------------------------------------------------------

    private void onUnresolved(final FrameSlot slot, final long nowNs)
    {
        final int port = slot.portIndex;
        if (port < 0 || port >= portMacs.length || portMacs[port] == NeighborTable.MISS)
        {
            dropSlot(slot, DropReason.NEIGHBOR_FAILED);
            return;
        }
        final NeighborEntry entry = entry(port, slot.family, slot.nextHopHi, slot.nextHopLo, true);
        if (entry.state != null && entry.state.usable())
        {
            release(entry, slot); // the worker looked at an older snapshot
            return;
        }
        if (entry.state == NeighborState.INCOMPLETE)
        {
            hold(entry, slot);
            return;
        }
        // New, or FAILED: resolve (again).
        if (!hasSourceAddress(port, entry.family))
        {
            counters.increment(NeighborCounter.NO_SOURCE_ADDRESS);
            setState(entry, NeighborState.FAILED, nowNs);
            dropSlot(slot, DropReason.NEIGHBOR_FAILED);
            return;
        }
        setState(entry, NeighborState.INCOMPLETE, nowNs);
        entry.mac = NeighborTable.MISS;
        hold(entry, slot);
        sendProbe(entry, false, nowNs);
    }

    private void hold(final NeighborEntry entry, final FrameSlot slot)
    {
        if (entry.heldCount == entry.held.length)
        {
            dropSlot(slot, DropReason.NEIGHBOR_UNRESOLVED);
            return;
        }
        entry.held[entry.heldCount++] = slot;
        counters.increment(NeighborCounter.HELD);
    }

    private void onPunt(final FrameSlot slot, final long nowNs)
    {
        final int port = slot.portIndex;
        if (port < 0 || port >= portMacs.length || portMacs[port] == NeighborTable.MISS)
        {
            counters.increment(NeighborCounter.IGNORED);
            return;
        }
        final long ethDestination = MacAddress.get(slot.buffer, 0);
        if (ethDestination != portMacs[port] && !MacAddress.isGroup(ethDestination))
        {
            counters.increment(NeighborCounter.IGNORED); // promiscuous capture: not for us
            return;
        }
        switch (NeighborFrames.classify(slot.buffer, 0, slot.length))
        {
            case NeighborFrames.ARP:
                onArp(port, slot, nowNs);
                break;
            case NeighborFrames.NEIGHBOR_SOLICITATION:
            case NeighborFrames.NEIGHBOR_ADVERTISEMENT:
                onNdp(port, slot, nowNs);
                break;
            default:
                counters.increment(NeighborCounter.IGNORED);
        }
    }

    // --- ARP (RFC 826) -------------------------------------------------------------------------------------

    private void onArp(final int port, final FrameSlot slot, final long nowNs)
    {
        if (!arp.wrap(slot.buffer, 0, slot.length))
        {
            counters.increment(NeighborCounter.ARP_MALFORMED);
            return;
        }
        final boolean request = arp.operation() == ArpPacket.OP_REQUEST;
        counters.increment(request ? NeighborCounter.ARP_REQUESTS_RECEIVED : NeighborCounter.ARP_REPLIES_RECEIVED);
        final int senderIp = arp.senderIp();
        final long senderMac = arp.senderMac();
        final int targetIp = arp.targetIp();
        final boolean forUs = isOurIpv4(port, targetIp);
        if (senderIp != 0 && !MacAddress.isGroup(senderMac) && !isOurIpv4(port, senderIp))
        {
            // RFC 826: merge the sender into an existing entry; add it if the packet is for us.
            final NeighborEntry entry = entry(port, NeighborSnapshot.FAMILY_IPV4, 0, senderIp & 0xFFFF_FFFFL, forUs);
            if (entry != null)
            {
                learn(entry, senderMac, !request && forUs, true, nowNs);
            }
        }
        if (request && forUs)
        {
            final FrameSlot reply = pool.poll();
            if (reply == null)
            {
                counters.increment(NeighborCounter.POOL_EMPTY);
                return;
            }
            reply.length = ArpPacket.encode(
                reply.buffer, 0, senderMac, portMacs[port], ArpPacket.OP_REPLY, portMacs[port], targetIp, senderMac,
                senderIp);
            emit(port, reply);
            counters.increment(NeighborCounter.ARP_REPLIES_SENT);
        }
    }

    // --- NDP (RFC 4861) ------------------------------------------------------------------------------------

    private void onNdp(final int port, final FrameSlot slot, final long nowNs)
    {
        final int result = ndp.wrap(slot.buffer, 0, slot.length);
        switch (result)
        {
            case NdpPacket.VALID:
                break;
            case NdpPacket.BAD_HOP_LIMIT:
                counters.increment(NeighborCounter.NDP_BAD_HOP_LIMIT);
                return;
            case NdpPacket.BAD_CHECKSUM:
                counters.increment(NeighborCounter.NDP_BAD_CHECKSUM);
                return;
            case NdpPacket.MALFORMED:
                counters.increment(NeighborCounter.NDP_MALFORMED);
                return;
            default:
                counters.increment(NeighborCounter.IGNORED);
                return;
        }
        if (ndp.type() == NdpPacket.TYPE_NEIGHBOR_SOLICITATION)
        {
            onSolicitation(port, nowNs);
        }
        else
        {
            onAdvertisement(port, nowNs);
        }
    }

    private void onSolicitation(final int port, final long nowNs)
    {
        counters.increment(NeighborCounter.NS_RECEIVED);
        final long targetHi = ndp.targetHi();
        final long targetLo = ndp.targetLo();
        // RFC 4861 7.2.3: a target that is not our address is silently discarded.
        if (!isOurIpv6(port, targetHi, targetLo))
        {
            counters.increment(NeighborCounter.IGNORED);
            return;
        }
        final long sourceHi = ndp.sourceHi();
        final long sourceLo = ndp.sourceLo();
        final boolean dad = sourceHi == 0 && sourceLo == 0;
        final long sourceLla = ndp.linkLayerAddress();
        if (!dad && sourceLla != NeighborTable.MISS && !MacAddress.isGroup(sourceLla))
        {
            // RFC 4861 7.2.3: create or update the source's entry; a new or changed address makes it STALE.
            learn(entry(port, NeighborSnapshot.FAMILY_IPV6, sourceHi, sourceLo, true), sourceLla, false, true, nowNs);
        }
        final FrameSlot reply = pool.poll();
        if (reply == null)
        {
            counters.increment(NeighborCounter.POOL_EMPTY);
            return;
        }
        final long ourMac = portMacs[port];
        if (dad)
        {
            // RFC 4861 7.2.4: to all-nodes, Solicited flag clear.
            reply.length = NdpPacket.encodeAdvertisement(
                reply.buffer, 0, NdpPacket.multicastMac(NdpPacket.allNodesLo()), ourMac, targetHi, targetLo,
                NdpPacket.allNodesHi(), NdpPacket.allNodesLo(), NdpPacket.FLAG_ROUTER | NdpPacket.FLAG_OVERRIDE,
                targetHi, targetLo);
        }
        else
        {
            final long destinationMac = sourceLla != NeighborTable.MISS ? sourceLla : ndp.ethSource();
            reply.length = NdpPacket.encodeAdvertisement(
                reply.buffer, 0, destinationMac, ourMac, targetHi, targetLo, sourceHi, sourceLo,
                NdpPacket.FLAG_ROUTER | NdpPacket.FLAG_SOLICITED | NdpPacket.FLAG_OVERRIDE, targetHi, targetLo);
        }
        emit(port, reply);
        counters.increment(NeighborCounter.NA_SENT);
    }

    private void onAdvertisement(final int port, final long nowNs)
    {
        counters.increment(NeighborCounter.NA_RECEIVED);
        // RFC 4861 7.2.5: no entry for the target -> silently discard.
        final NeighborEntry entry = entry(port, NeighborSnapshot.FAMILY_IPV6, ndp.targetHi(), ndp.targetLo(), false);
        final long targetLla = ndp.linkLayerAddress();
        if (entry == null || MacAddress.isGroup(targetLla))
        {
            counters.increment(NeighborCounter.IGNORED);
            return;
        }
        final boolean solicited = (ndp.flags() & NdpPacket.FLAG_SOLICITED) != 0;
        final boolean override = (ndp.flags() & NdpPacket.FLAG_OVERRIDE) != 0;
        if (entry.state == NeighborState.INCOMPLETE || entry.state == NeighborState.FAILED)
        {
            if (targetLla == NeighborTable.MISS)
            {
                counters.increment(NeighborCounter.IGNORED);
                return;
            }
            learn(entry, targetLla, solicited, true, nowNs);
            return;
        }
        final long mac = targetLla == NeighborTable.MISS ? entry.mac : targetLla;
        if (mac != entry.mac && !override)
        {
            // A different address without Override: keep ours, but it is no longer confirmed.
            if (entry.state == NeighborState.REACHABLE)
            {
                setState(entry, NeighborState.STALE, nowNs);
            }
            return;
        }
        learn(entry, mac, solicited, override, nowNs);
    }

    // --- entries and timers ------------------------------------------------------------------------------

    /**
     * Records what the wire says about a neighbor. A confirmation (solicited answer) makes it REACHABLE, a new or
     * changed address otherwise makes it STALE; an INCOMPLETE entry releases its held frames.
     */
    private void learn(
        final NeighborEntry entry, final long mac, final boolean confirmed, final boolean override, final long nowNs)
    {
        if (entry.state == NeighborState.STATIC)
        {
            return;
        }
        final boolean wasResolving = entry.state == null || entry.state == NeighborState.INCOMPLETE ||
            entry.state == NeighborState.FAILED;
        final boolean wasIncomplete = entry.state == NeighborState.INCOMPLETE;
        final boolean changed = entry.mac != mac;
        if (changed && !override && !wasResolving)
        {
            return;
        }
        entry.mac = mac;
        if (confirmed)
        {
            setState(entry, NeighborState.REACHABLE, nowNs);
            entry.confirmedNs = nowNs;
        }
        else if (changed || wasResolving)
        {
            setState(entry, NeighborState.STALE, nowNs);
        }
        if (wasResolving)
        {
            if (wasIncomplete)
            {
                counters.increment(NeighborCounter.RESOLVED);
            }
            for (int i = 0; i < entry.heldCount; i++)
            {
                final FrameSlot held = entry.held[i];
                entry.held[i] = null;
                release(entry, held);
            }
            entry.heldCount = 0;
        }
        dirty = true;
    }

    private void setState(final NeighborEntry entry, final NeighborState state, final long nowNs)
    {
        entry.state = state;
        entry.stateSinceNs = nowNs;
        entry.probing = false;
        entry.probesSent = 0;
        dirty = true;
    }

    private int runTimers(final long nowNs)
    {
        harvestUseMarks(nowNs);
        int work = 0;
        final Iterator<NeighborEntry> it = entries.values().iterator();
        while (it.hasNext())
        {
            final NeighborEntry entry = it.next();
            final NeighborState state = entry.state;
            if (state == NeighborState.INCOMPLETE || (state == NeighborState.STALE && entry.probing))
            {
                if (nowNs - entry.nextProbeNs >= 0)
                {
                    work++;
                    if (entry.probesSent >= settings.maxProbes())
                    {
                        fail(entry, nowNs);
                    }
                    else
                    {
                        sendProbe(entry, state == NeighborState.STALE, nowNs);
                    }
                }
            }
            else if (state == NeighborState.REACHABLE)
            {
                if (nowNs - entry.confirmedNs >= settings.reachableTimeNs())
                {
                    setState(entry, NeighborState.STALE, nowNs);
                    work++;
                }
            }
            else if (state == NeighborState.STALE)
            {
                if (entry.lastUsedNs - entry.stateSinceNs > 0)
                {
                    // Used since it went stale: verify it (RFC 4861 7.3.3 DELAY/PROBE, without the delay).
                    sendProbe(entry, true, nowNs);
                    work++;
                }
                else if (nowNs - Math.max(entry.stateSinceNs, entry.lastUsedNs) >= settings.staleGcNs())
                {
                    remove(it);
                    work++;
                }
            }
            else if (state == NeighborState.FAILED)
            {
                if (nowNs - entry.stateSinceNs >= settings.failedGcNs())
                {
                    remove(it);
                    work++;
                }
            }
        }
        return work;
    }

    private void remove(final Iterator<NeighborEntry> it)
    {
        it.remove();
        counters.increment(NeighborCounter.AGED_OUT);
        dirty = true;
    }

    private void fail(final NeighborEntry entry, final long nowNs)
    {
        setState(entry, NeighborState.FAILED, nowNs);
        entry.mac = NeighborTable.MISS;
        counters.increment(NeighborCounter.FAILED);
        for (int i = 0; i < entry.heldCount; i++)
        {
            dropSlot(entry.held[i], DropReason.NEIGHBOR_FAILED);
            entry.held[i] = null;
        }
        entry.heldCount = 0;
    }

    private void harvestUseMarks(final long nowNs)
    {
        final NeighborSnapshot snapshot = table.current();
        final byte[] used = snapshot.used;
        for (final NeighborEntry entry : entries.values())
        {
            final int slot = entry.slot;
            if (slot >= 0 && slot < used.length && used[slot] != 0)
            {
                used[slot] = 0;
                entry.lastUsedNs = nowNs;
            }
        }
    }

    private void publish()
    {
        // Keep the use marks workers left in the outgoing snapshot (entry slots still point into it).
        harvestUseMarks(clock.nanoTime());
        final NeighborSnapshot next = new NeighborSnapshot(entries.size());
        for (final NeighborEntry entry : entries.values())
        {
            entry.slot = next.put(
                NeighborSnapshot.portFamily(entry.portIndex, entry.family), entry.hi, entry.lo, entry.mac,
                entry.state);
        }
        table.publish(next);
        dirty = false;
    }

    private NeighborEntry entry(
        final int port, final int family, final long hi, final long lo, final boolean create)
    {
        final NeighborEntry existing = entries.get(probeKey.set(port, family, hi, lo));
        if (existing != null || !create)
        {
            return existing;
        }
        final NeighborEntry entry = new NeighborEntry(port, family, hi, lo, settings.holdFrames());
        entries.put(probeKey.copy(), entry);
        dirty = true;
        return entry;
    }

    // --- frames we emit ------------------------------------------------------------------------------------

    /** Sends a request (multicast/broadcast) or, for a STALE entry, a unicast probe; schedules the next one. */
    private void sendProbe(final NeighborEntry entry, final boolean unicast, final long nowNs)
    {
        entry.probing = true;
        entry.probesSent++;
        entry.nextProbeNs = nowNs + settings.retransTimeNs();
        final int port = entry.portIndex;
        final FrameSlot slot = pool.poll();
        if (slot == null)
        {
            counters.increment(NeighborCounter.POOL_EMPTY);
            return;
        }
        final long ourMac = portMacs[port];
        if (entry.family == NeighborSnapshot.FAMILY_IPV4)
        {
            final int target = (int)entry.lo;
            slot.length = ArpPacket.encode(
                slot.buffer, 0, unicast ? entry.mac : MacAddress.BROADCAST, ourMac, ArpPacket.OP_REQUEST, ourMac,
                sourceIpv4(port, target), 0, target);
            counters.increment(NeighborCounter.ARP_REQUESTS_SENT);
        }
        else
        {
            final int source = sourceIpv6(port, entry.hi);
            final long destinationHi = unicast ? entry.hi : NdpPacket.solicitedNodeHi();
            final long destinationLo = unicast ? entry.lo : NdpPacket.solicitedNodeLo(entry.lo);
            slot.length = NdpPacket.encodeSolicitation(
                slot.buffer, 0, unicast ? entry.mac : NdpPacket.multicastMac(destinationLo), ourMac,
                ipv6Hi[port][source], ipv6Lo[port][source], destinationHi, destinationLo, entry.hi, entry.lo);
            counters.increment(NeighborCounter.NS_SENT);
        }
        emit(port, slot);
    }

    private void release(final NeighborEntry entry, final FrameSlot slot)
    {
        MacAddress.put(slot.buffer, 0, entry.mac);
        MacAddress.put(slot.buffer, 6, portMacs[entry.portIndex]);
        emit(entry.portIndex, slot);
        counters.increment(NeighborCounter.RELEASED);
    }

    private void emit(final int port, final FrameSlot slot)
    {
        slot.kind = FrameSlot.EMITTED;
        slot.portIndex = port;
        if (!outputs[port].offer(slot))
        {
            dropSlot(slot, DropReason.TX_FULL);
        }
    }

    private void dropSlot(final FrameSlot slot, final DropReason reason)
    {
        counters.drop(reason);
        pool.offer(slot);
    }

    // --- our addresses -------------------------------------------------------------------------------------

    private boolean hasSourceAddress(final int port, final int family)
    {
        return family == NeighborSnapshot.FAMILY_IPV4 ? ipv4Count[port] > 0 : ipv6Count[port] > 0;
    }

    private boolean isOurIpv4(final int port, final int address)
    {
        final int[] ours = ipv4[port];
        for (int i = 0, n = ipv4Count[port]; i < n; i++)
        {
            if (ours[i] == address)
            {
                return true;
            }
        }
        return false;
    }

    private boolean isOurIpv6(final int port, final long hi, final long lo)
    {
        for (int i = 0, n = ipv6Count[port]; i < n; i++)
        {
            if (ipv6Hi[port][i] == hi && ipv6Lo[port][i] == lo)
            {
                return true;
            }
        }
        return false;
    }

    /** Index of our address to solicit from: one in the target's /64, else a link-local one, else the first. */
    private int sourceIpv6(final int port, final long targetHi)
    {
        int linkLocal = -1;
        for (int i = 0, n = ipv6Count[port]; i < n; i++)
        {
            if (ipv6Hi[port][i] == targetHi)
            {
                return i;
            }
            if (linkLocal < 0 && (ipv6Hi[port][i] & 0xFFC0_0000_0000_0000L) == LINK_LOCAL_HI)
            {
                linkLocal = i;
            }
        }
        return linkLocal >= 0 ? linkLocal : 0;
    }

    /** Our IPv4 address in the target's /24 if any, else the first. */
    private int sourceIpv4(final int port, final int target)
    {
        for (int i = 0, n = ipv4Count[port]; i < n; i++)
        {
            if (((ipv4[port][i] ^ target) & 0xFFFF_FF00) == 0)
            {
                return ipv4[port][i];
            }
        }
        return ipv4[port][0];
    }
}
