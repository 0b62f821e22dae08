package net.srv6epe.dataplane.journal;

import net.srv6epe.vrf.ForwardingState;
import net.srv6epe.vrf.Vrf;
import net.srv6epe.vrf.VrfDiff;
import net.srv6epe.vrf.pbr.PbrRule;
import net.srv6epe.vrf.prefix.Ipv4Prefix;
import net.srv6epe.vrf.prefix.Ipv6Prefix;
import net.srv6epe.vrf.route.RouteAction;
import net.srv6epe.vrf.sid.LocalSid;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The route, SID and rule differences between two {@link ForwardingState} snapshots, in a stable order (VRFs by
 * id, routes in prefix order, then SIDs, then rules). Whoever publishes a snapshot (configuration now, reload
 * and BGP later) gets its journal events from here, so no writer has to report its own changes.
 *
 * <p>A VRF present in both snapshots as the same object is skipped without looking at its routes (builders reuse
 * an untouched VRF); otherwise only the FIB slots the two snapshots do not share are compared ({@link VrfDiff}),
 * so the cost follows the routes of the slots a batch changed, not the size of the table. Actions are compared by
 * their text ({@code RouteAction.toString()}, the iproute2 spelling), so a re-resolved underlay id alone is not a
 * change. Control-plane threads only: it allocates.
 */
public final class StateDiff
{
    private StateDiff()
    {
    }

    /**
     * @param before the snapshot that was current
     * @param after  the snapshot that replaces it
     * @return every change, empty when nothing a journal reader could see changed
     */
    public static List<StateChange> between(final ForwardingState before, final ForwardingState after)
    {
        final List<StateChange> changes = new ArrayList<>();
        routes(before, after, changes);
        sids(before, after, changes);
        rules(before, after, changes);
        return changes;
    }

    private static void routes(final ForwardingState before, final ForwardingState after, final List<StateChange> out)
    {
        for (final Vrf newVrf : after.vrfs())
        {
            final Vrf oldVrf = before.vrf(newVrf.name());
            if (oldVrf != newVrf)
            {
                routeChanges(newVrf.name(), oldVrf, newVrf, out);
            }
        }
        for (final Vrf oldVrf : before.vrfs())
        {
            if (after.vrf(oldVrf.name()) == null)
            {
                routeChanges(oldVrf.name(), oldVrf, null, out);
            }
        }
    }

    /**
     * The route changes of one VRF: additions and replacements (IPv6, then IPv4, prefix order), then removals
     * (same order). {@link VrfDiff} skips the FIB slots both snapshots share; the iproute2 text of each action is
     * made once per action.
     */
    private static void routeChanges(final String vrf, final Vrf before, final Vrf after, final List<StateChange> out)
    {
        final List<StateChange> removed = new ArrayList<>();
        final Map<RouteAction, String> texts = new IdentityHashMap<>();
        VrfDiff.between(before, after, new VrfDiff.Visitor()
        {
            @Override
            public void ipv6(final long hi, final long lo, final int length, final RouteAction was,
                final RouteAction now)
            {
                change(Ipv6Prefix.of(hi, lo, length).toString(), was, now);
            }

            @Override
            public void ipv4(final int address, final int length, final RouteAction was, final RouteAction now)
            {
                change(Ipv4Prefix.of(address, length).toString(), was, now);
            }

            private void change(final String key, final RouteAction was, final RouteAction now)
            {
                final String oldText = was == null ? null : texts.computeIfAbsent(was, RouteAction::toString);
                final String newText = now == null ? null : texts.computeIfAbsent(now, RouteAction::toString);
                if (!Objects.equals(oldText, newText))
                {
                    (newText == null ? removed : out).add(new StateChange(ChangeKind.ROUTE, vrf, key, oldText,
                        newText));
                }
            }
        });
        out.addAll(removed);
    }

    private static void sids(final ForwardingState before, final ForwardingState after, final List<StateChange> out)
    {
        final Map<String, LocalSid> oldSids = sidsOf(before);
        final Map<String, LocalSid> newSids = sidsOf(after);
        for (final Map.Entry<String, LocalSid> e : newSids.entrySet())
        {
            final LocalSid old = oldSids.get(e.getKey());
            final String newText = sidAction(e.getValue());
            final String oldText = old == null ? null : sidAction(old);
            if (!newText.equals(oldText))
            {
                out.add(new StateChange(ChangeKind.SID, sidVrf(e.getValue()), e.getKey(), oldText, newText));
            }
        }
        for (final Map.Entry<String, LocalSid> e : oldSids.entrySet())
        {
            if (!newSids.containsKey(e.getKey()))
            {
                out.add(new StateChange(ChangeKind.SID, sidVrf(e.getValue()), e.getKey(), sidAction(e.getValue()),
                    null));
            }
        }
    }

    private static void rules(final ForwardingState before, final ForwardingState after, final List<StateChange> out)
    {
        final Map<String, PbrRule> oldRules = rulesOf(before);
        final Map<String, PbrRule> newRules = rulesOf(after);
        for (final Map.Entry<String, PbrRule> e : newRules.entrySet())
        {
            final PbrRule old = oldRules.get(e.getKey());
            final String newText = "lookup " + e.getValue().vrfName();
            final String oldText = old == null ? null : "lookup " + old.vrfName();
            if (!newText.equals(oldText))
            {
                out.add(new StateChange(ChangeKind.RULE, e.getValue().vrfName(), e.getKey(), oldText, newText));
            }
        }
        for (final Map.Entry<String, PbrRule> e : oldRules.entrySet())
        {
            if (!newRules.containsKey(e.getKey()))
            {
                out.add(new StateChange(ChangeKind.RULE, e.getValue().vrfName(), e.getKey(),
                    "lookup " + e.getValue().vrfName(), null));
            }
        }
    }

    private static Map<String, LocalSid> sidsOf(final ForwardingState state)
    {
        final Map<String, LocalSid> sids = new LinkedHashMap<>();
        for (final LocalSid sid : state.localSids().entries())
        {
            sids.put(sid.sidText(), sid);
        }
        return sids;
    }

    private static Map<String, PbrRule> rulesOf(final ForwardingState state)
    {
        final Map<String, PbrRule> rules = new LinkedHashMap<>();
        for (final PbrRule rule : state.pbr().rules())
        {
            rules.put(ruleKey(rule), rule);
        }
        return rules;
    }

    /** {@code 10: from fd00:10::a/128} (and {@code to ...} when the rule has a destination). */
    static String ruleKey(final PbrRule rule)
    {
        final String text = rule.toString();
        return text.substring(0, text.lastIndexOf(" lookup "));
    }

    /** The SID's action as {@code ip -6 route} prints a seg6local route, without the SID itself. */
    static String sidAction(final LocalSid sid)
    {
        final String text = sid.toString();
        return text.substring(sid.sidText().length()).trim();
    }

    private static String sidVrf(final LocalSid sid)
    {
        return sid.vrfName() == null ? "" : sid.vrfName();
    }
}
