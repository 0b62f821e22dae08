package net.srv6epe.vrf;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import net.srv6epe.vrf.pbr.PbrRule;
import net.srv6epe.vrf.prefix.Ipv4Prefix;
import net.srv6epe.vrf.prefix.Ipv6Prefix;
import net.srv6epe.vrf.route.RouteAction;
import net.srv6epe.vrf.sid.LocalSid;

/**
 * Moves a live forwarding state from one configured base to another: what a configuration reload does when routing
 * protocols have added routes and SIDs on top of the configured ones.
 *
 * <p>The differences between the old and the new base (VRFs, routes, local SIDs, locators, PBR rules) are applied
 * to the live state and nothing else is touched, so routes a protocol installed stay. The result is a new
 * snapshot; no state is ever edited in place. Where the configuration and a protocol both own the same VRF and
 * prefix, a route the reload changes or removes is changed or removed (the configuration's edit wins), and one it
 * leaves alone keeps whatever the protocol made of it.
 */
public final class StateRebase
{
    private StateRebase()
    {
    }

    /**
     * @param oldBase the configured state the live state was built on
     * @param newBase the configured state to move to
     * @param live    the state being forwarded with (the old base plus protocol changes)
     * @return the live state with the old base's differences to the new base applied; {@code live} itself when
     *     the bases do not differ
     * @throws IllegalArgumentException when a VRF would change its table id (remove it and add it back instead),
     *     or the new base names a table another live VRF holds
     * @throws IllegalStateException when the result would be inconsistent: a SID or rule a protocol added still
     *     uses a VRF the new base removes
     */
    public static ForwardingState rebase(final ForwardingState oldBase, final ForwardingState newBase,
        final ForwardingState live)
    {
        final ForwardingStateBuilder b = ForwardingStateBuilder.from(live);
        boolean changed = vrfs(oldBase, newBase, b);
        for (final Vrf newVrf : newBase.vrfs())
        {
            final Vrf oldVrf = oldBase.vrf(newVrf.name());
            if (oldVrf != newVrf)
            {
                changed |= routes(oldVrf, newVrf, b);
            }
        }
        changed |= sids(oldBase, newBase, b);
        changed |= locators(oldBase, newBase, b);
        changed |= rules(oldBase, newBase, b);
        return changed ? b.build() : live;
    }

    private static boolean vrfs(final ForwardingState oldBase, final ForwardingState newBase,
        final ForwardingStateBuilder b)
    {
        boolean changed = false;
        for (final Vrf oldVrf : oldBase.vrfs())
        {
            final Vrf newVrf = newBase.vrf(oldVrf.name());
            if (newVrf == null)
            {
                if (b.hasVrf(oldVrf.name()))
                {
                    b.removeVrf(oldVrf.name());
                    changed = true;
                }
            }
            else if (newVrf.tableId() != oldVrf.tableId())
            {
                throw new IllegalArgumentException("VRF '" + oldVrf.name() + "' would move from table " +
                    oldVrf.tableId() + " to " + newVrf.tableId() + ": remove it in one reload and add it in the next");
            }
        }
        for (final Vrf newVrf : newBase.vrfs())
        {
            if (oldBase.vrf(newVrf.name()) == null && !b.hasVrf(newVrf.name()))
            {
                b.addVrf(newVrf.name(), newVrf.tableId());
                changed = true;
            }
        }
        return changed;
    }

    private static boolean routes(final Vrf oldVrf, final Vrf newVrf, final ForwardingStateBuilder b)
    {
        final String name = newVrf.name();
        final Map<Ipv6Prefix, RouteAction> old6 = routes6(oldVrf);
        final Map<Ipv6Prefix, RouteAction> new6 = routes6(newVrf);
        final Map<Ipv4Prefix, RouteAction> old4 = routes4(oldVrf);
        final Map<Ipv4Prefix, RouteAction> new4 = routes4(newVrf);
        boolean changed = false;
        for (final Map.Entry<Ipv6Prefix, RouteAction> e : old6.entrySet())
        {
            if (!new6.containsKey(e.getKey()))
            {
                changed |= b.removeRoute(name, e.getKey());
            }
        }
        for (final Map.Entry<Ipv6Prefix, RouteAction> e : new6.entrySet())
        {
            if (!e.getValue().equals(old6.get(e.getKey())))
            {
                b.addRoute(name, e.getKey(), e.getValue());
                changed = true;
            }
        }
        for (final Map.Entry<Ipv4Prefix, RouteAction> e : old4.entrySet())
        {
            if (!new4.containsKey(e.getKey()))
            {
                changed |= b.removeRoute(name, e.getKey());
            }
        }
        for (final Map.Entry<Ipv4Prefix, RouteAction> e : new4.entrySet())
        {
            if (!e.getValue().equals(old4.get(e.getKey())))
            {
                b.addRoute(name, e.getKey(), e.getValue());
                changed = true;
            }
        }
        return changed;
    }

