package net.srv6epe.dataplane.metrics;

import net.srv6epe.dataplane.bond.BondAgent;
import net.srv6epe.dataplane.bond.BondReceiver;
import net.srv6epe.dataplane.bond.BondStatus;
import net.srv6epe.dataplane.bond.BondView;
import net.srv6epe.dataplane.bond.TailStream;
import net.srv6epe.srv6.bond.MemberState;

import java.util.List;
import java.util.function.ToLongFunction;

/**
 * Bonding on {@code /metrics} (docs/BONDING.md "Operator view"), the figures of {@code show bond}: at a head end per
 * bond, stream and member ({@code srv6epe_bond_member_up}, {@code _capacity_bytes_per_second},
 * {@code _rate_bytes_per_second}, {@code _delay_microseconds}, {@code _queue_microseconds},
 * {@code _sent_packets_total}, {@code _probes_total}) and the feedback the agent took or refused; at a tail end
 * per bond SID, bond id, stream and worker the reorder buffer ({@code srv6epe_bond_tail_occupancy},
 * {@code _in_order_total}, {@code _resequenced_total}, {@code _late_total}, {@code _lost_total},
 * {@code _duplicates_total}). Nothing is written for a router without bonds.
 */
public final class BondMetrics implements MetricsSource
{
    private static final String P = MetricNames.PREFIX + "bond_";

    private final BondView view;

    public BondMetrics(final BondView view)
    {
        this.view = view;
    }

    @Override
    public void collect(final MetricsWriter out)
    {
        final List<BondStatus> bonds = view.headStatus();
        if (!bonds.isEmpty())
        {
            member(out, bonds, "member_up", MetricType.GAUGE, "1 when the member carries traffic, 0 when it is down",
                s -> s.status().state() == MemberState.DOWN ? 0 : 1);
            member(out, bonds, "member_capacity_bytes_per_second", MetricType.GAUGE,
                "the estimated capacity of the member", s -> s.status().capacityBytesPerSec());
            member(out, bonds, "member_rate_bytes_per_second", MetricType.GAUGE,
                "the delivery rate the tail end measured on the member", s -> s.status().deliveryRateBytesPerSec());
            member(out, bonds, "member_delay_microseconds", MetricType.GAUGE,
                "the member's one-way delay above the bond's fastest member", s -> s.status().relativeDelayNs() / 1000);
            member(out, bonds, "member_queue_microseconds", MetricType.GAUGE,
                "the member's one-way delay above its own base (queueing)", s -> s.status().queueingNs() / 1000);
            member(out, bonds, "member_sent_packets_total", MetricType.COUNTER,
                "packets sent on the member, probe copies included", BondStatus.Member::sentPackets);
            member(out, bonds, "member_probes_total", MetricType.COUNTER,
                "probe copies sent on the member while it was believed down", BondStatus.Member::probes);
            final BondAgent agent = view.agent();
            out.family(P + "feedback_reports_total", MetricType.COUNTER,
                "feedback reports the head end received, by outcome");
            out.sample(agent.reportsAccepted(), "outcome", "accepted");
            out.sample(agent.reportsIgnored(), "outcome", "old");
            out.sample(agent.reportsMalformed(), "outcome", "malformed");
            out.sample(agent.reportsUnknownBond(), "outcome", "unknown-bond");
        }
        if (!view.receivers().isEmpty())
        {
            tail(out, "tail_occupancy", MetricType.GAUGE, "packets held in the reorder buffer", TailStream.P_OCCUPANCY);
            tail(out, "tail_in_order_total", MetricType.COUNTER, "bonded packets delivered at once",
                TailStream.P_IN_ORDER);
            tail(out, "tail_resequenced_total", MetricType.COUNTER, "bonded packets delivered after being held",
                TailStream.P_RESEQUENCED);
            tail(out, "tail_late_total", MetricType.COUNTER, "bonded packets that came after their gap was given up",
                TailStream.P_LATE);
            tail(out, "tail_lost_total", MetricType.COUNTER, "sequence numbers given up", TailStream.P_LOST);
            tail(out, "tail_duplicates_total", MetricType.COUNTER, "duplicate bonded packets",
                TailStream.P_DUPLICATES);
        }
    }

    private static void member(
        final MetricsWriter out, final List<BondStatus> bonds, final String name, final MetricType type,
        final String help, final ToLongFunction<BondStatus.Member> value)
    {
        out.family(P + name, type, help);
        for (final BondStatus bond : bonds)
        {
            for (final BondStatus.Stream stream : bond.streams())
            {
                for (final BondStatus.Member m : stream.members())
                {
                    out.sample(value.applyAsLong(m), "bond", bond.name(), "stream", String.valueOf(stream.stream()),
                        "member", m.name());
                }
            }
        }
    }

    private void tail(
        final MetricsWriter out, final String name, final MetricType type, final String help, final int field)
    {
        out.family(P + name, type, help);
        final List<BondReceiver> receivers = view.receivers();
        for (int w = 0; w < receivers.size(); w++)
        {
            final BondReceiver r = receivers.get(w);
            for (int i = 0; i < r.streamCount(); i++)
            {
                final TailStream s = r.stream(i);
                out.sample(s.published(field), "sid", s.tail().sid(), "bond_id", String.valueOf(s.bondId()),
                    "stream", String.valueOf(s.stream()), "worker", String.valueOf(w));
            }
        }
    }
}
