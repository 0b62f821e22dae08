package net.srv6epe.dataplane.capture;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Where the control plane hands a {@link CaptureTap} to a worker's pipeline: one volatile reference, null while
 * no capture runs. The pipeline reads it once per batch (next to the forwarding snapshot) and keeps what it read
 * in a plain field for the frames of the batch, so a capture that is off costs the fast path one plain read of a
 * null field where a frame is received, sent or dropped.
 */
public final class CaptureSwitch
{
    private static final VarHandle TAP;

    static
    {
        try
        {
            TAP = MethodHandles.lookup().findVarHandle(CaptureSwitch.class, "tap", CaptureTap.class);
        }
        catch (final ReflectiveOperationException ex)
        {
            throw new ExceptionInInitializerError(ex);
        }
    }

    @SuppressWarnings("unused") // through TAP
    private volatile CaptureTap tap;

    /** The tap to use from the next batch on, or null. Any thread (the worker, once per batch). */
    public CaptureTap current()
    {
        return tap;
    }

    /**
     * Turns a capture on.
     *
     * @return false (and nothing changes) when another tap is on
     */
    public boolean activate(final CaptureTap next)
    {
        return TAP.compareAndSet(this, null, next);
    }

    /**
     * Turns {@code which} off; the worker lets go of it at its next batch ({@link CaptureTap#detached()}).
     *
     * @return false when {@code which} was not the tap that was on
     */
    public boolean deactivate(final CaptureTap which)
    {
        return TAP.compareAndSet(this, which, null);
    }
}
