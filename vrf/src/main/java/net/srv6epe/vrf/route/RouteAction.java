package net.srv6epe.vrf.route;

import net.srv6epe.srv6.Behavior;
import net.srv6epe.srv6.Ipv4Address;
import net.srv6epe.srv6.Ipv6Address;
import net.srv6epe.srv6.behavior.EncapTemplate;

import java.util.Objects;

/**
 * What a FIB entry resolves to: forward via a next hop, forward to a directly connected destination, encapsulate
 * in SRv6 (H.Encaps / H.Encaps.Red) and route the outer packet in an underlay VRF, deliver locally, or drop
 * (blackhole silently, unreachable with an ICMP error). The pipeline switches on {@link #kind()} and reads the
 * primitive fields; nothing allocates.
 *
 * <p>Immutable. {@link #toString()} uses iproute2 spelling: {@code via fe80::1 dev eth0},
 * {@code dev eth1}, {@code encap seg6 mode encap segs 1 [ fc00:1::100 ] vrf underlay}, {@code local},
 * {@code blackhole}, {@code unreachable}.
 */
public final class RouteAction
{
    /** Address family of a next hop: none. */
    public static final int NO_NEXT_HOP = 0;
    /** Address family of a next hop: IPv4. */
    public static final int NEXT_HOP_IPV4 = 4;
    /** Address family of a next hop: IPv6. */
    public static final int NEXT_HOP_IPV6 = 6;
    /** Value of {@link #underlayVrfId()} before the owning state resolved the underlay VRF name. */
    public static final int UNRESOLVED = -1;

    private static final RouteAction LOCAL =
        new RouteAction(Kind.LOCAL, NO_NEXT_HOP, 0, 0, 0, null, null, null, -1, null, 0);
    private static final RouteAction BLACKHOLE =
        new RouteAction(Kind.BLACKHOLE, NO_NEXT_HOP, 0, 0, 0, null, null, null, -1, null, 0);
    private static final RouteAction UNREACHABLE =
        new RouteAction(Kind.UNREACHABLE, NO_NEXT_HOP, 0, 0, 0, null, null, null, -1, null, 0);

    private final Kind kind;
    private final int nextHopFamily;
    private final long nextHopHi;
    private final long nextHopLo;
    private final int nextHop4;
    private final String port;
    private final EncapTemplate encap;
    private final String underlayVrf;
    private final int underlayVrfId;
    /** Name of the bond of a {@link Kind#BOND} action, else null. */
    private final String bond;
    /** The bond's id (the 16-bit id it carries in its TLV), or 0. */
    private final int bondId;
    /** {@link #hashCode()}, computed once (0: not yet); racy single-check caching of an immutable value. */
    private int hash;

    private RouteAction(
        final Kind kind,
        final int nextHopFamily,
        final long nextHopHi,
        final long nextHopLo,
        final int nextHop4,
        final String port,
        final EncapTemplate encap,
        final String underlayVrf,
        final int underlayVrfId,
        final String bond,
        final int bondId)
    {
        this.bond = bond;
        this.bondId = bondId;
        this.kind = kind;
        this.nextHopFamily = nextHopFamily;
        this.nextHopHi = nextHopHi;
        this.nextHopLo = nextHopLo;
        this.nextHop4 = nextHop4;
        this.port = port;
        this.encap = encap;
        this.underlayVrf = underlayVrf;
        this.underlayVrfId = underlayVrfId;
    }

    /**
     * Forward via an IPv6 next hop.
     *
     * @param port egress port name, or null to find it by looking the next hop up in the same VRF
     */
    public static RouteAction via(final long nextHopHi, final long nextHopLo, final String port)
    {
        return new RouteAction(Kind.FORWARD, NEXT_HOP_IPV6, nextHopHi, nextHopLo, 0, port, null, null, -1, null, 0);
    }

    /**
     * Forward via an IPv4 next hop.
     *
     * @param port egress port name, or null to find it by looking the next hop up in the same VRF
     */
    public static RouteAction via4(final int nextHop, final String port)
    {
        return new RouteAction(Kind.FORWARD, NEXT_HOP_IPV4, 0, 0, nextHop, port, null, null, -1, null, 0);
    }

    /** Directly connected: the destination itself is resolved on the port. */
    public static RouteAction connected(final String port)
    {
        requireNonEmpty(port, "a connected route needs a port");
        return new RouteAction(Kind.CONNECTED, NO_NEXT_HOP, 0, 0, 0, port, null, null, -1, null, 0);
    }

    /**
     * Encapsulate with a precomputed outer header and route the outer packet in {@code underlayVrf}.
     *
     * @param template the H.Encaps or H.Encaps.Red outer headers
     * @param underlayVrf name of the VRF in which the outer destination (the first SID) is looked up
     */
    public static RouteAction encap(final EncapTemplate template, final String underlayVrf)
    {
        Objects.requireNonNull(template, "template");
        requireNonEmpty(underlayVrf, "an encap route needs the underlay VRF in which to route the outer packet");
        return new RouteAction(Kind.ENCAP, NO_NEXT_HOP, 0, 0, 0, null, template, underlayVrf, UNRESOLVED, null, 0);
    }

    /**
     * Spread matching packets over the members of a bond (docs/BONDING.md): the data plane's bond table, not the
     * FIB, holds the members and their state.
     *
     * @param name the bond's configured name
     * @param id the bond's id, 1..65535
     */
    public static RouteAction bond(final String name, final int id)
    {
        requireNonEmpty(name, "a bond route needs the bond's name");
        if (id < 1 || id > 0xFFFF)
        {
            throw new IllegalArgumentException("a bond id is 1..65535, got " + id);
        }
        return new RouteAction(Kind.BOND, NO_NEXT_HOP, 0, 0, 0, null, null, null, -1, name, id);
    }

