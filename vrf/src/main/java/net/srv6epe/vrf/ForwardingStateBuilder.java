package net.srv6epe.vrf;

import net.srv6epe.vrf.pbr.PbrRule;
import net.srv6epe.vrf.pbr.PbrTable;
import net.srv6epe.vrf.prefix.Ipv4Prefix;
import net.srv6epe.vrf.prefix.Ipv6Prefix;
import net.srv6epe.vrf.route.RouteAction;
import net.srv6epe.vrf.sid.LocalSid;
import net.srv6epe.vrf.sid.LocalSidTable;
import net.srv6epe.vrf.sid.SidAttributeRules;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The writer's way from one {@link ForwardingState} to the next: start {@link #from} the current snapshot,
 * change VRFs, routes, SIDs, locators and PBR rules, then {@link #build()} the next generation (VRFs that did not
 * change are shared, changed FIBs rebuild only the slots that changed). Every change is checked when it is
 * made (unknown VRF, invalid SID attributes) and cross references are checked again at build (a removed VRF
 * still named by a SID, a rule or an encap route). Not thread safe: one writer. May build repeatedly; each
 * build is one generation after the previous.
 */
public final class ForwardingStateBuilder
{
    private static final int MAX_RESOLVED = 4096;

    private ForwardingState base;
    private final Map<String, Vrf> vrfs = new HashMap<>();
    private final Map<String, VrfBuilder> vrfBuilders = new HashMap<>();
    private final Map<Ipv6Prefix, LocalSid> sids = new LinkedHashMap<>();
    private final TreeSet<Ipv6Prefix> locators = new TreeSet<>();
    private final List<PbrRule> rules = new ArrayList<>();
    private boolean vrfSetChanged;
    private boolean sidsChanged;
    private boolean rulesChanged;
    /** Encap actions as given -> resolved (underlay id filled in); a protocol passes one action for many routes. */
    private final Map<RouteAction, RouteAction> resolved = new IdentityHashMap<>();

    private ForwardingStateBuilder(final ForwardingState base)
    {
        reset(base);
    }

    /** A builder whose starting point is {@code state}; the state itself is never modified. */
    public static ForwardingStateBuilder from(final ForwardingState state)
    {
        return new ForwardingStateBuilder(state);
    }

    private void reset(final ForwardingState state)
    {
        base = state;
        vrfs.clear();
        for (final Vrf v : state.vrfs())
        {
            vrfs.put(v.name(), v);
        }
        sids.clear();
        for (final LocalSid s : state.localSids().entries())
        {
            sids.put(Ipv6Prefix.host(s.sidHi(), s.sidLo()), s);
        }
        locators.clear();
        locators.addAll(state.localSids().locators());
        rules.clear();
        rules.addAll(state.pbr().rules());
        vrfSetChanged = false;
        sidsChanged = false;
        rulesChanged = false;
        resolved.clear();
    }

    // ---------------------------------------------------------------- VRFs

    /**
     * Creates an empty VRF with the lowest free id.
     *
     * @param tableId kernel-style table id, unique among VRFs
     * @return the new VRF's id
     * @throws IllegalArgumentException when the name or the table id is taken
     */
    public int addVrf(final String name, final int tableId)
    {
        if (name == null || name.isEmpty())
        {
            throw new IllegalArgumentException("a VRF needs a name");
        }
        if (vrfs.containsKey(name))
        {
            throw new IllegalArgumentException("VRF '" + name + "' already exists");
        }
        final BitSet used = new BitSet();
        for (final Vrf v : vrfs.values())
        {
            if (v.tableId() == tableId)
            {
                throw new IllegalArgumentException("table " + tableId + " already belongs to VRF '" + v.name() + "'");
            }
            used.set(v.id());
        }
        final int id = used.nextClearBit(0);
        vrfs.put(name, Vrf.empty(name, id, tableId));
        vrfSetChanged = true;
        resolved.clear();
        return id;
    }

    /**
     * Removes a VRF and its routes.
     *
     * @throws IllegalArgumentException for the default VRF or an unknown name
     */
    public void removeVrf(final String name)
    {
        if (Vrf.DEFAULT_NAME.equals(name))
        {
            throw new IllegalArgumentException("the default VRF cannot be removed");
        }
        if (vrfs.remove(requireVrf(name).name()) != null)
        {
            vrfBuilders.remove(name);
            vrfSetChanged = true;
            resolved.clear();
        }
    }

    /** Whether a VRF of that name exists in the state being built. */
    public boolean hasVrf(final String name)
    {
        return vrfs.containsKey(name);
    }