    private static Map<Ipv6Prefix, RouteAction> routes6(final Vrf vrf)
    {
        final Map<Ipv6Prefix, RouteAction> routes = new HashMap<>();
        if (vrf != null)
        {
            vrf.ipv6Fib().forEach((hi, lo, length, index) -> routes.put(Ipv6Prefix.of(hi, lo, length),
                vrf.action(index)));
        }
        return routes;
    }

    private static Map<Ipv4Prefix, RouteAction> routes4(final Vrf vrf)
    {
        final Map<Ipv4Prefix, RouteAction> routes = new HashMap<>();
        if (vrf != null)
        {
            vrf.ipv4Fib().forEach((address, length, index) -> routes.put(Ipv4Prefix.of(address, length),
                vrf.action(index)));
        }
        return routes;
    }

    private static boolean sids(final ForwardingState oldBase, final ForwardingState newBase,
        final ForwardingStateBuilder b)
    {
        final Map<Ipv6Prefix, LocalSid> oldSids = sidMap(oldBase.localSids().entries());
        final Map<Ipv6Prefix, LocalSid> newSids = sidMap(newBase.localSids().entries());
        boolean changed = false;
        for (final Map.Entry<Ipv6Prefix, LocalSid> e : oldSids.entrySet())
        {
            if (!newSids.containsKey(e.getKey()))
            {
                changed |= b.removeSid(e.getKey().hi(), e.getKey().lo());
            }
        }
        for (final Map.Entry<Ipv6Prefix, LocalSid> e : newSids.entrySet())
        {
            if (!Objects.equals(e.getValue(), oldSids.get(e.getKey())))
            {
                b.addSid(e.getValue());
                changed = true;
            }
        }
        return changed;
    }

    private static Map<Ipv6Prefix, LocalSid> sidMap(final List<LocalSid> sids)
    {
        final Map<Ipv6Prefix, LocalSid> map = new HashMap<>();
        for (final LocalSid s : sids)
        {
            map.put(Ipv6Prefix.host(s.sidHi(), s.sidLo()), s);
        }
        return map;
    }

    private static boolean locators(final ForwardingState oldBase, final ForwardingState newBase,
        final ForwardingStateBuilder b)
    {
        final Set<Ipv6Prefix> oldLocators = new HashSet<>(oldBase.localSids().locators());
        final Set<Ipv6Prefix> newLocators = new HashSet<>(newBase.localSids().locators());
        boolean changed = false;
        for (final Ipv6Prefix l : oldLocators)
        {
            if (!newLocators.contains(l))
            {
                changed |= b.removeLocator(l);
            }
        }
        for (final Ipv6Prefix l : newLocators)
        {
            if (!oldLocators.contains(l))
            {
                b.addLocator(l);
                changed = true;
            }
        }
        return changed;
    }

    private static boolean rules(final ForwardingState oldBase, final ForwardingState newBase,
        final ForwardingStateBuilder b)
    {
        final List<PbrRule> oldRules = oldBase.pbr().rules();
        final List<PbrRule> newRules = newBase.pbr().rules();
        boolean changed = false;
        for (final PbrRule r : oldRules)
        {
            if (!newRules.contains(r))
            {
                changed |= b.removePbrRule(r);
            }
        }
        for (final PbrRule r : newRules)
        {
            if (!oldRules.contains(r))
            {
                b.addPbrRule(r);
                changed = true;
            }
        }
        return changed;
    }
}
