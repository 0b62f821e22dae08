package net.srv6epe.srv6.bond;

/**
 * The head end's verdict on one member of a bond (docs/BONDING.md, "Head end: scheduler and estimator").
 */
public enum MemberState
{
    /** In use: the scheduler gives it traffic in proportion to its estimated capacity. */
    UP,

    /**
     * Believed down: the head sent on it beyond what the tail reports and the tail's count did not move for
     * {@code dead-after}; it gets no traffic, only a probe copy every {@code probe-interval}.
     */
    DOWN,

    /**
     * Back up after having been down: in use again at half its last capacity, its capacity being probed upward;
     * becomes {@link #UP} once it is found full (queueing or loss) or has regained its capacity of before.
     */
    PROBING;

    /** Whether the scheduler may give this member traffic. */
    public boolean usable()
    {
        return this != DOWN;
    }
}
