package net.srv6epe.dataplane.bond;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.srv6epe.srv6.Ipv6Address;
import net.srv6epe.srv6.bond.FeedbackMessage;
import net.srv6epe.srv6.bond.FeedbackReport;
import net.srv6epe.srv6.bond.MemberStatus;

import java.util.List;

/**
 * The rows of {@code show bond [NAME]} (docs/BONDING.md "Operator view"): at a head end one row per bond, stream and
 * member ({@code role: head}: the estimator's view and what the tail last reported), at a tail end one row per
 * bond SID, bond id, stream and member seen ({@code role: tail}: what this router measured). Read from the bond
 * agent's snapshot and the workers' published counters; any thread.
 */
public final class BondView
{
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final double MBIT = 8 / 1e6;

    private final BondAgent agent;
    private final List<BondReceiver> receivers;

    /**
     * @param agent     the head end's bond agent, or null when the router has no bonds
     * @param receivers the workers' tail-end receivers (empty when no SID is a tail end)
     */
    public BondView(final BondAgent agent, final List<BondReceiver> receivers)
    {
        this.agent = agent;
        this.receivers = List.copyOf(receivers);
    }

    /** Whether this router is a bond's head end or tail end. */
    public boolean hasBonds()
    {
        return agent != null || !receivers.isEmpty();
    }

    /** The head end's snapshots (empty without bonds). */
    public List<BondStatus> headStatus()
    {
        return agent == null ? List.of() : agent.status();
    }

    /** The bond agent, or null. */
    public BondAgent agent()
    {
        return agent;
    }

    /** The workers' tail-end receivers. */
    public List<BondReceiver> receivers()
    {
        return receivers;
    }

    /**
     * The rows.
     *
     * @param name only this bond (by name at a head end; by name or id at a tail end, which knows ids only), or
     *     null for all
     */
    public ArrayNode rows(final String name)
    {
        final ArrayNode rows = JSON.arrayNode();
        for (final BondStatus bond : headStatus())
        {
            if (name != null && !name.equals(bond.name()) && !name.equals(String.valueOf(bond.id())))
            {
                continue;
            }
            for (final BondStatus.Stream stream : bond.streams())
            {
                for (final BondStatus.Member member : stream.members())
                {
                    rows.add(headRow(bond, stream, member));
                }
            }
        }
        for (int w = 0; w < receivers.size(); w++)
        {
            final BondReceiver receiver = receivers.get(w);
            for (int i = 0; i < receiver.streamCount(); i++)
            {
                final TailStream s = receiver.stream(i);
                if (name != null && !name.equals(String.valueOf(s.bondId())))
                {
                    continue;
                }
                for (int m = 0; m < FeedbackMessage.MAX_MEMBERS; m++)
                {
                    if (s.publishedMemberPackets(m) > 0)
                    {
                        rows.add(tailRow(w, s, m));
                    }
                }
            }
        }
        return rows;
    }

    private static ObjectNode headRow(final BondStatus bond, final BondStatus.Stream stream,
        final BondStatus.Member member)
    {
        final ObjectNode row = JSON.objectNode();
        final MemberStatus st = member.status();
        row.put("role", "head");
        row.put("bond", bond.name());
        row.put("id", bond.id());
        row.put("stream", stream.stream());
        row.put("member", member.name());
        final ArrayNode segments = row.putArray("segments");
        member.segments().forEach(segments::add);
        row.put("state", st.state().name().toLowerCase());
        row.put("weight", round(st.weight(), 3));
        row.put("capacity-mbit", round(st.capacityBytesPerSec() * MBIT, 2));
        row.put("rate-mbit", round(st.deliveryRateBytesPerSec() * MBIT, 2));
        row.put("delay-ms", round(st.relativeDelayNs() / 1e6, 2));
        row.put("queue-ms", round(st.queueingNs() / 1e6, 2));
        row.put("loss", round(st.lossRatio(), 4));
        row.put("sent", member.sentPackets());
        row.put("probes", member.probes());
        row.put("feedback", stream.reports() == 0 ? "none" : stream.feedbackStale() ? "stale" : "ok");
        row.put("report-age-ms", stream.reportAgeMs());
        final FeedbackReport last = stream.last();
        if (last != null)
        {
            row.put("occupancy", last.occupancy());
            row.put("hold-ms", round(last.holdNs() / 1e6, 2));
            row.put("resequenced", last.resequenced());
            row.put("late", last.late());
            row.put("lost", last.lost());
            row.put("duplicates", last.duplicates());
        }
        return row;
    }

    private static ObjectNode tailRow(final int worker, final TailStream s, final int m)
    {
        final ObjectNode row = JSON.objectNode();
        row.put("role", "tail");
        row.put("sid", Ipv6Address.format(s.tail().sidHi(), s.tail().sidLo()));
        row.put("id", s.bondId());
        row.put("stream", s.stream());
        row.put("worker", worker);
        row.put("member", m);
        row.put("received", s.publishedMemberPackets(m));
        row.put("received-bytes", s.publishedMemberBytes(m));
        row.put("owd-ms", round(s.publishedMemberDelayNs(m) / 1e6, 3));
        row.put("occupancy", s.published(TailStream.P_OCCUPANCY));
        row.put("hold-ms", round(s.published(TailStream.P_HOLD_NS) / 1e6, 2));
        row.put("in-order", s.published(TailStream.P_IN_ORDER));
        row.put("resequenced", s.published(TailStream.P_RESEQUENCED));
        row.put("late", s.published(TailStream.P_LATE));
        row.put("lost", s.published(TailStream.P_LOST));
        row.put("duplicates", s.published(TailStream.P_DUPLICATES));
        row.put("gaps-expired", s.published(TailStream.P_EXPIRED));
        row.put("gaps-inferred", s.published(TailStream.P_INFERRED_LOST));
        row.put("reports", s.published(TailStream.P_REPORTS));
        return row;
    }

    private static double round(final double v, final int digits)
    {
        final double scale = Math.pow(10, digits);
        return Math.round(v * scale) / scale;
    }
}
