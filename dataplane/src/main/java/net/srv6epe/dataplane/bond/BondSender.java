package net.srv6epe.dataplane.bond;

import net.srv6epe.srv6.bond.BondParams;
import net.srv6epe.srv6.bond.BondScheduler;

/**
 * One worker's side of one bond: its stream's scheduler, sequence numbers and the underlay VRF resolved in the
 * current forwarding snapshot. Not thread safe; allocates nothing per packet.
 */
public final class BondSender
{
    private final Bond bond;
    private final int stream;
    private final BondScheduler scheduler;
    private final int[] memberSequence;
    private BondParams seen;
    private int sequence;
    private int vrfId = -1;
    private int blind;

    public BondSender(final Bond bond, final int stream)
    {
        this.bond = bond;
        this.stream = stream;
        this.seen = bond.params(stream);
        this.scheduler = new BondScheduler(seen);
        this.memberSequence = new int[bond.memberCount()];
    }

    public Bond bond()
    {
        return bond;
    }

    public int stream()
    {
        return stream;
    }

    /** The member for a packet of {@code bytes} sent now, or -1 when no member is up. */
    public int pick(final long nowNs, final int bytes)
    {
        final BondParams p = bond.params(stream);
        if (p != seen)
        {
            seen = p;
            scheduler.params(p);
        }
        return scheduler.pick(nowNs, bytes);
    }

    /** A member believed down that is due for a probe copy, or -1. */
    public int probe(final long nowNs)
    {
        return scheduler.probe(nowNs);
    }

    /** With every member believed down: the members in turn, so that each packet probes one of them. */
    public int blindMember()
    {
        blind = blind + 1 >= memberSequence.length ? 0 : blind + 1;
        return blind;
    }

    /** The next stream sequence number (wraps). */
    public int nextSequence()
    {
        return sequence++;
    }

    /** The next sequence number of member {@code m} (wraps). */
    public int nextMemberSequence(final int m)
    {
        return memberSequence[m]++;
    }

    /** The underlay VRF's id in the current snapshot, or -1 when it does not exist. */
    public int vrfId()
    {
        return vrfId;
    }

    void vrfId(final int id)
    {
        vrfId = id;
    }
}
