package net.srv6epe.dataplane.bond;

import net.srv6epe.srv6.Ipv6Address;
import net.srv6epe.srv6.behavior.EncapTemplate;
import net.srv6epe.srv6.bond.BondEstimator;
import net.srv6epe.srv6.bond.BondParams;

import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * One head-end bond (docs/BONDING.md) as the workers and the bond agent share it: the definition (id, source,
 * members and their bonded H.Encaps templates, the underlay VRF), the scheduler parameters the agent publishes per
 * stream (one stream per worker), and the workers' sent counters per stream and member.
 *
 * <p>Threads: each worker writes only its own stream's counters (ordered stores) and reads its stream's parameters
 * (one volatile read); the bond agent writes the parameters and reads the counters.
 */
public final class Bond
{
    private static final int SENT_PACKETS = 0;
    private static final int SENT_BYTES = 1;
    private static final int SENT_LAST_SEQ = 2;
    private static final int SENT_PROBES = 3;
    private static final int SENT_FIELDS = 4;

    private final String name;
    private final int id;
    private final long sourceHi;
    private final long sourceLo;
    private final String vrf;
    private final List<String> memberNames;
    private final List<List<String>> memberSegments;
    private final EncapTemplate[] templates;
    private final long[] capacityHints;
    private final BondEstimator.Settings settings;
    private final int streams;
    private final AtomicReferenceArray<BondParams> params;
    private final AtomicLongArray sent;

    /**
     * @param capacityHints per member the first capacity estimate in bytes/s (0: the default)
     * @param streams       how many workers send on the bond (one stream each)
     */
    public Bond(
        final String name,
        final int id,
        final long sourceHi,
        final long sourceLo,
        final String vrf,
        final List<String> memberNames,
        final List<List<String>> memberSegments,
        final long[] capacityHints,
        final BondEstimator.Settings settings,
        final int streams)
    {
        this.name = name;
        this.id = id;
        this.sourceHi = sourceHi;
        this.sourceLo = sourceLo;
        this.vrf = vrf;
        this.memberNames = List.copyOf(memberNames);
        this.memberSegments = List.copyOf(memberSegments);
        this.capacityHints = capacityHints.clone();
        this.settings = settings;
        this.streams = streams;
        this.templates = new EncapTemplate[memberNames.size()];
        for (int m = 0; m < templates.length; m++)
        {
            final List<String> segments = memberSegments.get(m);
            final long[] hiLo = new long[2 * segments.size()];
            for (int s = 0; s < segments.size(); s++)
            {
                hiLo[2 * s] = Ipv6Address.parseHi(segments.get(s));
                hiLo[2 * s + 1] = Ipv6Address.parseLo(segments.get(s));
            }
            templates[m] = EncapTemplate.createBonded(sourceHi, sourceLo, hiLo);
        }
        this.params = new AtomicReferenceArray<>(streams);
        final BondParams initial = initialParams();
        for (int s = 0; s < streams; s++)
        {
            params.set(s, initial);
        }
        this.sent = new AtomicLongArray(streams * templates.length * SENT_FIELDS);
    }

    /** The parameters before any feedback: every member up at its capacity hint. */
    public BondParams initialParams()
    {
        return BondParams.initial(templates.length, capacityHints, settings.probeIntervalNs());
    }

    public String name()
    {
        return name;
    }

    public int id()
    {
        return id;
    }

    public long sourceHi()
    {
        return sourceHi;
    }

    public long sourceLo()
    {
        return sourceLo;
    }

    /** The VRF routing the members' first SIDs. */
    public String vrf()
    {
        return vrf;
    }

    public int memberCount()
    {
        return templates.length;
    }

    public String memberName(final int m)
    {
        return memberNames.get(m);
    }

    public List<String> memberSegments(final int m)
    {
        return memberSegments.get(m);
    }

    /** The bonded H.Encaps template of member {@code m}. */
    public EncapTemplate template(final int m)
    {
        return templates[m];
    }

    public long[] capacityHints()
    {
        return capacityHints.clone();
    }

    public BondEstimator.Settings settings()
    {
        return settings;
    }

    public int streams()
    {
        return streams;
    }

    /** The parameters the schedulers of {@code stream} use (volatile read). */
    public BondParams params(final int stream)
    {
        return params.get(stream);
    }

    /** Publishes new parameters for {@code stream} (bond agent). */
    public void publish(final int stream, final BondParams p)
    {
        params.set(stream, p);
    }

    /** Counts a packet sent on member {@code m} of {@code stream} (the stream's worker only). */
    public void countSent(final int stream, final int m, final int bytes, final int memberSeq, final boolean probe)
    {
        final int base = (stream * templates.length + m) * SENT_FIELDS;
        sent.lazySet(base + SENT_PACKETS, sent.get(base + SENT_PACKETS) + 1);
        sent.lazySet(base + SENT_BYTES, sent.get(base + SENT_BYTES) + bytes);
        sent.lazySet(base + SENT_LAST_SEQ, memberSeq);
        if (probe)
        {
            sent.lazySet(base + SENT_PROBES, sent.get(base + SENT_PROBES) + 1);
        }
    }

    public long sentPackets(final int stream, final int m)
    {
        return sent.get((stream * templates.length + m) * SENT_FIELDS + SENT_PACKETS);
    }

    public long sentBytes(final int stream, final int m)
    {
        return sent.get((stream * templates.length + m) * SENT_FIELDS + SENT_BYTES);
    }

    /** The last member sequence used on member {@code m} of {@code stream}. */
    public int sentLastSeq(final int stream, final int m)
    {
        return (int)sent.get((stream * templates.length + m) * SENT_FIELDS + SENT_LAST_SEQ);
    }

    public long sentProbes(final int stream, final int m)
    {
        return sent.get((stream * templates.length + m) * SENT_FIELDS + SENT_PROBES);
    }
}
