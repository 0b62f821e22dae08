package net.srv6epe.bgp.role;

import net.srv6epe.bgp.wire.WireOptions;
import net.srv6epe.bgp.wire.attribute.AsPath;
import net.srv6epe.bgp.wire.attribute.AsPathSegment;
import net.srv6epe.bgp.wire.attribute.Origin;
import net.srv6epe.bgp.wire.attribute.PathAttribute;
import net.srv6epe.bgp.wire.message.UpdateMessage;
import net.srv6epe.bgp.wire.nlri.AddressFamily;
import net.srv6epe.bgp.wire.nlri.Ipv6Prefix;
import net.srv6epe.srv6.Ipv6Address;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The IPv6 unicast routes the ASBR originates to one egress peer (eBGP): typically the content provider's prefixes,
 * each EPE source prefix to the peer whose path it should return by. Announced with ORIGIN IGP, an AS_PATH of our
 * AS alone (RFC 4271 5.1.2), the next hop our address on the link to the peer (RFC 2545 2, RFC 4760 3), no
 * LOCAL_PREF (RFC 4271 5.1.5: not sent to an external peer), then the IPv6 unicast End-of-RIB (RFC 4724 2).
 *
 * @param nextHopHi our address on the link to the peer, high 64 bits
 * @param nextHopLo low 64 bits
 * @param prefixes  the prefixes, host bits clear, each once; may be empty (only the End-of-RIB is sent)
 */
public record EgressAnnouncement(long nextHopHi, long nextHopLo, List<Ipv6Prefix> prefixes)
{
    /**
     * @throws IllegalArgumentException naming the prefix that has host bits set or is given twice
     */
    public EgressAnnouncement
    {
        prefixes = List.copyOf(prefixes);
        final Set<Ipv6Prefix> seen = new HashSet<>();
        for (final Ipv6Prefix p : prefixes)
        {
            if ((p.hi() & ~net.srv6epe.vrf.prefix.Ipv6Prefix.maskHi(p.length())) != 0 ||
                (p.lo() & ~net.srv6epe.vrf.prefix.Ipv6Prefix.maskLo(p.length())) != 0)
            {
                throw new IllegalArgumentException("announced prefix " + p + " has host bits set");
            }
            if (!seen.add(p))
            {
                throw new IllegalArgumentException("announced prefix " + p + " is given twice");
            }
        }
    }

    /** Nothing originated: only the End-of-RIB. */
    public static EgressAnnouncement none()
    {
        return new EgressAnnouncement(0, 0, List.of());
    }

    /**
     * The Adj-RIB-Out to the peer: the prefixes in as few UPDATEs as {@code options} allow, then the IPv6 unicast
     * End-of-RIB; for a neighbor that just reached Established or sent a ROUTE-REFRESH.
     *
     * @param localAs our AS, the one AS_PATH entry
     */
    public List<UpdateMessage> updates(final long localAs, final WireOptions options)
    {
        final List<UpdateMessage> out = new ArrayList<>();
        if (!prefixes.isEmpty())
        {
            final List<PathAttribute> attributes = List.of(new Origin(Origin.IGP),
                new AsPath(List.of(AsPathSegment.sequence(localAs))));
            out.addAll(UpdateBatcher.announce(AddressFamily.IPV6_UNICAST, Ipv6Address.toBytes(nextHopHi, nextHopLo),
                attributes, prefixes, options));
        }
        out.add(UpdateBatcher.endOfRib(AddressFamily.IPV6_UNICAST));
        return out;
    }
}
