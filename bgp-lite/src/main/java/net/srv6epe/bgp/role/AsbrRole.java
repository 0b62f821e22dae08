package net.srv6epe.bgp.role;

import net.srv6epe.bgp.event.Cause;
import net.srv6epe.bgp.event.EventStamper;
import net.srv6epe.bgp.event.RouteEvent;
import net.srv6epe.bgp.rib.MaxPrefixListener;
import net.srv6epe.bgp.rib.PathAttributes;
import net.srv6epe.bgp.rib.Rib;
import net.srv6epe.bgp.rib.RibListener;
import net.srv6epe.bgp.rib.RibPeer;
import net.srv6epe.bgp.rib.RouteTable;
import net.srv6epe.bgp.wire.WireOptions;
import net.srv6epe.bgp.wire.attribute.AsPath;
import net.srv6epe.bgp.wire.attribute.AttributeType;
import net.srv6epe.bgp.wire.attribute.ExtendedCommunities;
import net.srv6epe.bgp.wire.attribute.LocalPref;
import net.srv6epe.bgp.wire.attribute.Origin;
import net.srv6epe.bgp.wire.attribute.PathAttribute;
import net.srv6epe.bgp.wire.error.ValidationResult;
import net.srv6epe.bgp.wire.message.UpdateMessage;
import net.srv6epe.bgp.wire.nlri.AddressFamily;
import net.srv6epe.bgp.wire.nlri.Ipv6Prefix;
import net.srv6epe.bgp.wire.nlri.MplsLabel;
import net.srv6epe.bgp.wire.nlri.Nlri;
import net.srv6epe.bgp.wire.nlri.VpnIpv6Prefix;
import net.srv6epe.bgp.wire.prefixsid.PrefixSid;
import net.srv6epe.bgp.wire.prefixsid.SidTransposition;
import net.srv6epe.bgp.wire.prefixsid.Srv6Sid;
import net.srv6epe.bgp.wire.prefixsid.Srv6SidInformation;
import net.srv6epe.bgp.wire.prefixsid.Srv6SidStructure;
import net.srv6epe.bgp.wire.prefixsid.TransposedSid;
import net.srv6epe.srv6.Behavior;
import net.srv6epe.srv6.Ipv6Address;
import net.srv6epe.vrf.route.RouteAction;
import net.srv6epe.vrf.sid.LocalSid;
import net.srv6epe.vrf.sink.RouteSink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The ASBR role of the paper's EPE provisioning: routes learned over eBGP IPv6 unicast from each egress peer land
 * in that peer's own VRF (forwarded via the peer's configured next hop and port); one SID per peer VRF is
 * allocated from the locator (End.DT6, End.DT46, or End.DX6 to the peer) and handed to the {@link LocalSidSink};
 * the peer's routes are exported to iBGP neighbors as VPNv6 routes (RFC 4659) with the VRF's RD and export route
 * targets and the SRv6 L3 Service TLV (RFC 9252 2, 3.1, 3.2.1; transposed per RFC 9252 4 or not), next hop our
 * data-plane address in the 24-octet form with a zero RD (RFC 4659 3.2.1.1); the locator is announced as a plain
 * IPv6 unicast route. A peer's withdrawal or session loss withdraws the VPNv6 routes in the next
 * {@link #drainUpdates} batch.
 *
 * <p>The wiring sends {@link #drainUpdates} to every Established iBGP neighbor after each input, and
 * {@link #adjRibOut} to a neighbor that just reached Established or asked for a route refresh (RFC 2918 4).
 * Owns its {@link Rib}. Used from the speaker thread only.
 */
public final class AsbrRole implements RibListener
{
    /** RFC 3032 implicit null: the label of a VPN route whose SID is not transposed (RFC 9252 4). */
    public static final int IMPLICIT_NULL = 3;
    /** LOCAL_PREF of the exported routes (RFC 4271 5.1.5). */
    public static final int EXPORT_LOCAL_PREF = 100;

    private final AsbrConfig config;
    private final RouteSink sink;
    private final LocalSidSink sidSink;
    private final EventStamper stamper;
    private final Rib rib;
    private final PeerVrf[] vrfs;
    private final Map<Integer, PeerVrf> byPeer = new HashMap<>();
    private final Map<ExportKey, List<PathAttribute>> exportAttributes = new HashMap<>();
    private final byte[] vpnNextHop;
    private final byte[] unicastNextHop;
    private boolean started;
    private boolean locatorPending;
    private long ignoredChanges;

    /**
     * @param sink              where the egress peers' routes go (their VRFs)
     * @param sidSink           where the allocated SIDs go
     * @param stamper           clocks and the route-event listener
     * @param maxPrefixListener told about max-prefix events, or null
     */
    public AsbrRole(final AsbrConfig config, final RouteSink sink, final LocalSidSink sidSink,
        final EventStamper stamper, final MaxPrefixListener maxPrefixListener)
    {
        this.config = Objects.requireNonNull(config, "config");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.sidSink = Objects.requireNonNull(sidSink, "sidSink");
        this.stamper = Objects.requireNonNull(stamper, "stamper");
        this.rib = new Rib(this, maxPrefixListener);
        this.vrfs = new PeerVrf[config.peers().size()];
        long nextFunction = 1;
        for (int i = 0; i < vrfs.length; i++)
        {
            final EgressPeer p = config.peers().get(i);
            long function = p.function();
            if (function == 0)
            {
                while (isTaken(nextFunction))
                {
                    nextFunction++;
                }
                function = nextFunction++;
            }
            vrfs[i] = new PeerVrf(p, config.locator().sid(function), config.locator(), config.transposition());
        }
        this.unicastNextHop = Ipv6Address.toBytes(config.dataplaneHi(), config.dataplaneLo());
        this.vpnNextHop = new byte[24];
        System.arraycopy(unicastNextHop, 0, vpnNextHop, 8, 16);
    }

    private boolean isTaken(final long function)
    {
        for (final EgressPeer p : config.peers())
        {
            if (p.function() == function)
            {
                return true;
            }
        }
        return false;
    }

    /** The RIB holding the neighbors' routes. */
    public Rib rib()
    {
        return rib;
    }

    /**
     * Registers an egress peer (eBGP, IPv6 unicast) configured in {@link AsbrConfig#peers()} under the same name.
     *
     * @return its RIB id
     * @throws IllegalArgumentException when no egress peer of that name is configured
     */
    public int addEgressPeer(final RibPeer peer)
    {
        for (final PeerVrf v : vrfs)
        {
            if (v.config.peer().equals(peer.name()))
            {
                final int id = rib.addPeer(peer);
                byPeer.put(id, v);
                return id;
            }
        }
        throw new IllegalArgumentException("asbr: " + peer.name() + " is not a configured egress peer");
    }

    /** Registers an iBGP neighbor (route reflector, content server): whatever it sends is kept but not used. */
    public int addIbgpPeer(final RibPeer peer)
    {
        return rib.addPeer(peer);
    }

    /** Installs the SIDs of the peer VRFs and queues the locator announcement. Idempotent. */
    public void start()
    {
        if (started)
        {
            return;
        }
        started = true;
        for (final PeerVrf v : vrfs)
        {
            final Cause cause = Cause.configuration("asbr sid " + v.sid + " for vrf " + v.config.vrf(),
                stamper.wallMillis(), stamper.nanoTime());
            sidSink.install(v.localSid, cause.text());
            stamper.emit(RouteEvent.Kind.SID_INSTALL, v.localSid.vrfName(), v.localSid.sidText(),
                v.localSid.toString(), cause);
        }
        locatorPending = true;
    }

    /** Removes the SIDs (role shut down). */
    public void stop()
    {
        if (!started)
        {
            return;
        }
        started = false;
        for (final PeerVrf v : vrfs)
        {
            final Cause cause = Cause.configuration("asbr stop", stamper.wallMillis(), stamper.nanoTime());
            sidSink.remove(v.sid.hi(), v.sid.lo(), cause.text());
            stamper.emit(RouteEvent.Kind.SID_REMOVE, v.localSid.vrfName(), v.localSid.sidText(), null, cause);
        }
    }

    /** The SID allocated for a peer VRF. */
    public Srv6Sid sid(final String vrf)
    {
        return vrf(vrf).sid;
    }

    /** The local SID entry of a peer VRF. */
    public LocalSid localSid(final String vrf)
    {
        return vrf(vrf).localSid;
    }

    /** Routes exported from a peer VRF. */
    public int exportedCount(final String vrf)
    {
        return vrf(vrf).exported.size();
    }

    /**
     * Routes of {@code family} in the Adj-RIB-Out to an iBGP neighbor that negotiated it ({@link #adjRibOut}): the
     * exported VPNv6 routes for VPN-IPv6, the locator route (once started) for IPv6 unicast, none of any other.
     */
    public int advertisedCount(final AddressFamily family)
    {
        if (AddressFamily.IPV6_UNICAST.equals(family))
        {
            return started ? 1 : 0;
        }
        int count = 0;
        if (AddressFamily.VPN_IPV6.equals(family))
        {
            for (final PeerVrf v : vrfs)
            {
                count += v.exported.size();
            }
        }
        return count;
    }

    /** Route changes not from an egress peer's IPv6 unicast (ignored). */
    public long ignoredChanges()
    {
        return ignoredChanges;
    }

    private PeerVrf vrf(final String name)
    {
        for (final PeerVrf v : vrfs)
        {
            if (v.config.vrf().equals(name))
            {
                return v;
            }
        }
        throw new IllegalArgumentException("asbr: no vrf " + name);
    }

    /** Applies an UPDATE received now from a peer. */
    public void onUpdate(final int peer, final UpdateMessage update, final ValidationResult result)
    {
        onUpdate(peer, update, result,
            Cause.updateReceived(rib.peer(peer).name(), stamper.wallMillis(), stamper.nanoTime()));
    }

    /** Applies an UPDATE with the cause stamped on receipt. */
    public void onUpdate(final int peer, final UpdateMessage update, final ValidationResult result,
        final Cause cause)
    {
        rib.applyUpdate(peer, update, result, cause);
    }

    /** The peer's session left Established: its routes go, and their VPNv6 exports are withdrawn. */
    public void onSessionDown(final int peer, final String reason)
    {
        rib.peerDown(peer, Cause.sessionDown(rib.peer(peer).name(), reason, stamper.wallMillis(),
            stamper.nanoTime()));
    }

    @Override
    public void onRouteChange(final int peer, final AddressFamily family, final long rd, final long hi,
        final long lo, final int length, final int label, final PathAttributes current,
        final PathAttributes previous, final Cause cause)
    {
        final PeerVrf v = byPeer.get(peer);
        if (v == null || !AddressFamily.IPV6_UNICAST.equals(family))
        {
            ignoredChanges++;
            return;
        }
        if (current != null && current == previous)
        {
            // re-announced unchanged (interned attributes are identical): nothing to install or export
            return;
        }
        final net.srv6epe.vrf.prefix.Ipv6Prefix prefix = net.srv6epe.vrf.prefix.Ipv6Prefix.of(hi, lo, length);
        if (current != null)
        {
            sink.install(v.config.vrf(), prefix, v.forward, cause.text());
            stamper.emit(RouteEvent.Kind.ROUTE_INSTALL, v.config.vrf(), prefix, v.forward, cause);
            v.exported.put(0, hi, lo, length, 0, current);
            v.pending.put(0, hi, lo, length, 0, Boolean.TRUE);
        }
        else
        {
            sink.withdraw(v.config.vrf(), prefix, cause.text());
            stamper.emit(RouteEvent.Kind.ROUTE_WITHDRAW, v.config.vrf(), prefix, null, cause);
            v.exported.remove(0, hi, lo, length);
            v.pending.put(0, hi, lo, length, 0, Boolean.FALSE);
        }
    }

    @Override
    public void onBatchEnd(final Cause cause)
    {
        sink.flush();
    }

    /** True when {@link #drainUpdates} has something to send. */
    public boolean hasPendingUpdates()
    {
        if (locatorPending)
        {
            return true;
        }
        for (final PeerVrf v : vrfs)
        {
            if (v.pending.size() > 0)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * The UPDATEs for every change since the last drain (withdrawals first, then announcements grouped by
     * attribute set, many NLRI per UPDATE within {@code options.maxMessageLength()}), to send to every
     * Established iBGP neighbor.
     */
    public List<UpdateMessage> drainUpdates(final WireOptions options)
    {
        final List<UpdateMessage> out = new ArrayList<>();
        final List<Nlri> withdrawn = new ArrayList<>();
        final Map<List<PathAttribute>, List<Nlri>> announced = new LinkedHashMap<>();
        for (final PeerVrf v : vrfs)
        {
            v.pending.forEach((rd, hi, lo, length, label, announce) ->
            {
                final Ipv6Prefix p = new Ipv6Prefix(hi, lo, length);
                final PathAttributes source = announce ? v.exported.get(0, hi, lo, length) : null;
                if (source == null)
                {
                    withdrawn.add(new VpnIpv6Prefix(MplsLabel.WITHDRAW_COMPATIBILITY, v.config.rd(), p));
                }
                else
                {
                    announced.computeIfAbsent(exportAttributes(v, source), k -> new ArrayList<>())
                        .add(new VpnIpv6Prefix(v.wire.labelField(), v.config.rd(), p));
                }
            });
            v.pending.clear();
        }
        out.addAll(UpdateBatcher.withdraw(AddressFamily.VPN_IPV6, withdrawn, options));
        for (final Map.Entry<List<PathAttribute>, List<Nlri>> e : announced.entrySet())
        {
            out.addAll(UpdateBatcher.announce(AddressFamily.VPN_IPV6, vpnNextHop, e.getKey(), e.getValue(), options));
        }
        if (locatorPending)
        {
            out.addAll(locatorUpdates(options));
            locatorPending = false;
        }
        if (exportAttributes.size() > 65536)
        {
            exportAttributes.clear();
        }
        return out;
    }

    /**
     * The whole Adj-RIB-Out (RFC 4271 3.2): every exported VPNv6 route, the locator route, and an End-of-RIB
     * (RFC 4724 2) for VPN-IPv6 and IPv6 unicast; for a neighbor that just reached Established or sent a
     * ROUTE-REFRESH (RFC 2918 4). Does not touch what {@link #drainUpdates} has pending.
     */
    public List<UpdateMessage> adjRibOut(final WireOptions options)
    {
        final List<UpdateMessage> out = new ArrayList<>();
        final Map<List<PathAttribute>, List<Nlri>> announced = new LinkedHashMap<>();
        for (final PeerVrf v : vrfs)
        {
            v.exported.forEach((rd, hi, lo, length, label, source) ->
                announced.computeIfAbsent(exportAttributes(v, source), k -> new ArrayList<>())
                    .add(new VpnIpv6Prefix(v.wire.labelField(), v.config.rd(), new Ipv6Prefix(hi, lo, length))));
        }
        for (final Map.Entry<List<PathAttribute>, List<Nlri>> e : announced.entrySet())
        {
            out.addAll(UpdateBatcher.announce(AddressFamily.VPN_IPV6, vpnNextHop, e.getKey(), e.getValue(), options));
        }
        if (started)
        {
            out.addAll(locatorUpdates(options));
        }
        out.add(UpdateBatcher.endOfRib(AddressFamily.VPN_IPV6));
        out.add(UpdateBatcher.endOfRib(AddressFamily.IPV6_UNICAST));
        return out;
    }

    private List<UpdateMessage> locatorUpdates(final WireOptions options)
    {
        final net.srv6epe.vrf.prefix.Ipv6Prefix l = config.locator().prefix();
        final List<PathAttribute> attributes = List.of(new Origin(Origin.IGP), new AsPath(List.of()),
            new LocalPref(EXPORT_LOCAL_PREF));
        return UpdateBatcher.announce(AddressFamily.IPV6_UNICAST, unicastNextHop, attributes,
            List.of(new Ipv6Prefix(l.hi(), l.lo(), l.length())), options);
    }

    private List<PathAttribute> exportAttributes(final PeerVrf v, final PathAttributes source)
    {
        return exportAttributes.computeIfAbsent(new ExportKey(v, source), k ->
        {
            AsPath path = null;
            for (final PathAttribute a : source.attributes())
            {
                if (a instanceof AsPath p && p.typeCode() == AttributeType.AS_PATH)
                {
                    path = p;
                }
            }
            // iBGP: AS_PATH passed unchanged (RFC 4271 5.1.2), LOCAL_PREF set (5.1.5), MED not passed on (5.1.4)
            return List.of(new Origin(source.origin()), path != null ? path : new AsPath(List.of()),
                new LocalPref(EXPORT_LOCAL_PREF), new ExtendedCommunities(v.config.exportRouteTargets()), v.prefixSid);
        });
    }

    private record ExportKey(PeerVrf vrf, PathAttributes source)
    {
        @Override
        public boolean equals(final Object o)
        {
            return o instanceof ExportKey k && k.vrf == vrf && k.source.equals(source);
        }

        @Override
        public int hashCode()
        {
            return 31 * System.identityHashCode(vrf) + source.hashCode();
        }
    }

    private static final class PeerVrf
    {
        private final EgressPeer config;
        private final Srv6Sid sid;
        private final TransposedSid wire;
        private final PrefixSid prefixSid;
        private final LocalSid localSid;
        private final RouteAction forward;
        private final RouteTable<PathAttributes> exported = new RouteTable<>();
        private final RouteTable<Boolean> pending = new RouteTable<>();

        private PeerVrf(final EgressPeer config, final Srv6Sid sid, final SidLocator locator,
            final boolean transposition)
        {
            this.config = config;
            this.sid = sid;
            final Srv6SidStructure structure = locator.structure(transposition);
            this.wire = SidTransposition.split(sid, structure, MplsLabel.bottomOfStack(IMPLICIT_NULL));
            this.prefixSid = PrefixSid.srv6L3Service(new Srv6SidInformation(wire.attributeSid(),
                config.sidBehavior().ianaCodepoint(), structure));
            this.forward = RouteAction.via(config.nextHopHi(), config.nextHopLo(), config.port());
            final LocalSid base = LocalSid.of(sid.hi(), sid.lo(), config.sidBehavior());
            this.localSid = config.sidBehavior() == Behavior.END_DX6 ?
                base.withNextHop6(config.nextHopHi(), config.nextHopLo()).withPort(config.port()) :
                base.withVrf(config.vrf());
        }
    }
}
