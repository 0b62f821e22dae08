package net.srv6epe.dataplane.bond;

import net.srv6epe.srv6.bond.FeedbackReport;
import net.srv6epe.srv6.bond.MemberStatus;

import java.util.List;

/**
 * What the operator sees of one head-end bond ({@code show bond}, {@code /metrics}): an immutable snapshot the
 * {@link BondAgent} makes a few times a second.
 *
 * @param name    the bond's name
 * @param id      its id
 * @param source  its source address
 * @param streams the streams (head-end workers) that sent on it or got feedback
 */
public record BondStatus(String name, int id, String source, List<Stream> streams)
{
    /**
     * One stream of the bond.
     *
     * @param stream        the head end's worker
     * @param feedbackStale no feedback for the bond's feedback timeout: members used blind
     * @param reportAgeMs   milliseconds since the last accepted report, -1 when none yet
     * @param reports       reports accepted
     * @param last          the last accepted report (the tail's reorder buffer counts), or null
     * @param members       per member, in config order
     */
    public record Stream(
        int stream, boolean feedbackStale, long reportAgeMs, long reports, FeedbackReport last, List<Member> members)
    {
        public Stream
        {
            members = List.copyOf(members);
        }
    }

    /**
     * One member of a stream.
     *
     * @param name        the member's name
     * @param segments    its SID list
     * @param status      the estimator's view (state, capacity, delivery rate, delay, loss, weight)
     * @param sentPackets packets sent on it by this stream, probes included
     * @param sentBytes   bytes sent on it
     * @param probes      probe copies sent on it
     */
    public record Member(
        String name, List<String> segments, MemberStatus status, long sentPackets, long sentBytes, long probes)
    {
        public Member
        {
            segments = List.copyOf(segments);
        }
    }

    public BondStatus
    {
        streams = List.copyOf(streams);
    }
}
