package net.srv6epe.vrf.pbr;

import net.srv6epe.vrf.prefix.Ipv4Prefix;
import net.srv6epe.vrf.prefix.Ipv6Prefix;

import java.util.Objects;

/**
 * A policy routing rule: packets whose source (and, optionally, destination) lies in the given prefixes are
 * looked up in the target VRF ({@code ip rule add pref 100 from 2001:db8:a::/64 lookup peerA}). A rule is IPv6
 * or IPv4, fixed by its source prefix. Lower priority values are tried first. Immutable.
 */
public final class PbrRule
{
    /** {@link #vrfId()} before the owning state resolved the VRF name. */
    public static final int UNRESOLVED = -1;

    private final int priority;
    private final Ipv6Prefix source6;
    private final Ipv6Prefix destination6;
    private final Ipv4Prefix source4;
    private final Ipv4Prefix destination4;
    private final String vrfName;
    private final int vrfId;

    private PbrRule(
        final int priority,
        final Ipv6Prefix source6,
        final Ipv6Prefix destination6,
        final Ipv4Prefix source4,
        final Ipv4Prefix destination4,
        final String vrfName,
        final int vrfId)
    {
        if (priority < 0)
        {
            throw new IllegalArgumentException("PBR priority must be >= 0, got " + priority);
        }
        if (vrfName == null || vrfName.isEmpty())
        {
            throw new IllegalArgumentException("PBR rule " + priority + " needs a target VRF");
        }
        this.priority = priority;
        this.source6 = source6;
        this.destination6 = destination6;
        this.source4 = source4;
        this.destination4 = destination4;
        this.vrfName = vrfName;
        this.vrfId = vrfId;
    }

    /**
     * An IPv6 rule.
     *
     * @param destination optional destination prefix, null for any
     */
    public static PbrRule ipv6(
        final int priority, final Ipv6Prefix source, final Ipv6Prefix destination, final String vrfName)
    {
        return new PbrRule(priority, Objects.requireNonNull(source, "source"), destination, null, null, vrfName,
            UNRESOLVED);
    }

    /**
     * An IPv4 rule.
     *
     * @param destination optional destination prefix, null for any
     */
    public static PbrRule ipv4(
        final int priority, final Ipv4Prefix source, final Ipv4Prefix destination, final String vrfName)
    {
        return new PbrRule(priority, null, null, Objects.requireNonNull(source, "source"), destination, vrfName,
            UNRESOLVED);
    }

    /** Copy with the target VRF id; used by the state builder. */
    public PbrRule withVrfId(final int id)
    {
        return new PbrRule(priority, source6, destination6, source4, destination4, vrfName, id);
    }

    public int priority()
    {
        return priority;
    }

    public boolean isIpv6()
    {
        return source6 != null;
    }

    /** Source prefix of an IPv6 rule, else null. */
    public Ipv6Prefix source6()
    {
        return source6;
    }

    /** Destination prefix of an IPv6 rule, or null for any. */
    public Ipv6Prefix destination6()
    {
        return destination6;
    }

    /** Source prefix of an IPv4 rule, else null. */
    public Ipv4Prefix source4()
    {
        return source4;
    }

    /** Destination prefix of an IPv4 rule, or null for any. */
    public Ipv4Prefix destination4()
    {
        return destination4;
    }

    public String vrfName()
    {
        return vrfName;
    }

    public int vrfId()
    {
        return vrfId;
    }

    /** Equality ignores the resolved VRF id. */
    @Override
    public boolean equals(final Object o)
    {
        if (!(o instanceof PbrRule))
        {
            return false;
        }
        final PbrRule r = (PbrRule)o;
        return priority == r.priority && Objects.equals(source6, r.source6) &&
            Objects.equals(destination6, r.destination6) && Objects.equals(source4, r.source4) &&
            Objects.equals(destination4, r.destination4) && vrfName.equals(r.vrfName);
    }

    @Override
    public int hashCode()
    {
        return Objects.hash(priority, source6, destination6, source4, destination4, vrfName);
    }

    /** {@code ip rule} spelling: {@code 100: from 2001:db8:a::/64 lookup peerA}. */
    @Override
    public String toString()
    {
        final Object source = isIpv6() ? source6 : source4;
        final Object destination = isIpv6() ? destination6 : destination4;
        return priority + ": from " + source + (destination != null ? " to " + destination : "") + " lookup " +
            vrfName;
    }
}
