package net.srv6epe.dataplane.port.afpacket;

import net.srv6epe.dataplane.port.FrameHandler;

/** The reader of a mapped receive ring: {@link RxRing} (TPACKET_V3 blocks) or {@link FrameRing} (TPACKET_V2 frames). */
interface ReceiveRing
{
    /** True when a frame is waiting (or the reader is inside a block or a super-frame it has not finished). */
    boolean ready();

    /**
     * Hands up to {@code limit} frames to {@code handler}, zero copy from the ring, and gives back to the kernel
     * what it has finished.
     *
     * @return the number of frames handed; 0 when nothing is ready (or every waiting packet was dropped).
     */
    int read(FrameHandler handler, int limit);

    /**
     * The kernel's receive time of the frame being handed ({@code CLOCK_REALTIME} nanoseconds, from the ring's
     * packet header); valid inside the handler's call.
     */
    long timestampNs();
}
