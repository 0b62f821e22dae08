package net.srv6epe.dataplane.port;

import org.agrona.DirectBuffer;

/**
 * Receives frames from {@link Port#receive(FrameHandler, int)}, zero copy: the buffer is only valid for the
 * duration of the call and is reused for the next frame. Copy what must outlive the call.
 */
@FunctionalInterface
public interface FrameHandler
{
    /**
     * One received Ethernet frame (without FCS).
     *
     * @param buffer holding the frame, valid only during this call.
     * @param offset of the first byte of the Ethernet header.
     * @param length of the frame in bytes.
     */
    void onFrame(DirectBuffer buffer, int offset, int length);
}
