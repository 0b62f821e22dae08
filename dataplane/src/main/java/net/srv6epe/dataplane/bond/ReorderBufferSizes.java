package net.srv6epe.dataplane.bond;

/** Sizes of the tail end's reorder buffer slots. */
final class ReorderBufferSizes
{
    /** Largest inner packet a slot holds: a 9000-octet jumbo packet fits; larger ones pass out of order. */
    static final int SLOT_BYTES = 9216;
    /** Free octets in front of a held packet: room for the Ethernet header it leaves with. */
    static final int HEADROOM = 64;

    private ReorderBufferSizes()
    {
    }
}
