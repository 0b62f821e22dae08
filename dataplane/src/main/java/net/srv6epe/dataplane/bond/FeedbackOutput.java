package net.srv6epe.dataplane.bond;

import org.agrona.MutableDirectBuffer;

/** Where a tail end hands its feedback packets: the pipeline routes them like any packet it generates. */
@FunctionalInterface
public interface FeedbackOutput
{
    /**
     * @param buffer  holds the IPv6 packet, with room for an Ethernet header in front of {@code offset}
     * @param vrfId   the VRF to route it in
     * @param inPort  the port the bonded packets arrived on
     */
    void send(MutableDirectBuffer buffer, int offset, int length, int vrfId, int inPort);
}
