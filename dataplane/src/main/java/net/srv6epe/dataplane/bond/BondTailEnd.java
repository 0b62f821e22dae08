package net.srv6epe.dataplane.bond;

import net.srv6epe.dataplane.config.SidBondConfig;
import net.srv6epe.dataplane.config.SidConfig;
import net.srv6epe.srv6.Ipv6Address;

import java.util.List;

/**
 * A tail-end SID's bond settings (docs/BONDING.md, the {@code bond:} of an End.DT4/6/46 SID). Immutable.
 *
 * @param sidHi              the SID, high 64 bits (also the source of its feedback)
 * @param sidLo              the SID, low 64 bits
 * @param bufferPackets      reorder buffer slots per (bond, stream)
 * @param holdMinNs          the shortest hold time
 * @param holdMaxNs          the longest hold time
 * @param feedbackIntervalNs how often each stream's feedback is sent
 * @param feedbackPaths      reverse SID lists as hi/lo pairs in travel order; empty: feedback is routed plainly
 */
public record BondTailEnd(
    long sidHi,
    long sidLo,
    int bufferPackets,
    long holdMinNs,
    long holdMaxNs,
    long feedbackIntervalNs,
    List<long[]> feedbackPaths)
{
    /** From a validated SID with a {@code bond:} section. */
    public static BondTailEnd of(final SidConfig sid)
    {
        final SidBondConfig b = sid.bond();
        final List<long[]> paths = new java.util.ArrayList<>();
        for (final List<String> path : b.feedbackPaths())
        {
            final long[] hiLo = new long[2 * path.size()];
            for (int i = 0; i < path.size(); i++)
            {
                hiLo[2 * i] = Ipv6Address.parseHi(path.get(i));
                hiLo[2 * i + 1] = Ipv6Address.parseLo(path.get(i));
            }
            paths.add(hiLo);
        }
        return new BondTailEnd(Ipv6Address.parseHi(sid.sid()), Ipv6Address.parseLo(sid.sid()), b.bufferPackets(),
            b.holdMinMs() * 1_000_000L, b.holdMaxMs() * 1_000_000L, b.feedbackIntervalMs() * 1_000_000L,
            List.copyOf(paths));
    }

    /** The SID as text. */
    public String sid()
    {
        return Ipv6Address.format(sidHi, sidLo);
    }
}
