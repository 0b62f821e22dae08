package net.srv6epe.dataplane.worker;

/**
 * The loop counters every {@link Worker} keeps about itself, declared once with a stable id (the ordinal: append
 * only) and the label shown by {@code show counters} ({@code worker.N.LABEL}) and {@code /metrics}
 * ({@code srv6epe_worker_LABEL_total{worker="N"}}).
 */
public enum WorkerCounter
{
    BUSY_LOOPS("busy-loops", "duty cycles that received, or sent for the neighbor agent, at least one frame"),
    IDLE_LOOPS("idle-loops", "duty cycles that found nothing to do (the idle strategy backed off)"),
    RX_FRAMES("rx-frames", "frames the worker received from its sockets"),
    RX_BATCHES("rx-batches", "receive calls that returned at least one frame (rx-frames / rx-batches: mean batch)"),
    RX_FULL_BATCHES("rx-full-batches",
        "receive calls that returned a full batch of 64 frames: the socket had a backlog"),
    NEIGHBOR_FRAMES_SENT("neighbor-frames-sent",
        "frames of the neighbor agent (ARP/NDP, released held packets) this worker sent");

    private static final WorkerCounter[] VALUES = values();

    private final String label;
    private final String description;

    WorkerCounter(final String label, final String description)
    {
        this.label = label;
        this.description = description;
    }

    /** The label, e.g. {@code busy-loops}. */
    public String label()
    {
        return label;
    }

    /** One line for operators. */
    public String description()
    {
        return description;
    }

    /** Number of counters. */
    public static int count()
    {
        return VALUES.length;
    }
}
