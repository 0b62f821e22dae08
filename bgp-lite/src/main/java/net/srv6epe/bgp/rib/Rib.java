package net.srv6epe.bgp.rib;

import net.srv6epe.bgp.event.Cause;
import net.srv6epe.bgp.wire.attribute.AsPath;
import net.srv6epe.bgp.wire.attribute.AsPathSegment;
import net.srv6epe.bgp.wire.attribute.MpReachNlri;
import net.srv6epe.bgp.wire.attribute.MpUnreachNlri;
import net.srv6epe.bgp.wire.attribute.PathAttribute;
import net.srv6epe.bgp.wire.error.ErrorAction;
import net.srv6epe.bgp.wire.error.ErrorSubcode;
import net.srv6epe.bgp.wire.error.ValidationResult;
import net.srv6epe.bgp.wire.message.NotificationMessage;
import net.srv6epe.bgp.wire.message.UpdateMessage;
import net.srv6epe.bgp.wire.nlri.AddressFamily;
import net.srv6epe.bgp.wire.nlri.Ipv6Prefix;
import net.srv6epe.bgp.wire.nlri.Nlri;
import net.srv6epe.bgp.wire.nlri.VpnIpv6Prefix;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The Adj-RIBs-In of every neighbor (RFC 4271 3.2), per family (IPv6 unicast, VPN-IPv6), with RFC 7606 outcomes
 * applied, max-prefix enforcement (RFC 4486 4), and exact removal on session loss (RFC 4271 8 / 9). Routes are
 * kept in primitive form in {@link RouteTable}s with interned {@link PathAttributes}; every change goes to one
 * {@link RibListener} (a role), which does best-path selection where routes from several peers compete.
 *
 * <p>Used from the speaker thread only.
 */
public final class Rib
{
    private final List<PeerState> peers = new ArrayList<>();
    private final AttributeInterner interner = new AttributeInterner();
    private final RibListener listener;
    private final MaxPrefixListener maxPrefixListener;
    private long updates;
    private long treatedAsWithdraw;
    private long attributesDiscarded;
    private long sessionResetUpdatesIgnored;
    private long otherFamilyRoutesIgnored;
    private long updatesIgnoredOverLimit;
    private long asPathLoops;
    /** Our AS: a route whose AS_PATH or AS4_PATH holds it has looped (RFC 4271 9.1.2); 0 for no check. */
    private long localAs;

    /**
     * @param listener          told about every route change
     * @param maxPrefixListener told about max-prefix warnings and overflows, or null
     */
    public Rib(final RibListener listener, final MaxPrefixListener maxPrefixListener)
    {
        this.listener = Objects.requireNonNull(listener, "listener");
        this.maxPrefixListener = maxPrefixListener;
    }

    /**
     * Our AS number: from then on a route whose AS_PATH (or AS4_PATH, RFC 6793) holds it has been through us
     * already and is not kept (RFC 4271 9.1.2: "an AS loop"); it withdraws what the peer had for that prefix, as
     * any UPDATE replaces it, and is counted ({@link #asPathLoops}).
     */
    public void localAs(final long as)
    {
        this.localAs = as;
    }

    /**
     * Registers a neighbor.
     *
     * @return its RIB id
     * @throws IllegalArgumentException when a peer of that name is registered
     */
    public int addPeer(final RibPeer peer)
    {
        if (peerId(peer.name()) >= 0)
        {
            throw new IllegalArgumentException("peer " + peer.name() + " is already in the RIB");
        }
        peers.add(new PeerState(peer));
        return peers.size() - 1;
    }

    /**
     * Replaces what is known of a registered neighbor (e.g. its BGP identifier once a session is Established).
     */
    public void updatePeer(final int id, final RibPeer peer)
    {
        state(id).peer = peer;
    }

    /**
     * The address families negotiated with a neighbor's session (RFC 4760 8): routes and withdrawals of other
     * families it sends are counted ({@link #otherFamilyRoutesIgnored}) and not kept. Until this is called every
     * family the RIB keeps is taken.
     */
    public void negotiated(final int id, final Collection<AddressFamily> families)
    {
        state(id).families = Set.copyOf(families);
    }

