package net.srv6epe.bgp.rib;

import net.srv6epe.bgp.wire.attribute.AsPath;
import net.srv6epe.bgp.wire.attribute.AsPathSegment;
import net.srv6epe.bgp.wire.attribute.AttributeType;
import net.srv6epe.bgp.wire.attribute.ExtendedCommunities;
import net.srv6epe.bgp.wire.attribute.ExtendedCommunity;
import net.srv6epe.bgp.wire.attribute.LocalPref;
import net.srv6epe.bgp.wire.attribute.MultiExitDisc;
import net.srv6epe.bgp.wire.attribute.Origin;
import net.srv6epe.bgp.wire.attribute.OriginatorId;
import net.srv6epe.bgp.wire.attribute.PathAttribute;
import net.srv6epe.bgp.wire.prefixsid.PrefixSid;
import net.srv6epe.bgp.wire.prefixsid.Srv6SidInformation;
import net.srv6epe.srv6.Ipv6Address;

import java.util.ArrayList;
import java.util.List;

/**
 * The path attributes shared by many routes, interned by {@link AttributeInterner}: the attribute list as kept
 * (RFC 7606 discards applied, MP_REACH/MP_UNREACH removed), the next hop from MP_REACH, and the values best-path
 * selection and the roles read, pre-extracted so no route carries its own copy. Equality is the attribute list
 * and the next hop.
 *
 * <p>Immutable apart from the interner's reference count.
 */
public final class PathAttributes
{
    /** RFC 4271 5.1.5: the LOCAL_PREF assumed when absent (the common operator default). */
    public static final long DEFAULT_LOCAL_PREF = 100;

    private final List<PathAttribute> attributes;
    private final long nextHopHi;
    private final long nextHopLo;
    private final int origin;
    private final int asPathLength;
    private final long neighborAs;
    private final boolean hasMed;
    private final long med;
    private final long localPref;
    private final boolean hasOriginatorId;
    private final int originatorId;
    private final long[] routeTargets;
    private final Srv6SidInformation srv6Sid;
    private final int hash;
    int references;

    private PathAttributes(final List<PathAttribute> attributes, final long nextHopHi, final long nextHopLo)
    {
        this.attributes = attributes;
        this.nextHopHi = nextHopHi;
        this.nextHopLo = nextHopLo;
        int origin = Origin.INCOMPLETE;
        int pathLength = 0;
        long neighborAs = 0;
        boolean hasMed = false;
        long med = 0;
        long localPref = DEFAULT_LOCAL_PREF;
        boolean hasOriginatorId = false;
        int originatorId = 0;
        final List<Long> rts = new ArrayList<>(0);
        Srv6SidInformation sid = null;
        for (final PathAttribute a : attributes)
        {
            if (a instanceof Origin o)
            {
                origin = o.origin();
            }
            else if (a instanceof AsPath p && p.typeCode() == AttributeType.AS_PATH)
            {
                pathLength = p.pathLength();
                neighborAs = firstAs(p);
            }
            else if (a instanceof MultiExitDisc m)
            {
                hasMed = true;
                med = m.med() & 0xFFFFFFFFL;
            }
            else if (a instanceof LocalPref l)
            {
                localPref = l.preference() & 0xFFFFFFFFL;
            }
            else if (a instanceof OriginatorId o)
            {
                hasOriginatorId = true;
                originatorId = o.routerId();
            }
            else if (a instanceof ExtendedCommunities e)
            {
                for (final ExtendedCommunity c : e.routeTargets())
                {
                    rts.add(c.value());
                }
            }
            else if (a instanceof PrefixSid p && sid == null)
            {
                sid = p.l3ServiceSid();
            }
        }
        this.origin = origin;
        this.asPathLength = pathLength;
        this.neighborAs = neighborAs;
        this.hasMed = hasMed;
        this.med = med;
        this.localPref = localPref;
        this.hasOriginatorId = hasOriginatorId;
        this.originatorId = originatorId;
        this.routeTargets = rts.stream().mapToLong(Long::longValue).toArray();
        this.srv6Sid = sid;
        this.hash = 31 * (31 * attributes.hashCode() + Long.hashCode(nextHopHi)) + Long.hashCode(nextHopLo);
    }

