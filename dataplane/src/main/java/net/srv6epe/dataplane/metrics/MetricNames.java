package net.srv6epe.dataplane.metrics;

/**
 * Metric names from the dotted counter labels {@code show counters} uses, so the two stay one vocabulary:
 * {@code neighbor.ndp.solicitations-sent} becomes {@code srv6epe_neighbor_ndp_solicitations_sent_total}.
 */
final class MetricNames
{
    /** Prefix of every metric of this router. */
    static final String PREFIX = "srv6epe_";

    private MetricNames()
    {
    }

    /**
     * The counter name for a label: {@code srv6epe_} + the label with every character outside
     * {@code [a-zA-Z0-9_]} turned into {@code _} + {@code _total}.
     *
     * @param label a dotted label such as {@code port.rx.packets}.
     * @return the metric name.
     */
    static String counter(final String label)
    {
        return PREFIX + underscores(label) + "_total";
    }

    /**
     * The label with every character outside {@code [a-zA-Z0-9_]} turned into {@code _}.
     *
     * @param label a dotted label.
     * @return a metric name fragment.
     */
    static String underscores(final String label)
    {
        final StringBuilder sb = new StringBuilder(label.length());
        for (int i = 0; i < label.length(); i++)
        {
            final char c = label.charAt(i);
            final boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
            sb.append(ok ? c : '_');
        }
        return sb.toString();
    }
}