    /** The peer with a RIB id. */
    public RibPeer peer(final int id)
    {
        return state(id).peer;
    }

    /** The RIB id of a peer by name, or -1. */
    public int peerId(final String name)
    {
        for (int i = 0; i < peers.size(); i++)
        {
            if (peers.get(i).peer.name().equals(name))
            {
                return i;
            }
        }
        return -1;
    }

    /** Registered peers. */
    public int peerCount()
    {
        return peers.size();
    }

    private PeerState state(final int id)
    {
        if (id < 0 || id >= peers.size())
        {
            throw new IllegalArgumentException("no RIB peer with id " + id);
        }
        return peers.get(id);
    }

    /**
     * Applies an UPDATE from a peer with the validator's verdict (RFC 7606 2): with treat-as-withdraw every route
     * the UPDATE announces is removed; with attribute discard the routes are kept without the discarded
     * attributes; a session-reset verdict is not applied (the session layer closes the session and calls
     * {@link #peerDown}). IPv4 routes and other families, and families not
     * {@link #negotiated} with the peer, are counted and ignored.
     */
    public void applyUpdate(final int peer, final UpdateMessage update, final ValidationResult result,
        final Cause cause)
    {
        final PeerState s = state(peer);
        updates++;
        final ErrorAction action = result.action();
        if (action == ErrorAction.SESSION_RESET)
        {
            sessionResetUpdatesIgnored++;
            return;
        }
        if (s.overLimit)
        {
            updatesIgnoredOverLimit++;
            return;
        }
        otherFamilyRoutesIgnored += update.nlri().size() + update.withdrawn().size();
        final MpUnreachNlri unreach = update.mpUnreach();
        if (unreach != null)
        {
            withdrawAll(peer, s, unreach.family(), unreach.withdrawn(), cause);
        }
        final MpReachNlri reach = update.mpReach();
        if (reach != null)
        {
            if (action == ErrorAction.TREAT_AS_WITHDRAW)
            {
                treatedAsWithdraw++;
                withdrawAll(peer, s, reach.family(), reach.nlri(), cause);
            }
            else if (looped(update))
            {
                asPathLoops += reach.nlri().size();
                withdrawAll(peer, s, reach.family(), reach.nlri(), cause);
            }
            else
            {
                final List<PathAttribute> kept;
                if (action == ErrorAction.ATTRIBUTE_DISCARD)
                {
                    attributesDiscarded++;
                    kept = result.keptAttributes(update);
                }
                else
                {
                    kept = update.attributes();
                }
                announce(peer, s, reach, kept, cause);
            }
        }
        listener.onBatchEnd(cause);
    }

