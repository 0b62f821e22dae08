package net.srv6epe.dataplane.capture;

import java.util.List;

/**
 * What one {@code read} or {@code stop} of a capture returns: the frames drained from its ring since the last
 * one, and where the capture stands.
 *
 * @param id       the capture
 * @param state    its state after this request
 * @param captured frames the worker copied since the capture started
 * @param ringFull matching frames not copied because the ring was full, since the capture started
 * @param more     whether the ring holds more frames than this batch carried (read again at once)
 * @param frames   the frames, oldest first
 */
public record CaptureBatch(
    long id, CaptureState state, long captured, long ringFull, boolean more, List<CapturedFrame> frames)
{
    /** Copies the list. */
    public CaptureBatch
    {
        frames = List.copyOf(frames);
    }
}
