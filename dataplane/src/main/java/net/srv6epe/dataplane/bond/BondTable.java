package net.srv6epe.dataplane.bond;

import net.srv6epe.dataplane.config.BondConfig;
import net.srv6epe.dataplane.config.BondMemberConfig;
import net.srv6epe.dataplane.config.RouterConfig;
import net.srv6epe.srv6.Ipv6Address;
import net.srv6epe.srv6.bond.BondEstimator;
import org.agrona.collections.Int2ObjectHashMap;

import java.util.ArrayList;
import java.util.List;

/**
 * The router's head-end bonds, by id and in config order. Built once at start from the {@code bonds:} section
 * (a reload that changes it is refused: the workers' sequence numbers and the estimators live as long as the
 * process).
 */
public final class BondTable
{
    private static final double BYTES_PER_MBIT = 1_000_000.0 / 8;
    private static final long QUEUE_THRESHOLD_NS = 5_000_000L;
    private static final long BASE_WINDOW_NS = 10_000_000_000L;

    private final List<Bond> bonds;
    private final Int2ObjectHashMap<Bond> byId = new Int2ObjectHashMap<>();

    public BondTable(final List<Bond> bonds)
    {
        this.bonds = List.copyOf(bonds);
        for (final Bond b : bonds)
        {
            byId.put(b.id(), b);
        }
    }

    /** The bonds of a validated configuration, each with one stream per worker. */
    public static BondTable fromConfig(final RouterConfig config, final int workers)
    {
        final List<Bond> bonds = new ArrayList<>();
        for (final BondConfig b : config.bonds())
        {
            final String source = b.source() != null ? b.source() : config.router().encapSource();
            final List<String> names = new ArrayList<>();
            final List<List<String>> segments = new ArrayList<>();
            final long[] hints = new long[b.members().size()];
            for (int m = 0; m < b.members().size(); m++)
            {
                final BondMemberConfig member = b.members().get(m);
                names.add(member.name());
                segments.add(member.segments());
                hints[m] = Math.round(member.capacityMbit() * BYTES_PER_MBIT);
            }
            final BondEstimator.Settings settings = new BondEstimator.Settings(
                b.probeIntervalMs() * 1_000_000L, b.deadAfterMs() * 1_000_000L, b.feedbackTimeoutMs() * 1_000_000L,
                QUEUE_THRESHOLD_NS, BASE_WINDOW_NS);
            bonds.add(new Bond(b.name(), b.id(), Ipv6Address.parseHi(source), Ipv6Address.parseLo(source), b.vrf(),
                names, segments, hints, settings, workers));
        }
        return new BondTable(bonds);
    }

    /** The bond with that id, or null. */
    public Bond byId(final int id)
    {
        return byId.get(id);
    }

    /** The bond with that name, or null. */
    public Bond byName(final String name)
    {
        for (final Bond b : bonds)
        {
            if (b.name().equals(name))
            {
                return b;
            }
        }
        return null;
    }

    public List<Bond> bonds()
    {
        return bonds;
    }

    public boolean isEmpty()
    {
        return bonds.isEmpty();
    }

    /** Whether {@code hi/lo} is the source address of one of the bonds (where feedback is delivered). */
    public boolean isSource(final long hi, final long lo)
    {
        for (int i = 0; i < bonds.size(); i++)
        {
            final Bond b = bonds.get(i);
            if (b.sourceHi() == hi && b.sourceLo() == lo)
            {
                return true;
            }
        }
        return false;
    }
}