    private boolean looped(final UpdateMessage update)
    {
        if (localAs == 0)
        {
            return false;
        }
        for (final PathAttribute a : update.attributes())
        {
            if (a instanceof AsPath path)
            {
                for (final AsPathSegment segment : path.segments())
                {
                    if (segment.asns().contains(localAs))
                    {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private void withdrawAll(final int peer, final PeerState s, final AddressFamily family, final List<Nlri> nlri,
        final Cause cause)
    {
        final RouteTable<PathAttributes> table = s.updatedTable(family);
        if (table == null)
        {
            otherFamilyRoutesIgnored += nlri.size();
            return;
        }
        for (final Nlri n : nlri)
        {
            final long rd;
            final Ipv6Prefix p;
            if (n instanceof VpnIpv6Prefix v)
            {
                rd = v.rd().value();
                p = v.prefix();
            }
            else if (n instanceof Ipv6Prefix p6)
            {
                rd = 0;
                p = p6;
            }
            else
            {
                otherFamilyRoutesIgnored++;
                continue;
            }
            final long hi = maskedHi(p);
            final long lo = maskedLo(p);
            final int label = table.label(rd, hi, lo, p.length());
            final PathAttributes previous = table.remove(rd, hi, lo, p.length());
            if (previous != null)
            {
                listener.onRouteChange(peer, family, rd, hi, lo, p.length(), label, null, previous, cause);
                interner.release(previous);
            }
        }
        checkWarning(s);
    }

    private void announce(final int peer, final PeerState s, final MpReachNlri reach,
        final List<PathAttribute> attributes, final Cause cause)
    {
        final AddressFamily family = reach.family();
        final RouteTable<PathAttributes> table = s.updatedTable(family);
        if (table == null)
        {
            otherFamilyRoutesIgnored += reach.nlri().size();
            return;
        }
        PathAttributes shared = null;
        for (final Nlri n : reach.nlri())
        {
            final long rd;
            final int label;
            final Ipv6Prefix p;
            if (n instanceof VpnIpv6Prefix v)
            {
                rd = v.rd().value();
                label = v.label();
                p = v.prefix();
            }
            else if (n instanceof Ipv6Prefix p6)
            {
                rd = 0;
                label = 0;
                p = p6;
            }
            else
            {
                otherFamilyRoutesIgnored++;
                continue;
            }
            final long hi = maskedHi(p);
            final long lo = maskedLo(p);
            final RibPeer info = s.peer;
            if (info.maxPrefix() > 0 && s.routeCount() >= info.maxPrefix() && table.get(rd, hi, lo, p.length()) == null)
            {
                s.overLimit = true;
                if (maxPrefixListener != null)
                {
                    maxPrefixListener.onMaxPrefixExceeded(info, s.routeCount() + 1, info.maxPrefix(),
                        cease(family, info.maxPrefix()));
                }
                break;
            }
            if (shared == null)
            {
                shared = interner.acquire(PathAttributes.of(attributes, reach.nextHopHi(), reach.nextHopLo()));
            }
            else
            {
                interner.retain(shared);
            }
            final PathAttributes previous = table.put(rd, hi, lo, p.length(), label, shared);
            listener.onRouteChange(peer, family, rd, hi, lo, p.length(), label, shared, previous, cause);
            interner.release(previous);
            checkWarning(s);
        }
    }

    private void checkWarning(final PeerState s)
    {
        final int threshold = s.peer.warningThreshold();
        if (threshold == 0)
        {
            return;
        }
        final int count = s.routeCount();
        if (!s.warned && count >= threshold)
        {
            s.warned = true;
            if (maxPrefixListener != null)
            {
                maxPrefixListener.onMaxPrefixWarning(s.peer, count, s.peer.maxPrefix());
            }
        }
        else if (s.warned && count < threshold)
        {
            s.warned = false;
        }
    }

    /** RFC 4486 4: Cease, Maximum Number of Prefixes Reached, data AFI (2) | SAFI (1) | upper bound (4). */
    static NotificationMessage cease(final AddressFamily family, final int limit)
    {
        final byte[] data = new byte[7];
        data[0] = (byte)(family.afi() >>> 8);
        data[1] = (byte)family.afi();
        data[2] = (byte)family.safi();
        data[3] = (byte)(limit >>> 24);
        data[4] = (byte)(limit >>> 16);
        data[5] = (byte)(limit >>> 8);
        data[6] = (byte)limit;
        return NotificationMessage.of(ErrorSubcode.MAXIMUM_PREFIXES_REACHED, data);
    }

    /**
     * The peer's session left Established: every route it sent is removed (each reported to the listener) and
     * its max-prefix state is reset.
     */
    public void peerDown(final int peer, final Cause cause)
    {
        final PeerState s = state(peer);
        removeAll(peer, s, AddressFamily.IPV6_UNICAST, s.ipv6, cause);
        removeAll(peer, s, AddressFamily.VPN_IPV6, s.vpn, cause);
        s.overLimit = false;
        s.warned = false;
        listener.onBatchEnd(cause);
    }

    private void removeAll(final int peer, final PeerState s, final AddressFamily family,
        final RouteTable<PathAttributes> table, final Cause cause)
    {
        table.forEach((rd, hi, lo, length, label, attributes) ->
        {
            listener.onRouteChange(peer, family, rd, hi, lo, length, label, null, attributes, cause);
            interner.release(attributes);
        });
        table.clear();
    }

    /** Routes from a peer over both families. */
    public int routeCount(final int peer)
    {
        return state(peer).routeCount();
    }

    /** Routes from a peer in one family (0 for a family not kept). */
    public int routeCount(final int peer, final AddressFamily family)
    {
        final RouteTable<PathAttributes> t = state(peer).table(family);
        return t == null ? 0 : t.size();
    }

    /** A route's attributes in a peer's Adj-RIB-In, or null. Host bits of the key must be clear. */
    public PathAttributes route(final int peer, final AddressFamily family, final long rd, final long hi,
        final long lo, final int length)
    {
        final RouteTable<PathAttributes> t = state(peer).table(family);
        return t == null ? null : t.get(rd, hi, lo, length);
    }

    /** Visits a peer's Adj-RIB-In of a family. */
    public void forEachRoute(final int peer, final AddressFamily family,
        final RouteTable.Visitor<PathAttributes> visitor)
    {
        final RouteTable<PathAttributes> t = state(peer).table(family);
        if (t != null)
        {
            t.forEach(visitor);
        }
    }

    /** Visits at most {@code limit} routes of a peer's Adj-RIB-In of a family (in no particular order). */
    public void forEachRoute(final int peer, final AddressFamily family,
        final RouteTable.Visitor<PathAttributes> visitor, final int limit)
    {
        final RouteTable<PathAttributes> t = state(peer).table(family);
        if (t != null)
        {
            t.forEach(visitor, limit);
        }
    }

    /** True after the peer exceeded its max-prefix limit, until {@link #peerDown}. */
    public boolean isOverLimit(final int peer)
    {
        return state(peer).overLimit;
    }

    /** Distinct interned attribute sets. */
    public int attributeSets()
    {
        return interner.size();
    }

    /** UPDATEs handed to {@link #applyUpdate}. */
    public long updates()
    {
        return updates;
    }

    /** UPDATEs whose routes were treated as withdrawn (RFC 7606 2). */
    public long treatedAsWithdraw()
    {
        return treatedAsWithdraw;
    }

    /** UPDATEs applied with attributes discarded (RFC 7606 2). */
    public long attributesDiscarded()
    {
        return attributesDiscarded;
    }

    /** UPDATEs not applied because their verdict was a session reset. */
    public long sessionResetUpdatesIgnored()
    {
        return sessionResetUpdatesIgnored;
    }

    /** Routes of families this RIB does not keep (IPv4 unicast, others). */
    public long otherFamilyRoutesIgnored()
    {
        return otherFamilyRoutesIgnored;
    }

    /** Routes not kept because their AS path held our AS ({@link #localAs}). */
    public long asPathLoops()
    {
        return asPathLoops;
    }

    /** UPDATEs ignored because the peer is over its max-prefix limit. */
    public long updatesIgnoredOverLimit()
    {
        return updatesIgnoredOverLimit;
    }

    private static long maskedHi(final Ipv6Prefix p)
    {
        return p.hi() & net.srv6epe.vrf.prefix.Ipv6Prefix.maskHi(p.length());
    }

    private static long maskedLo(final Ipv6Prefix p)
    {
        return p.lo() & net.srv6epe.vrf.prefix.Ipv6Prefix.maskLo(p.length());
    }

    private static final class PeerState
    {
        private RibPeer peer;
        private final RouteTable<PathAttributes> ipv6 = new RouteTable<>();
        private final RouteTable<PathAttributes> vpn = new RouteTable<>();
        private boolean overLimit;
        private boolean warned;
        /** Negotiated with the session, or null: every family kept. */
        private Set<AddressFamily> families;

        private PeerState(final RibPeer peer)
        {
            this.peer = peer;
        }

        /** The table an UPDATE of {@code family} goes to: null for a family not kept or not negotiated. */
        private RouteTable<PathAttributes> updatedTable(final AddressFamily family)
        {
            return families != null && !families.contains(family) ? null : table(family);
        }

        private RouteTable<PathAttributes> table(final AddressFamily family)
        {
            if (AddressFamily.IPV6_UNICAST.equals(family))
            {
                return ipv6;
            }
            return AddressFamily.VPN_IPV6.equals(family) ? vpn : null;
        }

        private int routeCount()
        {
            return ipv6.size() + vpn.size();
        }
    }
}