    private Vrf requireVrf(final String name)
    {
        final Vrf v = vrfs.get(name);
        if (v == null)
        {
            throw new IllegalArgumentException("no VRF named '" + name + "'");
        }
        return v;
    }

    private VrfBuilder vrfBuilder(final String name)
    {
        VrfBuilder b = vrfBuilders.get(name);
        if (b == null)
        {
            b = new VrfBuilder(requireVrf(name));
            vrfBuilders.put(name, b);
        }
        return b;
    }

    // ---------------------------------------------------------------- routes

    /**
     * Adds or replaces an IPv6 route.
     *
     * @throws IllegalArgumentException for an unknown VRF or an encap action naming an unknown underlay VRF
     */
    public ForwardingStateBuilder addRoute(final String vrf, final Ipv6Prefix prefix, final RouteAction action)
    {
        vrfBuilder(vrf).put6(prefix, resolve(vrf, prefix, action));
        return this;
    }

    /** Adds or replaces an IPv4 route; see {@link #addRoute(String, Ipv6Prefix, RouteAction)}. */
    public ForwardingStateBuilder addRoute(final String vrf, final Ipv4Prefix prefix, final RouteAction action)
    {
        vrfBuilder(vrf).put4(prefix, resolve(vrf, prefix, action));
        return this;
    }

    /** Removes an IPv6 route; returns whether it existed. */
    public boolean removeRoute(final String vrf, final Ipv6Prefix prefix)
    {
        return vrfBuilder(vrf).remove6(prefix);
    }

    /** Removes an IPv4 route; returns whether it existed. */
    public boolean removeRoute(final String vrf, final Ipv4Prefix prefix)
    {
        return vrfBuilder(vrf).remove4(prefix);
    }

    /** The action of exactly this IPv6 prefix in the state being built, or null. */
    public RouteAction route(final String vrf, final Ipv6Prefix prefix)
    {
        return vrfBuilder(vrf).get6(prefix);
    }

    /** The action of exactly this IPv4 prefix in the state being built, or null. */
    public RouteAction route(final String vrf, final Ipv4Prefix prefix)
    {
        return vrfBuilder(vrf).get4(prefix);
    }

    private RouteAction resolve(final String vrf, final Object prefix, final RouteAction action)
    {
        if (action.kind() != RouteAction.Kind.ENCAP)
        {
            return action;
        }
        final RouteAction known = resolved.get(action);
        if (known != null)
        {
            return known;
        }
        if (resolved.size() >= MAX_RESOLVED)
        {
            resolved.clear();
        }
        final Vrf underlay = vrfs.get(action.underlayVrf());
        if (underlay == null)
        {
            throw new IllegalArgumentException("route " + prefix + " in VRF '" + vrf + "': underlay VRF '" +
                action.underlayVrf() + "' does not exist");
        }
        final RouteAction r = action.withUnderlayVrfId(underlay.id());
        resolved.put(action, r);
        return r;
    }

    // ---------------------------------------------------------------- SIDs

    /**
     * Adds or replaces a local SID.
     *
     * @throws IllegalArgumentException when its attributes do not fit its behavior, or it names an unknown VRF
     */
    public ForwardingStateBuilder addSid(final LocalSid sid)
    {
        SidAttributeRules.validate(sid);
        if (sid.vrfName() != null && !vrfs.containsKey(sid.vrfName()))
        {
            throw new IllegalArgumentException(sid.behavior().displayName() + " SID " + sid.sidText() +
                " names VRF '" + sid.vrfName() + "' which does not exist");
        }
        sids.put(Ipv6Prefix.host(sid.sidHi(), sid.sidLo()), sid);
        sidsChanged = true;
        return this;
    }

    /** Removes a local SID; returns whether it existed. */
    public boolean removeSid(final long sidHi, final long sidLo)
    {
        final boolean removed = sids.remove(Ipv6Prefix.host(sidHi, sidLo)) != null;
        sidsChanged |= removed;
        return removed;
    }

    /** Declares a locator our SIDs are allocated from. */
    public ForwardingStateBuilder addLocator(final Ipv6Prefix locator)
    {
        sidsChanged |= locators.add(locator);
        return this;
    }

    public boolean removeLocator(final Ipv6Prefix locator)
    {
        final boolean removed = locators.remove(locator);
        sidsChanged |= removed;
        return removed;
    }

    // ---------------------------------------------------------------- PBR

    /**
     * Adds a policy routing rule.
     *
     * @throws IllegalArgumentException when its target VRF does not exist
     */
    public ForwardingStateBuilder addPbrRule(final PbrRule rule)
    {
        requireVrf(rule.vrfName());
        rules.add(rule);
        rulesChanged = true;
        return this;
    }

