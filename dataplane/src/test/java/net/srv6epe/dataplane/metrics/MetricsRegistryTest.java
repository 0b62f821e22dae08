package net.srv6epe.dataplane.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The registry asks its sources in registration order, including ones registered after the first scrape. */
class MetricsRegistryTest
{
    @Test
    void scrapesEverySourceInRegistrationOrderAndTakesLateSources()
    {
        final long[] value = { 1 };
        final MetricsRegistry registry = new MetricsRegistry()
            .register(out -> out.family("b", MetricType.GAUGE, "b").sample(value[0]));

        assertEquals("# HELP b b\n# TYPE b gauge\nb 1\n", registry.scrape());

        registry.register(out -> out.family("a_total", MetricType.COUNTER, "a").sample(7));
        value[0] = 2;
        assertEquals("# HELP b b\n# TYPE b gauge\nb 2\n# HELP a_total a\n# TYPE a_total counter\na_total 7\n",
            registry.scrape());
    }

    @Test
    void anEmptyRegistryScrapesToNothing()
    {
        assertEquals("", new MetricsRegistry().scrape());
    }
}
