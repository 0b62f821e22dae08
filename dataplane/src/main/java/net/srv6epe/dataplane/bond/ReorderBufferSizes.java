package net.srv6epe.dataplane.bond;

/** Sizes of the tail end's reorder buffer slots. */
final class ReorderBufferSizes
{
    /** Largest inner packet a slot holds: a 9000-octet jumbo packet fits; larger ones pass out of order. */
    static final int SLOT_BYTES = 9216;
    /**
     * Free octets in front of a held packet, as in front of a received one ({@link
     * net.srv6epe.dataplane.pipeline.Pipeline#HEADROOM}): a released packet may be encapsulated again (its VRF routes
     * it into an encap or a bond) and leaves with an Ethernet header.
     */
    static final int HEADROOM = 512;

    private ReorderBufferSizes()
    {
    }
}
