package net.srv6epe.dataplane.neighbor;

/** The neighbor agent's counters, declared once with a stable id (the ordinal: append only) and a label. */
public enum NeighborCounter
{
    ARP_REQUESTS_RECEIVED("neighbor.arp.requests-received"),
    ARP_REPLIES_RECEIVED("neighbor.arp.replies-received"),
    ARP_REQUESTS_SENT("neighbor.arp.requests-sent"),
    ARP_REPLIES_SENT("neighbor.arp.replies-sent"),
    NS_RECEIVED("neighbor.ndp.solicitations-received"),
    NA_RECEIVED("neighbor.ndp.advertisements-received"),
    NS_SENT("neighbor.ndp.solicitations-sent"),
    NA_SENT("neighbor.ndp.advertisements-sent"),
    RESOLVED("neighbor.resolved"),
    FAILED("neighbor.failed"),
    AGED_OUT("neighbor.aged-out"),
    HELD("neighbor.frames.held"),
    RELEASED("neighbor.frames.released"),
    DROPPED("neighbor.frames.dropped"),
    NDP_BAD_HOP_LIMIT("neighbor.ndp.bad-hop-limit"),
    NDP_BAD_CHECKSUM("neighbor.ndp.bad-checksum"),
    NDP_MALFORMED("neighbor.ndp.malformed"),
    ARP_MALFORMED("neighbor.arp.malformed"),
    IGNORED("neighbor.ignored"),
    NO_SOURCE_ADDRESS("neighbor.no-source-address"),
    POOL_EMPTY("neighbor.pool-empty");

    private static final NeighborCounter[] VALUES = values();

    private final String label;

    NeighborCounter(final String label)
    {
        this.label = label;
    }

    /** Stable numeric id: the ordinal. */
    public int id()
    {
        return ordinal();
    }

    /** The metric name. */
    public String label()
    {
        return label;
    }

    /** Number of counters. */
    public static int count()
    {
        return VALUES.length;
    }
}
