package net.srv6epe.dataplane.bond;

import net.srv6epe.srv6.bond.FeedbackMessage;
import net.srv6epe.srv6.bond.ReorderBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The tail end's state of one (bond SID, bond id, stream) on one worker: the reorder buffer, what each member
 * delivered (counts, highest member sequence, one-way delay over the current report interval), the head end's
 * address (the outer source of the bonded packets) and the feedback schedule. Written by its worker only; what
 * {@code show bond} reads is published with ordered stores at each report ({@link #published}).
 */
public final class TailStream
{
    /** Added to the members' delay spread to make the hold time (docs/BONDING.md). */
    static final long HOLD_MARGIN_NS = 5_000_000L;
    /** A member's last delay counts for the hold time this long after its last packet. */
    static final long DELAY_MEMORY_NS = 1_000_000_000L;
    /**
     * A member that delivered within this long counts for loss inference: a sparse member (one packet in tens of
     * milliseconds) must not be mistaken for an absent one, or a gap on it would be given up while its packet is
     * still on the way; a member that died blocks inference this long, and the hold time bounds the wait meanwhile.
     */
    static final long MEMBER_LIVE_NS = 10_000_000_000L;
    /** Per report interval, the hold time decays towards what the delays ask by this factor at most. */
    static final double HOLD_DECAY = 0.95;

    /** Published fields, bond level. */
    public static final int P_OCCUPANCY = 0;
    public static final int P_HOLD_NS = 1;
    public static final int P_IN_ORDER = 2;
    public static final int P_RESEQUENCED = 3;
    public static final int P_LATE = 4;
    public static final int P_DUPLICATES = 5;
    public static final int P_LOST = 6;
    public static final int P_REPORTS = 7;
    public static final int P_EXPIRED = 8;
    public static final int P_INFERRED_LOST = 9;
    public static final int P_MEMBER_BASE = 10;
    /** Published fields per member, after {@link #P_MEMBER_BASE}: packets, bytes, last interval's mean delay. */
    public static final int P_MEMBER_FIELDS = 3;

    final BondTailEnd tail;
    final int bondId;
    final int stream;
    final ReorderBuffer buffer;
    final long[] packets = new long[FeedbackMessage.MAX_MEMBERS];
    final long[] bytes = new long[FeedbackMessage.MAX_MEMBERS];
    final int[] highestMemberSeq = new int[FeedbackMessage.MAX_MEMBERS];
    final boolean[] seen = new boolean[FeedbackMessage.MAX_MEMBERS];
    final long[] owdMin = new long[FeedbackMessage.MAX_MEMBERS];
    final long[] owdMax = new long[FeedbackMessage.MAX_MEMBERS];
    final long[] owdSum = new long[FeedbackMessage.MAX_MEMBERS];
    final long[] owdCount = new long[FeedbackMessage.MAX_MEMBERS];
    final long[] lastMinNs = new long[FeedbackMessage.MAX_MEMBERS];
    final long[] lastMaxNs = new long[FeedbackMessage.MAX_MEMBERS];
    final long[] lastAtNs = new long[FeedbackMessage.MAX_MEMBERS];
    final AtomicLongArray published =
        new AtomicLongArray(P_MEMBER_BASE + P_MEMBER_FIELDS * FeedbackMessage.MAX_MEMBERS);
    long headHi;
    long headLo;
    /** The VRF of the port the bonded packets came in on: feedback is routed there. */
    int underlayVrfId;
    int inPort;
    int reportSequence;
    long nextReportNs;
    boolean dirty;

    TailStream(final BondTailEnd tail, final int bondId, final int stream, final int headroom)
    {
        this.tail = tail;
        this.bondId = bondId;
        this.stream = stream;
        this.buffer = new ReorderBuffer(tail.bufferPackets(), ReorderBufferSizes.SLOT_BYTES, headroom,
            FeedbackMessage.MAX_MEMBERS);
        this.buffer.holdNs(tail.holdMaxNs());
        this.buffer.memberLiveNs(Math.max(MEMBER_LIVE_NS, tail.holdMaxNs()));
        resetInterval();
    }

    /** Records one bonded packet's arrival (before it is ordered). */
    void arrived(final int member, final int memberSeq, final int length, final long owdNs)
    {
        packets[member]++;
        bytes[member] += length;
        if (!seen[member] || memberSeq - highestMemberSeq[member] > 0)
        {
            highestMemberSeq[member] = memberSeq;
        }
        seen[member] = true;
        owdMin[member] = Math.min(owdMin[member], owdNs);
        owdMax[member] = Math.max(owdMax[member], owdNs);
        owdSum[member] += owdNs;
        owdCount[member]++;
        dirty = true;
    }

    /**
     * Sets the hold time from the members' recent one-way delays, within the SID's bounds: the longest a packet
     * behind a gap may wait for it is the largest delay any member showed minus the smallest (a packet that left
     * first on a slow member's full queue against one that left after it on an empty fast one), plus a margin.
     * Loss inference (every live member passed the gap) releases a lost packet's gap sooner.
     */
    void updateHold(final long nowNs)
    {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int m = 0; m < FeedbackMessage.MAX_MEMBERS; m++)
        {
            if (owdCount[m] > 0)
            {
                lastMinNs[m] = owdMin[m];
                lastMaxNs[m] = owdMax[m];
                lastAtNs[m] = nowNs;
            }
            if (seen[m] && nowNs - lastAtNs[m] <= DELAY_MEMORY_NS)
            {
                min = Math.min(min, lastMinNs[m]);
                max = Math.max(max, lastMaxNs[m]);
            }
        }
        final long spread = min == Long.MAX_VALUE ? 0 : max - min;
        final long wanted = Math.max(spread + HOLD_MARGIN_NS, (long)(buffer.holdNs() * HOLD_DECAY));
        buffer.holdNs(Math.max(tail.holdMinNs(), Math.min(tail.holdMaxNs(), wanted)));
    }

    /** A packet came after its gap was given up: the hold time was too short; double it (up to the maximum). */
    void late()
    {
        buffer.holdNs(Math.min(tail.holdMaxNs(), 2 * buffer.holdNs()));
    }

    /** Writes this stream's report; returns its length. Starts a new interval. */
    int writeReport(final MutableDirectBuffer out, final int offset, final long nowNs)
    {
        int count = 0;
        for (int m = 0; m < FeedbackMessage.MAX_MEMBERS; m++)
        {
            if (seen[m])
            {
                final long n = owdCount[m];
                FeedbackMessage.writeMember(out, offset, count++, m, highestMemberSeq[m], packets[m], bytes[m],
                    n == 0 ? Long.MAX_VALUE : owdMin[m], n == 0 ? 0 : owdSum[m] / n,
                    n == 0 ? Long.MIN_VALUE : owdMax[m]);
            }
        }
        FeedbackMessage.writeHeader(out, offset, count, bondId, stream, reportSequence++, nowNs,
            buffer.occupancy(), buffer.holdNs(), buffer.resequenced(), buffer.late(), buffer.lost(),
            buffer.duplicates());
        publish();
        resetInterval();
        dirty = false;
        return FeedbackMessage.length(count);
    }

    private void publish()
    {
        published.lazySet(P_OCCUPANCY, buffer.occupancy());
        published.lazySet(P_HOLD_NS, buffer.holdNs());
        published.lazySet(P_IN_ORDER, buffer.inOrder());
        published.lazySet(P_RESEQUENCED, buffer.resequenced());
        published.lazySet(P_LATE, buffer.late());
        published.lazySet(P_DUPLICATES, buffer.duplicates());
        published.lazySet(P_LOST, buffer.lost());
        published.lazySet(P_REPORTS, published.get(P_REPORTS) + 1);
        published.lazySet(P_EXPIRED, buffer.expired());
        published.lazySet(P_INFERRED_LOST, buffer.inferredLost());
        for (int m = 0; m < FeedbackMessage.MAX_MEMBERS; m++)
        {
            final int base = P_MEMBER_BASE + P_MEMBER_FIELDS * m;
            published.lazySet(base, packets[m]);
            published.lazySet(base + 1, bytes[m]);
            published.lazySet(base + 2, owdCount[m] == 0 ? published.get(base + 2) : owdSum[m] / owdCount[m]);
        }
    }

    private void resetInterval()
    {
        for (int m = 0; m < FeedbackMessage.MAX_MEMBERS; m++)
        {
            owdMin[m] = Long.MAX_VALUE;
            owdMax[m] = Long.MIN_VALUE;
            owdSum[m] = 0;
            owdCount[m] = 0;
        }
    }

    public BondTailEnd tail()
    {
        return tail;
    }

    public int bondId()
    {
        return bondId;
    }

    public int stream()
    {
        return stream;
    }

    /** A published field ({@code P_*}), for readers on other threads. */
    public long published(final int field)
    {
        return published.get(field);
    }

    /** Whether member {@code m} delivered anything (as of the last report). */
    public long publishedMemberPackets(final int m)
    {
        return published.get(P_MEMBER_BASE + P_MEMBER_FIELDS * m);
    }

    public long publishedMemberBytes(final int m)
    {
        return published.get(P_MEMBER_BASE + P_MEMBER_FIELDS * m + 1);
    }

    public long publishedMemberDelayNs(final int m)
    {
        return published.get(P_MEMBER_BASE + P_MEMBER_FIELDS * m + 2);
    }
}
