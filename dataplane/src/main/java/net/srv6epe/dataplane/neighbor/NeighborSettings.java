package net.srv6epe.dataplane.neighbor;

import net.srv6epe.dataplane.port.Port;

/**
 * Timers and sizes of the neighbor agent.
 *
 * @param reachableTimeNs how long a confirmation keeps an entry REACHABLE (RFC 4861 REACHABLE_TIME: 30 s).
 * @param retransTimeNs time between two requests or probes (RFC 4861 RETRANS_TIMER: 1 s).
 * @param maxProbes requests sent before an entry FAILS (RFC 4861 MAX_MULTICAST_SOLICIT: 3).
 * @param holdFrames frames held per unresolved next hop; more are dropped (NEIGHBOR_UNRESOLVED).
 * @param staleGcNs how long an unused STALE entry stays before it is removed.
 * @param failedGcNs how long a FAILED entry stays visible before it is removed.
 * @param timerTickNs how often timers are checked.
 * @param poolFrames frame buffers shared by punts, held frames and emitted frames.
 * @param frameCapacity bytes per frame buffer: the largest frame that can be punted or held.
 * @param requestQueueCapacity slots in each queue from workers to the agent (one for punts, one for unresolved
 *     frames).
 * @param outputQueueCapacity slots in each port's queue from the agent to the workers.
 */
public record NeighborSettings(
    long reachableTimeNs,
    long retransTimeNs,
    int maxProbes,
    int holdFrames,
    long staleGcNs,
    long failedGcNs,
    long timerTickNs,
    int poolFrames,
    int frameCapacity,
    int requestQueueCapacity,
    int outputQueueCapacity)
{
    private static final long SECOND_NS = 1_000_000_000L;

    /** RFC 4861 defaults, 4 held frames, 60 s garbage collection, 100 ms tick, 1024 jumbo-sized buffers. */
    public static NeighborSettings defaults()
    {
        return new NeighborSettings(
            30 * SECOND_NS, SECOND_NS, 3, 4, 60 * SECOND_NS, 60 * SECOND_NS, 100_000_000L, 1024,
            Port.MAX_FRAME_LENGTH, 256, 256);
    }
}
