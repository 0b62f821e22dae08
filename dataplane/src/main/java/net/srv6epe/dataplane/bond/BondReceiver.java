package net.srv6epe.dataplane.bond;

import net.srv6epe.srv6.bond.ReleaseHandler;
import net.srv6epe.srv6.bond.ReorderBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * One worker's tail-end side of bonding (docs/BONDING.md): for each (bond SID, bond id, stream) seen, a
 * {@link TailStream} with its reorder buffer; the pipeline offers each bonded packet after decapsulation and routes
 * what is released; {@link #poll} releases what waited long enough and sends each stream's feedback every
 * interval. Streams are created the first time they are seen (up to {@link #MAX_STREAMS}); nothing else allocates.
 * Not thread safe, except the readers' {@link #streamCount()} / {@link #stream(int)}.
 */
public final class BondReceiver
{
    /** Most (bond SID, bond id, stream) combinations one worker keeps. */
    public static final int MAX_STREAMS = 64;
    private static final int SCRATCH = 4096;

    private final BondTailEnd[] tails;
    private final TailStream[] streams = new TailStream[MAX_STREAMS];
    private volatile int streamCount;
    private final UnsafeBuffer report = new UnsafeBuffer(ByteBuffer.allocateDirect(SCRATCH));
    private final UnsafeBuffer packet = new UnsafeBuffer(ByteBuffer.allocateDirect(SCRATCH));
    private long feedbackSent;

    public BondReceiver(final List<BondTailEnd> tails)
    {
        this.tails = tails.toArray(new BondTailEnd[0]);
    }

    /** The index of the tail end with that SID, or -1. */
    public int tailIndex(final long sidHi, final long sidLo)
    {
        for (int i = 0; i < tails.length; i++)
        {
            if (tails[i].sidHi() == sidHi && tails[i].sidLo() == sidLo)
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * The stream of a bonded packet, created the first time; the head end's address and the port are those of
     * the latest packet. Null when {@link #MAX_STREAMS} streams exist already.
     */
    public TailStream stream(
        final int tailIndex, final int bondId, final int stream, final long headHi, final long headLo,
        final int inPort, final int underlayVrfId, final long nowNs)
    {
        final int count = streamCount;
        final BondTailEnd tail = tails[tailIndex];
        TailStream s = null;
        for (int i = 0; i < count; i++)
        {
            final TailStream c = streams[i];
            if (c.tail == tail && c.bondId == bondId && c.stream == stream)
            {
                s = c;
                break;
            }
        }
        if (s == null)
        {
            if (count == MAX_STREAMS)
            {
                return null;
            }
            s = new TailStream(tail, bondId, stream, ReorderBufferSizes.HEADROOM);
            s.nextReportNs = nowNs + tail.feedbackIntervalNs();
            streams[count] = s;
            streamCount = count + 1;
        }
        s.headHi = headHi;
        s.headLo = headLo;
        s.inPort = inPort;
        s.underlayVrfId = underlayVrfId;
        return s;
    }

    /**
     * Records a bonded packet and orders it.
     *
     * @return a {@link net.srv6epe.srv6.bond.ReorderBuffer} result: IN_ORDER and TOO_LARGE mean the caller routes
     *     the packet now
     */
    public int offer(
        final TailStream s, final int sequence, final int member, final int memberSeq, final int members,
        final long sendTimeNs, final long nowNs, final int tag, final MutableDirectBuffer buffer, final int offset,
        final int length)
    {
        if (!s.buffer.started())
        {
            s.buffer.expectMembers(members, sequence, nowNs);
        }
        s.arrived(member, memberSeq, length, nowNs - sendTimeNs);
        final int result = s.buffer.offer(sequence, member, tag, nowNs, buffer, offset, length);
        if (result == ReorderBuffer.LATE)
        {
            s.late();
        }
        return result;
    }

    /** Delivers what the stream may deliver now. */
    public int release(final TailStream s, final long nowNs, final ReleaseHandler handler)
    {
        return s.buffer.release(nowNs, handler);
    }

    /** Releases held packets whose wait is over and sends the feedback that is due. */
    public int poll(final long nowNs, final ReleaseHandler handler, final FeedbackOutput output)
    {
        int work = 0;
        final int count = streamCount;
        for (int i = 0; i < count; i++)
        {
            final TailStream s = streams[i];
            if (s.buffer.occupancy() > 0)
            {
                work += s.buffer.release(nowNs, handler);
            }
            if (nowNs - s.nextReportNs >= 0)
            {
                s.nextReportNs = nowNs + s.tail.feedbackIntervalNs();
                if (s.dirty)
                {
                    s.updateHold(nowNs);
                    sendReport(s, nowNs, output);
                    work++;
                }
            }
        }
        return work;
    }

    private void sendReport(final TailStream s, final long nowNs, final FeedbackOutput output)
    {
        final int length = s.writeReport(report, 0, nowNs);
        final BondTailEnd tail = s.tail;
        final int at = ReorderBufferSizes.HEADROOM;
        if (tail.feedbackPaths().isEmpty())
        {
            final int l = FeedbackPacket.write(packet, at, tail.sidHi(), tail.sidLo(), s.headHi, s.headLo, null,
                report, 0, length);
            feedbackSent++;
            output.send(packet, at, l, s.underlayVrfId, s.inPort);
            return;
        }
        for (int p = 0; p < tail.feedbackPaths().size(); p++)
        {
            final int l = FeedbackPacket.write(packet, at, tail.sidHi(), tail.sidLo(), s.headHi, s.headLo,
                tail.feedbackPaths().get(p), report, 0, length);
            feedbackSent++;
            output.send(packet, at, l, s.underlayVrfId, s.inPort);
        }
    }

    /** Feedback packets handed to the pipeline (this worker's thread). */
    public long feedbackSent()
    {
        return feedbackSent;
    }

    /** Streams created so far (any thread). */
    public int streamCount()
    {
        return streamCount;
    }

    /** Stream {@code i < streamCount()} (any thread; read its published fields). */
    public TailStream stream(final int i)
    {
        return streams[i];
    }
}
