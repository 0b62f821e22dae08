package net.srv6epe.dataplane.pipeline;

import org.agrona.DirectBuffer;

/** Where the pipeline puts a finished Ethernet frame: the worker sends it on a port, a test records it. */
@FunctionalInterface
public interface FrameSink
{
    /**
     * Transmits one complete Ethernet frame on a port. The buffer is only valid during the call.
     *
     * @return false when the port refused it (the port counts why)
     */
    boolean transmit(int portIndex, DirectBuffer buffer, int offset, int length);
}