    /** Our own address: deliver to the local stack (punt). */
    public static RouteAction local()
    {
        return LOCAL;
    }

    /** Drop silently. */
    public static RouteAction blackhole()
    {
        return BLACKHOLE;
    }

    /** Drop with ICMP Destination Unreachable. */
    public static RouteAction unreachable()
    {
        return UNREACHABLE;
    }

    private static void requireNonEmpty(final String value, final String message)
    {
        if (value == null || value.isEmpty())
        {
            throw new IllegalArgumentException(message);
        }
    }

    /**
     * A copy with the underlay VRF id filled in; used by the state builder that owns the name-to-id mapping.
     */
    public RouteAction withUnderlayVrfId(final int vrfId)
    {
        if (kind != Kind.ENCAP)
        {
            throw new IllegalStateException("only encap actions have an underlay VRF: " + this);
        }
        return new RouteAction(kind, nextHopFamily, nextHopHi, nextHopLo, nextHop4, port, encap, underlayVrf, vrfId, bond,
            bondId);
    }

    public Kind kind()
    {
        return kind;
    }

    /** {@link #NO_NEXT_HOP}, {@link #NEXT_HOP_IPV4} or {@link #NEXT_HOP_IPV6}. */
    public int nextHopFamily()
    {
        return nextHopFamily;
    }

    public long nextHopHi()
    {
        return nextHopHi;
    }

    public long nextHopLo()
    {
        return nextHopLo;
    }

    public int nextHop4()
    {
        return nextHop4;
    }

    /** Egress port name, or null (not connected and no port given). */
    public String port()
    {
        return port;
    }

    /** The outer headers of an {@link Kind#ENCAP} action, else null. */
    public EncapTemplate encap()
    {
        return encap;
    }

    /** Name of the VRF routing the outer packet of an {@link Kind#ENCAP} action, else null. */
    public String underlayVrf()
    {
        return underlayVrf;
    }

    /** Id of {@link #underlayVrf()} within the state holding this action, or {@link #UNRESOLVED}. */
    public int underlayVrfId()
    {
        return underlayVrfId;
    }

    /** The bond of a {@link Kind#BOND} action, else null. */
    public String bond()
    {
        return bond;
    }

    /** The id of {@link #bond()}, else 0. */
    public int bondId()
    {
        return bondId;
    }

    /** Equality ignores the resolved underlay id: two actions are the same route target. */
    @Override
    public boolean equals(final Object o)
    {
        if (this == o)
        {
            return true;
        }
        if (!(o instanceof RouteAction))
        {
            return false;
        }
        final RouteAction a = (RouteAction)o;
        return kind == a.kind && nextHopFamily == a.nextHopFamily && nextHopHi == a.nextHopHi &&
            nextHopLo == a.nextHopLo && nextHop4 == a.nextHop4 && Objects.equals(port, a.port) &&
            Objects.equals(encap, a.encap) && Objects.equals(underlayVrf, a.underlayVrf) &&
            Objects.equals(bond, a.bond) && bondId == a.bondId;
    }

    @Override
    public int hashCode()
    {
        int h = hash;
        if (h == 0)
        {
            h = Objects.hash(kind, nextHopHi, nextHopLo, nextHop4, port, encap, underlayVrf, bond, bondId);
            hash = h;
        }
        return h;
    }

    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder();
        switch (kind)
        {
            case FORWARD:
                sb.append("via ").append(nextHopFamily == NEXT_HOP_IPV6 ?
                    Ipv6Address.format(nextHopHi, nextHopLo) : Ipv4Address.format(nextHop4));
                if (port != null)
                {
                    sb.append(" dev ").append(port);
                }
                break;
            case CONNECTED:
                sb.append("dev ").append(port).append(" scope link");
                break;
            case ENCAP:
                sb.append("encap seg6 mode ").append(encap.mode() == Behavior.H_ENCAPS ? "encap" : "encap.red")
                    .append(" segs ").append(encap.segmentCount()).append(" [ ");
                for (int i = 0; i < encap.segmentCount(); i++)
                {
                    sb.append(Ipv6Address.format(encap.segmentHi(i), encap.segmentLo(i))).append(' ');
                }
                sb.append("] vrf ").append(underlayVrf);
                break;
            case BOND:
                sb.append("bond ").append(bond).append(" id ").append(bondId);
                break;
            case LOCAL:
                sb.append("local");
                break;
            case BLACKHOLE:
                sb.append("blackhole");
                break;
            default:
                sb.append("unreachable");
                break;
        }
        return sb.toString();
    }

    /** The kinds of route action. */
    public enum Kind
    {
        /** Forward via a next hop. */
        FORWARD,
        /** Forward to the destination itself on a directly connected port. */
        CONNECTED,
        /** H.Encaps / H.Encaps.Red, then route the outer packet in the underlay VRF. */
        ENCAP,
        /** Spread over the members of a bond (docs/BONDING.md). */
        BOND,
        /** Deliver to this router. */
        LOCAL,
        /** Drop silently ({@code drop.route.blackhole}). */
        BLACKHOLE,
        /** Drop with ICMP Destination Unreachable ({@code drop.route.unreachable}). */
        UNREACHABLE
    }
}