    /** Removes one rule equal to {@code rule}; returns whether one existed. */
    public boolean removePbrRule(final PbrRule rule)
    {
        final boolean removed = rules.remove(rule);
        rulesChanged |= removed;
        return removed;
    }

    /** Removes every rule of a priority; returns how many. */
    public int removePbrRules(final int priority)
    {
        final int before = rules.size();
        rules.removeIf(r -> r.priority() == priority);
        rulesChanged |= rules.size() != before;
        return before - rules.size();
    }

    // ---------------------------------------------------------------- build

    /**
     * The next snapshot: generation of the starting state plus one.
     *
     * @throws IllegalStateException when a removed VRF is still named by a SID, a PBR rule or an encap route
     */
    public ForwardingState build()
    {
        if (vrfSetChanged)
        {
            checkReferences();
        }
        int limit = 0;
        for (final Vrf v : vrfs.values())
        {
            limit = Math.max(limit, v.id() + 1);
        }
        final Vrf[] byId = new Vrf[limit];
        for (final Map.Entry<String, Vrf> e : vrfs.entrySet())
        {
            final VrfBuilder b = vrfBuilders.get(e.getKey());
            final Vrf v = b != null ? b.build() : e.getValue();
            e.setValue(v);
            byId[v.id()] = v;
        }

        final LocalSidTable sidTable = sidsChanged || vrfSetChanged ? buildSidTable() : base.localSids();
        final PbrTable pbr = rulesChanged || vrfSetChanged ? buildPbrTable() : base.pbr();
        final ForwardingState next = new ForwardingState(base.generation() + 1, byId, sidTable, pbr);
        base = next;
        vrfSetChanged = false;
        sidsChanged = false;
        rulesChanged = false;
        return next;
    }

    private void checkReferences()
    {
        for (final LocalSid s : sids.values())
        {
            if (s.vrfName() != null && !vrfs.containsKey(s.vrfName()))
            {
                throw new IllegalStateException("VRF '" + s.vrfName() + "' is removed but " +
                    s.behavior().displayName() + " SID " + s.sidText() + " still uses it");
            }
        }
        for (final PbrRule r : rules)
        {
            if (!vrfs.containsKey(r.vrfName()))
            {
                throw new IllegalStateException("VRF '" + r.vrfName() + "' is removed but PBR rule " + r +
                    " still uses it");
            }
        }
        for (final String name : vrfs.keySet())
        {
            final VrfBuilder b = vrfBuilders.get(name);
            final List<RouteAction> used = b != null ? b.usedActions() : usedActions(vrfs.get(name));
            for (final RouteAction a : used)
            {
                if (a.kind() == RouteAction.Kind.ENCAP && !vrfs.containsKey(a.underlayVrf()))
                {
                    throw new IllegalStateException("VRF '" + a.underlayVrf() + "' is removed but routes in VRF '" +
                        name + "' still encapsulate into it (" + a + ")");
                }
            }
        }
    }

    private static List<RouteAction> usedActions(final Vrf vrf)
    {
        final List<RouteAction> used = new ArrayList<>();
        for (int i = 0; i < vrf.actionCount(); i++)
        {
            if (vrf.actionRefs()[i] > 0)
            {
                used.add(vrf.action(i));
            }
        }
        return used;
    }

    private LocalSidTable buildSidTable()
    {
        final LocalSidTable previous = base.localSids();
        final BitSet usedCounters = new BitSet();
        final List<LocalSid> resolved = new ArrayList<>(sids.size());
        final List<LocalSid> fresh = new ArrayList<>();
        for (final LocalSid s : sids.values())
        {
            final LocalSid old = previous.find(s.sidHi(), s.sidLo());
            final int counter = old != null ? old.counterIndex() : s.counterIndex();
            if (counter >= 0 && !usedCounters.get(counter))
            {
                usedCounters.set(counter);
                resolved.add(resolveVrf(s).withCounterIndex(counter));
            }
            else
            {
                fresh.add(s);
            }
        }
        for (final LocalSid s : fresh)
        {
            final int counter = usedCounters.nextClearBit(0);
            usedCounters.set(counter);
            resolved.add(resolveVrf(s).withCounterIndex(counter));
        }
        return LocalSidTable.of(resolved, locators);
    }

    private LocalSid resolveVrf(final LocalSid s)
    {
        return s.vrfName() == null ? s : s.withVrfId(vrfs.get(s.vrfName()).id());
    }

    private PbrTable buildPbrTable()
    {
        final List<PbrRule> resolved = new ArrayList<>(rules.size());
        for (final PbrRule r : rules)
        {
            resolved.add(r.withVrfId(vrfs.get(r.vrfName()).id()));
        }
        return PbrTable.of(resolved);
    }
}
