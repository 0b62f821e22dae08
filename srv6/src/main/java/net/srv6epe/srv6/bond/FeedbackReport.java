package net.srv6epe.srv6.bond;

import java.util.List;

/**
 * One feedback report of a tail end about one (bond, stream) (docs/BONDING.md, "Feedback"), as decoded by
 * {@link FeedbackMessage}.
 *
 * @param bondId         the bond
 * @param stream         the head end's stream (its worker)
 * @param reportSequence the report's number (32 bits, wraps); a report not newer than the last one is ignored
 * @param tailTimeNs     the tail's clock when it sent the report
 * @param occupancy      packets held in the reorder buffer
 * @param holdNs         the hold time the reorder buffer uses
 * @param resequenced    packets delivered after being held (cumulative)
 * @param late           packets that arrived after their gap was given up (cumulative)
 * @param lost           sequence numbers given up (cumulative)
 * @param duplicates     duplicate packets (cumulative)
 * @param members        per member, in member order of the report
 */
public record FeedbackReport(
    int bondId,
    int stream,
    int reportSequence,
    long tailTimeNs,
    int occupancy,
    long holdNs,
    long resequenced,
    long late,
    long lost,
    long duplicates,
    List<MemberReport> members)
{
    public FeedbackReport
    {
        members = List.copyOf(members);
    }
}
