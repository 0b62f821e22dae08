package net.srv6epe.dataplane.metrics;

import net.srv6epe.dataplane.journal.JournalPruner;

/** {@code srv6epe_journal_files_pruned_total}: hourly journal files deleted by the retention. */
public final class JournalPrunerMetrics implements MetricsSource
{
    private final JournalPruner pruner;

    /**
     * @param pruner the router's journal pruner
     */
    public JournalPrunerMetrics(final JournalPruner pruner)
    {
        this.pruner = pruner;
    }

    @Override
    public void collect(final MetricsWriter out)
    {
        out.family(MetricNames.PREFIX + "journal_files_pruned_total", MetricType.COUNTER,
            "hourly journal files deleted because they were older than router.journal-retention-hours");
        out.sample(pruner.filesPruned());
    }
}
