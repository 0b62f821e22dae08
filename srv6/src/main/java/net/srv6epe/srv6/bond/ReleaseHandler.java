package net.srv6epe.srv6.bond;

import org.agrona.MutableDirectBuffer;

/**
 * Receives the packets a {@link ReorderBuffer} releases, in sequence order (docs/BONDING.md, "Tail end: the
 * reorder buffer").
 *
 * <p>The buffer handed over is the reorder buffer's own slot storage: the packet is valid, and may be rewritten
 * in place (from {@code offset - headroom} to {@code offset + length}, the headroom the reorder buffer was built
 * with), only until {@link #onRelease} returns. The handler must not call back into the reorder buffer that is
 * releasing.
 */
@FunctionalInterface
public interface ReleaseHandler
{
    /**
     * One released packet.
     *
     * @param tag    the caller's tag given to {@link ReorderBuffer#offer} with the packet (e.g. the ingress port)
     * @param buffer the slot storage holding the packet
     * @param offset where the packet starts in {@code buffer}; the reorder buffer's headroom is free in front of it
     * @param length the packet's length in bytes, as offered
     */
    void onRelease(int tag, MutableDirectBuffer buffer, int offset, int length);
}
