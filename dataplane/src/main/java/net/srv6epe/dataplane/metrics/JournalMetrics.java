package net.srv6epe.dataplane.metrics;

import net.srv6epe.dataplane.journal.JournalingPublisher;

/**
 * The route-event journal: {@code srv6epe_journal_route_events_total} (events appended since start) and
 * {@code srv6epe_journal_errors_total} (publishes whose events could not be appended; each is also logged).
 */
public final class JournalMetrics implements MetricsSource
{
    private final JournalingPublisher journaling;

    /**
     * @param journaling the publisher that journals every forwarding-state change
     */
    public JournalMetrics(final JournalingPublisher journaling)
    {
        this.journaling = journaling;
    }

    @Override
    public void collect(final MetricsWriter out)
    {
        out.family(MetricNames.PREFIX + "journal_route_events_total", MetricType.COUNTER,
            "route events appended to the route-event journal since start");
        out.sample(journaling.eventsJournaled());
        out.family(MetricNames.PREFIX + "journal_errors_total", MetricType.COUNTER,
            "forwarding-state publishes whose route events could not be appended (logged)");
        out.sample(journaling.journalErrors());
    }
}
