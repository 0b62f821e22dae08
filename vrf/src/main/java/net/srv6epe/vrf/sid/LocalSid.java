package net.srv6epe.vrf.sid;

import net.srv6epe.srv6.Behavior;
import net.srv6epe.srv6.Flavor;
import net.srv6epe.srv6.Ipv4Address;
import net.srv6epe.srv6.Ipv6Address;

import java.util.Objects;

/**
 * One entry of the {@link LocalSidTable}: a 128-bit SID bound to an endpoint behavior (RFC 8986) and the
 * attributes that behavior needs (flavors for End/End.X, a VRF for End.DT4/6/46, a next hop for End.X, End.DX6
 * and End.DX4, an optional egress port), plus the index of its packet/byte counters.
 *
 * <p>Immutable; the {@code with*} methods return copies. {@link SidAttributeRules#validate} checks an entry
 * against its behavior's row. {@link #toString()} reads like iproute2's {@code seg6local} routes.
 */
public final class LocalSid
{
    /** {@link #vrfId()} before the owning state resolved the VRF name, and for behaviors without a VRF. */
    public static final int NO_VRF = -1;
    /** {@link #counterIndex()} before the table assigned one. */
    public static final int NO_COUNTER = -1;

    private final long sidHi;
    private final long sidLo;
    private final Behavior behavior;
    private final int flavors;
    private final String vrfName;
    private final int vrfId;
    private final int nextHopFamily;
    private final long nextHopHi;
    private final long nextHopLo;
    private final int nextHop4;
    private final String port;
    private final int counterIndex;

    private LocalSid(
        final long sidHi,
        final long sidLo,
        final Behavior behavior,
        final int flavors,
        final String vrfName,
        final int vrfId,
        final int nextHopFamily,
        final long nextHopHi,
        final long nextHopLo,
        final int nextHop4,
        final String port,
        final int counterIndex)
    {
        this.sidHi = sidHi;
        this.sidLo = sidLo;
        this.behavior = Objects.requireNonNull(behavior, "behavior");
        this.flavors = flavors;
        this.vrfName = vrfName;
        this.vrfId = vrfId;
        this.nextHopFamily = nextHopFamily;
        this.nextHopHi = nextHopHi;
        this.nextHopLo = nextHopLo;
        this.nextHop4 = nextHop4;
        this.port = port;
        this.counterIndex = counterIndex;
    }

    /** A SID with a behavior and no attributes yet; add them with the {@code with*} methods. */
    public static LocalSid of(final long sidHi, final long sidLo, final Behavior behavior)
    {
        return new LocalSid(sidHi, sidLo, behavior, 0, null, NO_VRF, 0, 0, 0, 0, null, NO_COUNTER);
    }

    /** @param flavors bits of {@link Flavor} */
    public LocalSid withFlavors(final int flavors)
    {
        return new LocalSid(sidHi, sidLo, behavior, flavors, vrfName, vrfId, nextHopFamily, nextHopHi, nextHopLo,
            nextHop4, port, counterIndex);
    }

    /** The VRF an End.DT4/DT6/DT46 looks the inner packet up in. */
    public LocalSid withVrf(final String name)
    {
        return new LocalSid(sidHi, sidLo, behavior, flavors, name, NO_VRF, nextHopFamily, nextHopHi, nextHopLo,
            nextHop4, port, counterIndex);
    }

    /** IPv6 next hop of End.X or End.DX6. */
    public LocalSid withNextHop6(final long hi, final long lo)
    {
        return new LocalSid(sidHi, sidLo, behavior, flavors, vrfName, vrfId, 6, hi, lo, 0, port, counterIndex);
    }

    /** IPv4 next hop of End.DX4. */
    public LocalSid withNextHop4(final int address)
    {
        return new LocalSid(sidHi, sidLo, behavior, flavors, vrfName, vrfId, 4, 0, 0, address, port, counterIndex);
    }

    /** Egress port for End.X / End.DX4 / End.DX6 (otherwise found by looking the next hop up). */
    public LocalSid withPort(final String portName)
    {
        return new LocalSid(sidHi, sidLo, behavior, flavors, vrfName, vrfId, nextHopFamily, nextHopHi, nextHopLo,
            nextHop4, portName, counterIndex);
    }

    /** Copy with the resolved VRF id; used by the state builder. */
    public LocalSid withVrfId(final int id)
    {
        return new LocalSid(sidHi, sidLo, behavior, flavors, vrfName, id, nextHopFamily, nextHopHi, nextHopLo,
            nextHop4, port, counterIndex);
    }

    /** Copy with the counter index; used by the state builder, which keeps it stable for a SID. */
    public LocalSid withCounterIndex(final int index)
    {
        return new LocalSid(sidHi, sidLo, behavior, flavors, vrfName, vrfId, nextHopFamily, nextHopHi, nextHopLo,
            nextHop4, port, index);
    }

    public long sidHi()
    {
        return sidHi;
    }

    public long sidLo()
    {
        return sidLo;
    }

    public Behavior behavior()
    {
        return behavior;
    }

    /** Bits of {@link Flavor}. */
    public int flavors()
    {
        return flavors;
    }

    public boolean hasFlavor(final Flavor flavor)
    {
        return Flavor.isSet(flavors, flavor);
    }

    /** VRF name for End.DT4/DT6/DT46, else null. */
    public String vrfName()
    {
        return vrfName;
    }

    /** Id of {@link #vrfName()} in the state holding this entry, or {@link #NO_VRF}. */
    public int vrfId()
    {
        return vrfId;
    }

    /** 0 (none), 4 or 6. */
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

    /** Egress port name, or null. */
    public String port()
    {
        return port;
    }

    /** Index of this SID's counters, stable for the SID across snapshots; {@link #NO_COUNTER} if unassigned. */
    public int counterIndex()
    {
        return counterIndex;
    }

    /** The SID in text form. */
    public String sidText()
    {
        return Ipv6Address.format(sidHi, sidLo);
    }

    /** Same SID and attributes; the counter index and the resolved VRF id are not compared. */
    @Override
    public boolean equals(final Object o)
    {
        if (!(o instanceof LocalSid))
        {
            return false;
        }
        final LocalSid s = (LocalSid)o;
        return sidHi == s.sidHi && sidLo == s.sidLo && behavior == s.behavior && flavors == s.flavors &&
            Objects.equals(vrfName, s.vrfName) && nextHopFamily == s.nextHopFamily && nextHopHi == s.nextHopHi &&
            nextHopLo == s.nextHopLo && nextHop4 == s.nextHop4 && Objects.equals(port, s.port);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(sidHi, sidLo, behavior, flavors, vrfName, nextHopHi, nextHopLo, nextHop4, port);
    }

    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder(sidText()).append(" action ").append(behavior.displayName());
        if (flavors != 0)
        {
            sb.append(" flavors ");
            boolean first = true;
            for (final Flavor f : Flavor.values())
            {
                if (Flavor.isSet(flavors, f))
                {
                    sb.append(first ? "" : ",").append(f.displayName().toLowerCase());
                    first = false;
                }
            }
        }
        if (vrfName != null)
        {
            sb.append(" vrftable ").append(vrfName);
        }
        if (nextHopFamily == 6)
        {
            sb.append(" nh6 ").append(Ipv6Address.format(nextHopHi, nextHopLo));
        }
        else if (nextHopFamily == 4)
        {
            sb.append(" nh4 ").append(Ipv4Address.format(nextHop4));
        }
        if (port != null)
        {
            sb.append(" dev ").append(port);
        }
        return sb.toString();
    }
}
