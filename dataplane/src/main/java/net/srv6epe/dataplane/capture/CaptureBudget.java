package net.srv6epe.dataplane.capture;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The frames a capture may still copy ({@code --count}), shared by its {@link CaptureTap}s (one per worker): a tap
 * takes one unit before it copies a frame and gives it back when its ring was full, so the taps together copy at
 * most the count. An unlimited capture never touches the shared word. Only used while a capture runs.
 */
public final class CaptureBudget
{
    private final boolean limited;
    private final AtomicLong remaining;

    /**
     * @param count frames the capture copies at most, or {@link CaptureFilter#UNLIMITED}
     */
    public CaptureBudget(final long count)
    {
        this.limited = count != CaptureFilter.UNLIMITED;
        this.remaining = new AtomicLong(limited ? count : Long.MAX_VALUE);
    }

    /** Whether the count is used up. Any thread. */
    public boolean exhausted()
    {
        return limited && remaining.get() <= 0;
    }

    /**
     * Takes one frame of the count.
     *
     * @return false when none is left (nothing was taken)
     */
    boolean take()
    {
        if (!limited)
        {
            return true;
        }
        if (remaining.getAndDecrement() <= 0)
        {
            remaining.getAndIncrement();
            return false;
        }
        return true;
    }

    /** Returns a frame taken by {@link #take()} that was not copied after all. */
    void giveBack()
    {
        if (limited)
        {
            remaining.getAndIncrement();
        }
    }
}
