package net.srv6epe.srv6.bond;

/**
 * The operator's view of one member of a (bond, stream) at the head end, as the {@link BondEstimator} sees it
 * (docs/BONDING.md, "Operator view"). Immutable.
 *
 * @param state                    the estimator's liveness verdict (while feedback is stale the scheduler uses
 *                                 every member anyway; see {@link BondEstimator#feedbackStale(long)})
 * @param capacityBytesPerSec      the estimated capacity, what the scheduler's rate for the member is
 * @param deliveryRateBytesPerSec  the measured delivery rate (smoothed), 0 before two reports
 * @param relativeDelayNs          the member's base one-way delay minus the smallest base of all members, >= 0
 * @param queueingNs               the mean one-way delay of the last report interval minus the member's base
 * @param lossRatio                packets lost / member sequences covered in the last report interval, 0..1
 * @param weight                   the member's share of the capacity of the members in use, 0..1
 */
public record MemberStatus(
    MemberState state,
    long capacityBytesPerSec,
    long deliveryRateBytesPerSec,
    long relativeDelayNs,
    long queueingNs,
    double lossRatio,
    double weight)
{
}
