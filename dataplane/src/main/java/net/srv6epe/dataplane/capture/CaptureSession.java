package net.srv6epe.dataplane.capture;

import net.srv6epe.srv6.DropReason;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.ControlledMessageHandler;
import org.agrona.concurrent.ringbuffer.RingBuffer;

import java.util.ArrayList;
import java.util.List;

/**
 * The control plane's side of one capture: its id, its {@link CaptureTap}s (one per worker), its state, when its
 * client last asked, and the one consumer of the taps' rings. Used under the {@link CaptureService}'s lock.
 */
final class CaptureSession
{
    private static final DropReason[] REASONS = DropReason.values();

    private final long id;
    private final CaptureTap[] taps;
    private final CaptureRecord record = new CaptureRecord();
    private final List<CapturedFrame> batch = new ArrayList<>();
    private final ControlledMessageHandler decoder = this::decode;
    private CaptureState state = CaptureState.RUNNING;
    private long lastRequestNs;
    private int budgetBytes;
    private int batchBytes;
    private boolean full;

    CaptureSession(final long id, final CaptureTap[] taps, final long nowNs)
    {
        this.id = id;
        this.taps = taps.clone();
        this.lastRequestNs = nowNs;
    }

    long id()
    {
        return id;
    }

    /** The taps, by worker. */
    CaptureTap[] taps()
    {
        return taps.clone();
    }

    /** What the capture copies. */
    CaptureFilter filter()
    {
        return taps[0].filter();
    }

    /** Whether the capture's count of frames was copied (the taps share it). */
    boolean finished()
    {
        for (final CaptureTap tap : taps)
        {
            if (tap.finished())
            {
                return true;
            }
        }
        return false;
    }

    CaptureState state()
    {
        return state;
    }

    void state(final CaptureState state)
    {
        this.state = state;
    }

    long lastRequestNs()
    {
        return lastRequestNs;
    }

    void touch(final long nowNs)
    {
        lastRequestNs = nowNs;
    }

    /**
     * Drains records from the rings, worker by worker, each ring oldest first, until about {@code maxBytes} of
     * frames are taken (at least one record when there is one), and reports the capture's state with them. The
     * frames of one worker (so of one flow) keep their order; frames of different workers are not merged by time.
     */
    CaptureBatch drain(final int maxBytes)
    {
        batch.clear();
        budgetBytes = maxBytes;
        batchBytes = 0;
        full = false;
        for (int i = 0; i < taps.length && !full; i++)
        {
            final RingBuffer ring = taps[i].ring();
            long before;
            do
            {
                // one read stops at the end of the ring's buffer: read on from its start
                before = ring.consumerPosition();
                ring.controlledRead(decoder);
            }
            while (!full && ring.consumerPosition() != before && ring.size() > 0);
        }
        long captured = 0;
        long ringFull = 0;
        boolean more = false;
        for (final CaptureTap tap : taps)
        {
            captured += tap.capturedFrames();
            ringFull += tap.ringFullFrames();
            more |= tap.ring().size() > 0;
        }
        return new CaptureBatch(id, state, captured, ringFull, more, batch);
    }

    private ControlledMessageHandler.Action decode(
        final int point, final MutableDirectBuffer buffer, final int index, final int length)
    {
        if (batchBytes > 0 && batchBytes + length > budgetBytes)
        {
            full = true;
            return ControlledMessageHandler.Action.ABORT;
        }
        record.wrap(buffer, index, length);
        final byte[] data = new byte[record.capturedLength()];
        record.getFrame(data);
        final int reason = record.dropReason();
        batch.add(new CapturedFrame(record.timestampNs(), CapturePoint.ofId(point), record.port(),
            reason == CaptureRecord.NO_DROP_REASON ? null : REASONS[reason], record.originalLength(), data));
        batchBytes += length;
        return ControlledMessageHandler.Action.CONTINUE;
    }
}
