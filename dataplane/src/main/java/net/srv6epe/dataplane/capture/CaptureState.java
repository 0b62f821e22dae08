package net.srv6epe.dataplane.capture;

/** Where a capture is in its life, as {@code srv6 capture} is told. */
public enum CaptureState
{
    /** The worker copies matching frames. */
    RUNNING("running", null),
    /** The worker copied the requested count of frames and copies no more. */
    FINISHED("finished", null),
    /** Its client stopped it. */
    STOPPED("stopped", null),
    /** The router stopped it because its client sent no request for a while (it went away). */
    EXPIRED("expired", "the router stopped the capture: no request from this client for " +
        CaptureService.LEASE_MS / 1000 + " s");

    private final String label;
    private final String problem;

    CaptureState(final String label, final String problem)
    {
        this.label = label;
        this.problem = problem;
    }

    /** The name in control responses. */
    public String label()
    {
        return label;
    }

    /** Why the client lost its capture, for an end it did not ask for; null otherwise. */
    public String problem()
    {
        return problem;
    }

    /** Whether the worker may still copy frames. */
    public boolean running()
    {
        return this == RUNNING;
    }

    /**
     * The state with this label.
     *
     * @throws IllegalArgumentException for an unknown label
     */
    public static CaptureState ofLabel(final String label)
    {
        for (final CaptureState s : values())
        {
            if (s.label.equals(label))
            {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown capture state '" + label + "'");
    }
}
