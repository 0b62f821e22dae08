package net.srv6epe.dataplane.metrics;

/** The metric types this router exposes, with their keyword on the {@code # TYPE} line. */
public enum MetricType
{
    /** Only goes up (or resets to zero on restart or {@code clear counters}); its name ends in {@code _total}. */
    COUNTER("counter"),
    /** A value that goes up and down. */
    GAUGE("gauge");

    private final String keyword;

    MetricType(final String keyword)
    {
        this.keyword = keyword;
    }

    /** The word on the {@code # TYPE} line. */
    public String keyword()
    {
        return keyword;
    }
}
