package net.srv6epe.dataplane.metrics;

import net.srv6epe.dataplane.pipeline.PipelineCounters;
import net.srv6epe.srv6.Ipv6Address;
import net.srv6epe.vrf.ForwardingState;
import net.srv6epe.vrf.ForwardingStatePublisher;
import net.srv6epe.vrf.sid.LocalSid;

/**
 * Per local SID, the good and bad packet and byte counters of {@code show sids}:
 * {@code srv6epe_sid_packets_total{sid="fc00:a::d6",behavior="End.DT6",result="good"}} and
 * {@code srv6epe_sid_bytes_total{...}}, for the SIDs of the current forwarding snapshot.
 */
public final class SidMetrics implements MetricsSource
{
    /** The packets family. */
    public static final String PACKETS = MetricNames.PREFIX + "sid_packets_total";
    /** The bytes family. */
    public static final String BYTES = MetricNames.PREFIX + "sid_bytes_total";

    private final ForwardingStatePublisher publisher;
    private final PipelineCounters[] counters;

    /**
     * @param publisher the forwarding snapshot (which SIDs exist).
     * @param counters  the pipelines' SID counters, one per worker (a sample is their sum).
     */
    public SidMetrics(final ForwardingStatePublisher publisher, final PipelineCounters... counters)
    {
        this.publisher = publisher;
        this.counters = counters.clone();
    }

    @Override
    public void collect(final MetricsWriter out)
    {
        final ForwardingState state = publisher.current();
        out.family(PACKETS, MetricType.COUNTER,
            "packets processed by a local SID: good ones by its behavior, bad ones dropped at it (show sids)");
        for (final LocalSid sid : state.localSids().entries())
        {
            final int index = sid.counterIndex();
            long good = 0;
            long bad = 0;
            for (final PipelineCounters c : counters)
            {
                good += c.sidGoodPackets(index);
                bad += c.sidBadPackets(index);
            }
            sample(out, sid, "good", good);
            sample(out, sid, "bad", bad);
        }
        out.family(BYTES, MetricType.COUNTER, "IPv6 bytes of the packets counted by " + PACKETS);
        for (final LocalSid sid : state.localSids().entries())
        {
            final int index = sid.counterIndex();
            long good = 0;
            long bad = 0;
            for (final PipelineCounters c : counters)
            {
                good += c.sidGoodBytes(index);
                bad += c.sidBadBytes(index);
            }
            sample(out, sid, "good", good);
            sample(out, sid, "bad", bad);
        }
    }

    private static void sample(final MetricsWriter out, final LocalSid sid, final String result, final long value)
    {
        out.sample(value,
            "sid", Ipv6Address.format(sid.sidHi(), sid.sidLo()),
            "behavior", sid.behavior().displayName(),
            "result", result);
    }
}
