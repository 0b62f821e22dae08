package net.srv6epe.vrf.pbr;

import net.srv6epe.vrf.prefix.Ipv4Prefix;
import net.srv6epe.vrf.prefix.Ipv6Prefix;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * The policy routing rules, split by family and flattened into primitive arrays in ascending priority (rules
 * of equal priority keep their insertion order). A lookup scans until the first match: the EPE use has one
 * rule per egress peer, tens at most, so a linear scan over a few cache lines beats any index. A packet no rule
 * matches stays in the VRF of its ingress port ({@link #NO_MATCH}).
 *
 * <p>Immutable; lookups allocate nothing.
 */
public final class PbrTable
{
    /** No rule matched: use the ingress port's VRF. */
    public static final int NO_MATCH = -1;

    private static final PbrTable EMPTY = of(List.of());

    private final List<PbrRule> rules;
    private final long[] v6;  // per rule: srcHi, srcLo, srcMaskHi, srcMaskLo, dstHi, dstLo, dstMaskHi, dstMaskLo
    private final int[] v6Vrf;
    private final int[] v4;   // per rule: src, srcMask, dst, dstMask
    private final int[] v4Vrf;

    private PbrTable(final List<PbrRule> rules)
    {
        this.rules = rules;
        final List<PbrRule> six = new ArrayList<>();
        final List<PbrRule> four = new ArrayList<>();
        for (final PbrRule r : rules)
        {
            (r.isIpv6() ? six : four).add(r);
        }
        v6 = new long[8 * six.size()];
        v6Vrf = new int[six.size()];
        for (int i = 0; i < six.size(); i++)
        {
            final PbrRule r = six.get(i);
            final int b = 8 * i;
            v6[b] = r.source6().hi();
            v6[b + 1] = r.source6().lo();
            v6[b + 2] = Ipv6Prefix.maskHi(r.source6().length());
            v6[b + 3] = Ipv6Prefix.maskLo(r.source6().length());
            if (r.destination6() != null)
            {
                v6[b + 4] = r.destination6().hi();
                v6[b + 5] = r.destination6().lo();
                v6[b + 6] = Ipv6Prefix.maskHi(r.destination6().length());
                v6[b + 7] = Ipv6Prefix.maskLo(r.destination6().length());
            }
            v6Vrf[i] = r.vrfId();
        }
        v4 = new int[4 * four.size()];
        v4Vrf = new int[four.size()];
        for (int i = 0; i < four.size(); i++)
        {
            final PbrRule r = four.get(i);
            final int b = 4 * i;
            v4[b] = r.source4().address();
            v4[b + 1] = Ipv4Prefix.mask(r.source4().length());
            if (r.destination4() != null)
            {
                v4[b + 2] = r.destination4().address();
                v4[b + 3] = Ipv4Prefix.mask(r.destination4().length());
            }
            v4Vrf[i] = r.vrfId();
        }
    }

    public static PbrTable empty()
    {
        return EMPTY;
    }

    /** A table of the rules, ordered by ascending priority (stable for equal priorities). */
    public static PbrTable of(final Collection<PbrRule> rules)
    {
        final List<PbrRule> sorted = new ArrayList<>(rules);
        sorted.sort(Comparator.comparingInt(PbrRule::priority));
        return new PbrTable(Collections.unmodifiableList(sorted));
    }

    /**
     * First IPv6 rule, by ascending priority, matching the packet. Allocation free.
     *
     * @return the target VRF id of the rule, or {@link #NO_MATCH}
     */
    public int lookup6(final long srcHi, final long srcLo, final long dstHi, final long dstLo)
    {
        final long[] r = v6;
        for (int b = 0, i = 0; b < r.length; b += 8, i++)
        {
            if ((srcHi & r[b + 2]) == r[b] && (srcLo & r[b + 3]) == r[b + 1] &&
                (dstHi & r[b + 6]) == r[b + 4] && (dstLo & r[b + 7]) == r[b + 5])
            {
                return v6Vrf[i];
            }
        }
        return NO_MATCH;
    }

    /**
     * First IPv4 rule, by ascending priority, matching the packet. Allocation free.
     *
     * @return the target VRF id of the rule, or {@link #NO_MATCH}
     */
    public int lookup4(final int src, final int dst)
    {
        final int[] r = v4;
        for (int b = 0, i = 0; b < r.length; b += 4, i++)
        {
            if ((src & r[b + 1]) == r[b] && (dst & r[b + 3]) == r[b + 2])
            {
                return v4Vrf[i];
            }
        }
        return NO_MATCH;
    }

    /** The rules in evaluation order (for {@code show rule}). */
    public List<PbrRule> rules()
    {
        return rules;
    }

    public int size()
    {
        return rules.size();
    }
}
