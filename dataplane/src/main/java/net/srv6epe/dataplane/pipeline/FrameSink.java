package net.srv6epe.dataplane.pipeline;

import org.agrona.DirectBuffer;

/** Where the pipeline puts a finished Ethernet frame: the worker sends it on a port, a test records it. */
@FunctionalInterface
public interface FrameSink
{
    /**
     * Transmits one complete Ethernet frame on a port. The buffer is only valid during the call, and the caller
     * does not write to the frame's octets after it: a port may send them from where they are ({@link
     * net.srv6epe.dataplane.port.Port#send}).
     *
     * @return false when the port refused it (the port counts why)
     */
    boolean transmit(int portIndex, DirectBuffer buffer, int offset, int length);
}
