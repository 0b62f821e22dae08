package net.srv6epe.dataplane.metrics;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The sources a scrape asks, in registration order. Sources may be added while the endpoint is serving (a
 * subsystem that starts later registers when it starts); a scrape sees the sources registered before it began.
 */
public final class MetricsRegistry
{
    private final List<MetricsSource> sources = new CopyOnWriteArrayList<>();

    /**
     * Adds a source to every later scrape.
     *
     * @param source writes its families on each scrape.
     * @return this registry.
     */
    public MetricsRegistry register(final MetricsSource source)
    {
        sources.add(source);
        return this;
    }

    /**
     * One scrape: every source's families in the text exposition format.
     *
     * @return the text served at {@code /metrics}.
     */
    public String scrape()
    {
        final MetricsWriter out = new MetricsWriter();
        for (final MetricsSource source : sources)
        {
            source.collect(out);
        }
        return out.text();
    }
}
