package net.srv6epe.srv6.bond;

/**
 * What a tail end reports about one member of a (bond, stream): cumulative counts and the one-way delay seen over
 * the last report interval (docs/BONDING.md, "Feedback"). One-way delays are the tail's receive time minus the
 * head's send time, so they include the constant offset between the two clocks.
 *
 * @param member            member index (config order at the head end)
 * @param highestMemberSeq  the highest member sequence received (32 bits, wraps)
 * @param receivedPackets   packets received on the member (cumulative)
 * @param receivedBytes     bytes received on the member (cumulative, inner packets)
 * @param owdMinNs          smallest one-way delay of the interval, {@link Long#MAX_VALUE} when none arrived
 * @param owdMeanNs         mean one-way delay of the interval, 0 when none arrived
 * @param owdMaxNs          largest one-way delay of the interval, {@link Long#MIN_VALUE} when none arrived
 */
public record MemberReport(
    int member,
    int highestMemberSeq,
    long receivedPackets,
    long receivedBytes,
    long owdMinNs,
    long owdMeanNs,
    long owdMaxNs)
{
    /** Whether a packet of this member arrived during the interval (the delay fields are meaningful). */
    public boolean hasDelay()
    {
        return owdMinNs != Long.MAX_VALUE;
    }
}