    /**
     * A new (not yet interned) attribute set.
     *
     * @param attributes the kept attributes; MP_REACH_NLRI and MP_UNREACH_NLRI are dropped
     */
    public static PathAttributes of(final List<PathAttribute> attributes, final long nextHopHi, final long nextHopLo)
    {
        final List<PathAttribute> kept = new ArrayList<>(attributes.size());
        for (final PathAttribute a : attributes)
        {
            if (a.typeCode() != AttributeType.MP_REACH_NLRI && a.typeCode() != AttributeType.MP_UNREACH_NLRI)
            {
                kept.add(a);
            }
        }
        return new PathAttributes(List.copyOf(kept), nextHopHi, nextHopLo);
    }

    private static long firstAs(final AsPath path)
    {
        for (final AsPathSegment s : path.segments())
        {
            if (s.type() == AsPathSegment.AS_SEQUENCE && !s.asns().isEmpty())
            {
                return s.asns().get(0);
            }
        }
        return 0;
    }

    /** The attributes as kept, without MP_REACH/MP_UNREACH. */
    public List<PathAttribute> attributes()
    {
        return attributes;
    }

    /** The global next hop from MP_REACH_NLRI (RFC 4760 3, RFC 2545 3, RFC 4659 3.2.1.1), high 64 bits. */
    public long nextHopHi()
    {
        return nextHopHi;
    }

    /** The global next hop, low 64 bits. */
    public long nextHopLo()
    {
        return nextHopLo;
    }

    /** ORIGIN (RFC 4271 5.1.1), INCOMPLETE when absent. */
    public int origin()
    {
        return origin;
    }

    /** AS_PATH length with an AS_SET counting 1 (RFC 4271 9.1.2.2 a). */
    public int asPathLength()
    {
        return asPathLength;
    }

    /** The first AS of the AS_PATH (the neighbor AS for MED comparison, RFC 4271 9.1.2.2 c), 0 when empty. */
    public long neighborAs()
    {
        return neighborAs;
    }

    /** Whether MULTI_EXIT_DISC was present. */
    public boolean hasMed()
    {
        return hasMed;
    }

    /** MULTI_EXIT_DISC, 0 when absent (RFC 4271 9.1.2.2 c). */
    public long med()
    {
        return med;
    }

    /** LOCAL_PREF, {@link #DEFAULT_LOCAL_PREF} when absent. */
    public long localPref()
    {
        return localPref;
    }

    /** Whether ORIGINATOR_ID was present (the route came through a route reflector). */
    public boolean hasOriginatorId()
    {
        return hasOriginatorId;
    }

    /** ORIGINATOR_ID (RFC 4456 8), 0 when absent. */
    public int originatorId()
    {
        return originatorId;
    }

    /** True when any route target equals one of {@code targets}. */
    public boolean hasAnyRouteTarget(final long[] targets)
    {
        for (final long rt : routeTargets)
        {
            for (final long t : targets)
            {
                if (rt == t)
                {
                    return true;
                }
            }
        }
        return false;
    }

    /** The route targets as extended communities. */
    public List<ExtendedCommunity> routeTargets()
    {
        final List<ExtendedCommunity> out = new ArrayList<>(routeTargets.length);
        for (final long rt : routeTargets)
        {
            out.add(new ExtendedCommunity(rt));
        }
        return out;
    }

    /** The SID information of the first SRv6 L3 Service TLV (RFC 9252 2), or null. */
    public Srv6SidInformation srv6Sid()
    {
        return srv6Sid;
    }

    /** Whether a Prefix-SID attribute (type 40) is present at all. */
    public boolean hasPrefixSid()
    {
        for (final PathAttribute a : attributes)
        {
            if (a instanceof PrefixSid)
            {
                return true;
            }
        }
        return false;
    }

    /** Routes currently holding this interned set. */
    public int references()
    {
        return references;
    }

    @Override
    public boolean equals(final Object o)
    {
        if (this == o)
        {
            return true;
        }
        return o instanceof PathAttributes p && p.hash == hash && p.nextHopHi == nextHopHi &&
            p.nextHopLo == nextHopLo && p.attributes.equals(attributes);
    }

    @Override
    public int hashCode()
    {
        return hash;
    }

    @Override
    public String toString()
    {
        return "nexthop " + Ipv6Address.format(nextHopHi, nextHopLo) + " " + attributes;
    }
}
