package net.srv6epe.bgp.role;

import net.srv6epe.bgp.event.Cause;
import net.srv6epe.bgp.event.EventStamper;
import net.srv6epe.bgp.event.RouteEvent;
import net.srv6epe.bgp.rib.Candidate;
import net.srv6epe.bgp.rib.MaxPrefixListener;
import net.srv6epe.bgp.rib.PathAttributes;
import net.srv6epe.bgp.rib.Rib;
import net.srv6epe.bgp.rib.RibListener;
import net.srv6epe.bgp.rib.RibPeer;
import net.srv6epe.bgp.rib.SelectionTable;
import net.srv6epe.bgp.wire.error.ValidationResult;
import net.srv6epe.bgp.wire.message.UpdateMessage;
import net.srv6epe.bgp.wire.nlri.AddressFamily;
import net.srv6epe.bgp.wire.prefixsid.SidTransposition;
import net.srv6epe.bgp.wire.prefixsid.Srv6Sid;
import net.srv6epe.bgp.wire.prefixsid.Srv6SidInformation;
import net.srv6epe.bgp.wire.prefixsid.Srv6SidStructure;
import net.srv6epe.srv6.behavior.EncapTemplate;
import net.srv6epe.vrf.prefix.Ipv6Prefix;
import net.srv6epe.vrf.route.RouteAction;
import net.srv6epe.vrf.sink.RouteSink;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The content-server role: VPNv6 routes from iBGP neighbors (a route reflector, or our ASBR) are imported by route
 * target into the configured VRFs (RFC 4364 4.3.1); per VRF and prefix the best path (RFC 4271 9.1.2.2) becomes
 * an encapsulation route through the {@link RouteSink}: H.Encaps or H.Encaps.Red with the route's SRv6 SID, the
 * SID rebuilt from the SRv6 L3 Service TLV and the NLRI label (RFC 9252 4 transposition, e.g. FRR's 16/64 form,
 * or a plain SID as GoBGP relays it). Withdrawals and session loss remove exactly the routes concerned. A route
 * without a usable SID is not installed and is counted by reason ({@link #notInstalled()}). With
 * {@link ContentServerConfig#unicastVrf()} set, the best IPv6 unicast routes (the ASBR's locator) are installed
 * there via their next hop, so the outer packets find the ASBR.
 *
 * <p>Owns its {@link Rib}. Used from the speaker thread only.
 */
public final class ContentServerRole implements RibListener
{
    private static final int MAX_SHARED_CANDIDATES = 16_384;

    private final ContentServerConfig config;
    private final RouteSink sink;
    private final EventStamper stamper;
    private final Rib rib;
    private final SelectionTable[] tables;
    private final SelectionTable unicast;
    private final long[][] routeTargets;
    private final Map<ActionKey, RouteAction> actions = new HashMap<>();
    private final Map<String, Long> notInstalled = new TreeMap<>();
    private final Map<Candidate, Candidate> candidates = new HashMap<>();
    private final Candidate[] lastCandidate;
    private final RouteAction[] lastAction;
    private PathAttributes lastChecked;
    private int lastCheckedLabel;
    private String lastUnusable;
    private long otherFamilyChanges;

    /**
     * @param sink              where the VRF routes go
     * @param stamper           clocks and the route-event listener
     * @param maxPrefixListener told about max-prefix events of the neighbors, or null
     */
    public ContentServerRole(final ContentServerConfig config, final RouteSink sink, final EventStamper stamper,
        final MaxPrefixListener maxPrefixListener)
    {
        this.config = Objects.requireNonNull(config, "config");
        this.sink = Objects.requireNonNull(sink, "sink");
        this.stamper = Objects.requireNonNull(stamper, "stamper");
        this.rib = new Rib(this, maxPrefixListener);
        this.tables = new SelectionTable[config.vrfs().size()];
        this.routeTargets = new long[tables.length][];
        this.lastCandidate = new Candidate[tables.length];
        this.lastAction = new RouteAction[tables.length];
        this.unicast = config.unicastVrf() == null ? null : new SelectionTable(rib::peer);
        for (int i = 0; i < tables.length; i++)
        {
            tables[i] = new SelectionTable(rib::peer);
            routeTargets[i] = config.vrfs().get(i).routeTargetValues();
        }
    }

    /** The RIB holding the neighbors' routes. */
    public Rib rib()
    {
        return rib;
    }

    /** Registers an iBGP neighbor; returns its RIB id. */
    public int addPeer(final RibPeer peer)
    {
        return rib.addPeer(peer);
    }

    /** Applies an UPDATE received now from a peer (cause stamped with the current clocks). */
    public void onUpdate(final int peer, final UpdateMessage update, final ValidationResult result)
    {
        onUpdate(peer, update, result,
            Cause.updateReceived(rib.peer(peer).name(), stamper.wallMillis(), stamper.nanoTime()));
    }

    /** Applies an UPDATE with the cause the session layer stamped on receipt. */
    public void onUpdate(final int peer, final UpdateMessage update, final ValidationResult result,
        final Cause cause)
    {
        rib.applyUpdate(peer, update, result, cause);
    }

    /** The peer's session left Established: its routes go. */
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
        if (!AddressFamily.VPN_IPV6.equals(family))
        {
            if (unicast != null && AddressFamily.IPV6_UNICAST.equals(family))
            {
                unicastChange(peer, hi, lo, length, current, cause);
            }
            else
            {
                otherFamilyChanges++;
            }
            return;
        }
        String unusable = null;
        boolean counted = false;
        if (current != null)
        {
            // attribute sets are interned: routes of one UPDATE share one, and mostly one label
            if (current != lastChecked || label != lastCheckedLabel)
            {
                lastUnusable = unusableReason(current, label);
                lastChecked = current;
                lastCheckedLabel = label;
            }
            unusable = lastUnusable;
        }
        for (int v = 0; v < tables.length; v++)
        {
            final boolean imports = current != null && current.hasAnyRouteTarget(routeTargets[v]);
            final boolean imported = previous != null && previous.hasAnyRouteTarget(routeTargets[v]);
            if (!imports && !imported)
            {
                continue;
            }
            final SelectionTable table = tables[v];
            final Candidate after;
            if (imports && unusable == null)
            {
                after = table.offer(hi, lo, length, share(new Candidate(peer, rd, label, current)));
            }
            else
            {
                if (imports && !counted)
                {
                    notInstalled.merge(unusable, 1L, Long::sum);
                    counted = true;
                }
                after = table.retract(hi, lo, length, peer, rd);
            }
            apply(v, hi, lo, length, table.previousBest(), after, cause);
        }
    }

    private void unicastChange(final int peer, final long hi, final long lo, final int length,
        final PathAttributes current, final Cause cause)
    {
        final Candidate after = current != null ?
            unicast.offer(hi, lo, length, share(new Candidate(peer, 0, 0, current))) :
            unicast.retract(hi, lo, length, peer, 0);
        final Candidate before = unicast.previousBest();
        final String vrf = config.unicastVrf();
        final Ipv6Prefix prefix = Ipv6Prefix.of(hi, lo, length);
        if (after == null)
        {
            if (before != null)
            {
                sink.withdraw(vrf, prefix, cause.text());
                stamper.emit(RouteEvent.Kind.ROUTE_WITHDRAW, vrf, prefix, null, cause);
            }
            return;
        }
        final RouteAction action = RouteAction.via(after.attributes().nextHopHi(), after.attributes().nextHopLo(),
            null);
        if (before != null && before.attributes().nextHopHi() == after.attributes().nextHopHi() &&
            before.attributes().nextHopLo() == after.attributes().nextHopLo())
        {
            return;
        }
        sink.install(vrf, prefix, action, cause.text());
        stamper.emit(RouteEvent.Kind.ROUTE_INSTALL, vrf, prefix, action, cause);
    }

    /**
     * Candidates are immutable values and most routes of a VRF have equal ones (same peer, RD, label and
     * attribute set: one SID per egress peer VRF), so they are shared; the cache is dropped when it grows large.
     */
    private Candidate share(final Candidate candidate)
    {
        if (candidates.size() >= MAX_SHARED_CANDIDATES)
        {
            candidates.clear();
        }
        return candidates.computeIfAbsent(candidate, c -> c);
    }

    private void apply(final int v, final long hi, final long lo, final int length, final Candidate before,
        final Candidate after, final Cause cause)
    {
        final ImportVrf vrf = config.vrfs().get(v);
        if (after == null)
        {
            if (before != null)
            {
                final Ipv6Prefix prefix = Ipv6Prefix.of(hi, lo, length);
                sink.withdraw(vrf.name(), prefix, cause.text());
                stamper.emit(RouteEvent.Kind.ROUTE_WITHDRAW, vrf.name(), prefix, null, cause);
            }
            return;
        }
        final RouteAction action = action(v, after);
        if (before != null && action.equals(action(v, before)))
        {
            return;
        }
        final Ipv6Prefix prefix = Ipv6Prefix.of(hi, lo, length);
        sink.install(vrf.name(), prefix, action, cause.text());
        stamper.emit(RouteEvent.Kind.ROUTE_INSTALL, vrf.name(), prefix, action, cause);
    }

    private RouteAction action(final int v, final Candidate c)
    {
        // candidates are shared (share()): consecutive routes of a VRF mostly have the same one
        if (lastCandidate[v] == c)
        {
            return lastAction[v];
        }
        final Srv6Sid sid = SidTransposition.fullSid(c.attributes().srv6Sid(), c.label());
        final RouteAction action = actions.computeIfAbsent(new ActionKey(v, sid.hi(), sid.lo()), k ->
        {
            final ImportVrf vrf = config.vrfs().get(k.vrf);
            return RouteAction.encap(EncapTemplate.create(vrf.encapMode(), vrf.sourceHi(), vrf.sourceLo(),
                new long[]{k.sidHi, k.sidLo}), vrf.underlayVrf());
        });
        lastCandidate[v] = c;
        lastAction[v] = action;
        return action;
    }

    /** Why a route cannot become an encap route, or null when it can. */
    static String unusableReason(final PathAttributes attributes, final int label)
    {
        final Srv6SidInformation info = attributes.srv6Sid();
        if (info == null)
        {
            return attributes.hasPrefixSid() ? "no SRv6 L3 Service SID" : "no Prefix-SID attribute";
        }
        final Srv6SidStructure structure = info.structure();
        if (structure != null && structure.problem() != null)
        {
            return "unusable SID structure";
        }
        final Srv6Sid sid = SidTransposition.fullSid(info, label);
        if (sid.hi() == 0 && sid.lo() == 0)
        {
            return "zero SID";
        }
        return null;
    }

    @Override
    public void onBatchEnd(final Cause cause)
    {
        sink.flush();
    }

    /** The best path of a prefix in a VRF, or null. */
    public Candidate best(final String vrf, final Ipv6Prefix prefix)
    {
        return tables[index(vrf)].best(prefix.hi(), prefix.lo(), prefix.length());
    }

    /**
     * Whether a peer's VPN route is the best path of its prefix in a VRF importing it (a VRF whose route targets it
     * carries): one look-up per importing VRF.
     */
    public boolean isBest(final int peer, final long rd, final long hi, final long lo, final int length,
        final PathAttributes attributes)
    {
        for (int v = 0; v < tables.length; v++)
        {
            if (attributes.hasAnyRouteTarget(routeTargets[v]))
            {
                final Candidate c = tables[v].best(hi, lo, length);
                if (c != null && c.samePath(peer, rd))
                {
                    return true;
                }
            }
        }
        return false;
    }

    /** The SRv6 SID a VRF's route steers to, or null when the VRF has no route for the prefix. */
    public Srv6Sid sid(final String vrf, final Ipv6Prefix prefix)
    {
        final Candidate c = best(vrf, prefix);
        return c == null ? null : SidTransposition.fullSid(c.attributes().srv6Sid(), c.label());
    }

    /** Prefixes installed in a VRF. */
    public int routeCount(final String vrf)
    {
        return tables[index(vrf)].size();
    }

    /** Routes not installed, by reason ({@code "no Prefix-SID attribute"}, ...). */
    public Map<String, Long> notInstalled()
    {
        return Map.copyOf(notInstalled);
    }

    /** The best IPv6 unicast path for a prefix, or null (always null without a unicast VRF). */
    public Candidate bestUnicast(final Ipv6Prefix prefix)
    {
        return unicast == null ? null : unicast.best(prefix.hi(), prefix.lo(), prefix.length());
    }

    /** Route changes of families not installed (IPv6 unicast without a unicast VRF; ignored). */
    public long otherFamilyChanges()
    {
        return otherFamilyChanges;
    }

    private int index(final String vrf)
    {
        for (int i = 0; i < tables.length; i++)
        {
            if (config.vrfs().get(i).name().equals(vrf))
            {
                return i;
            }
        }
        throw new IllegalArgumentException("no content-server vrf " + vrf);
    }

    private record ActionKey(int vrf, long sidHi, long sidLo)
    {
    }
}
