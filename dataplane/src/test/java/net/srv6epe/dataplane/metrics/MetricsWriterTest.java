package net.srv6epe.dataplane.metrics;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The exposition text: its exact lines, its escaping as a real parser reads it back, and what it refuses. */
class MetricsWriterTest
{
    @Test
    void writesHelpTypeAndSamplesOfEachFamilyTogether()
    {
        final String text = new MetricsWriter()
            .family("srv6epe_port_rx_packets_total", MetricType.COUNTER, "frames received")
            .sample(42, "port", "p0")
            .sample(0, "port", "p1")
            .family("srv6epe_forwarding_generation", MetricType.GAUGE, "snapshot generation")
            .sample(3)
            .text();

        assertEquals(String.join("\n",
            "# HELP srv6epe_port_rx_packets_total frames received",
            "# TYPE srv6epe_port_rx_packets_total counter",
            "srv6epe_port_rx_packets_total{port=\"p0\"} 42",
            "srv6epe_port_rx_packets_total{port=\"p1\"} 0",
            "# HELP srv6epe_forwarding_generation snapshot generation",
            "# TYPE srv6epe_forwarding_generation gauge",
            "srv6epe_forwarding_generation 3",
            ""), text);
    }

    @Test
    void escapesLabelValuesAndHelpSoTheParserReadsBackTheOriginals() throws Exception
    {
        final String awkward = "a \"quoted\" back\\slash,\nnew line } = {";
        final String text = new MetricsWriter()
            .family("x_total", MetricType.COUNTER, "help with \\ and\nsecond line")
            .sample(Long.MAX_VALUE >> 11, "v", awkward, "w", "")
            .text();

        assertEquals(String.join("\n",
            "# HELP x_total help with \\\\ and\\nsecond line",
            "# TYPE x_total counter",
            "x_total{v=\"a \\\"quoted\\\" back\\\\slash,\\nnew line } = {\",w=\"\"} 4503599627370495",
            ""), text);

        final List<PrometheusText.Family> families = PrometheusText.parse(text);
        assertEquals(1, families.size());
        assertEquals("x", families.get(0).name());
        assertEquals("counter", families.get(0).type());
        assertEquals("help with \\ and\nsecond line", families.get(0).help());
        assertEquals(List.of(new PrometheusText.Sample("x_total", Map.of("v", awkward, "w", ""),
            4503599627370495.0)), families.get(0).samples());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "x_total 1\n",
        "# HELP x_total h\n# TYPE x_total counter\nx_total{a=\"b\\q\"} 1\n",
        "# HELP x_total h\n# TYPE x_total counter\nx_total{a=\"b\"} one\n",
        "# HELP x_total h\n# TYPE x_total counter\nx_total{a=b} 1\n",
        "# HELP x_total h\n# TYPE x_total counter\nx_total 1",
        "# HELP x_total h\n# TYPE x_total counter\ny_total 1\n",
        "# HELP x h\n# TYPE x gauge\nx 1\n# HELP x h\n# TYPE x gauge\nx 2\n" })
    void theCheckerTheseTestsRelyOnRejectsMalformedText(final String text) throws Exception
    {
        assertFalse(PrometheusText.problems(text).isEmpty(), text);
    }

    @Test
    void refusesASecondFamilyOfTheSameNameInOneScrape()
    {
        final MetricsWriter out = new MetricsWriter().family("a_total", MetricType.COUNTER, "a").sample(1);

        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> out.family("a_total", MetricType.COUNTER, "a"));
        assertEquals("metric family 'a_total' written twice in one scrape", ex.getMessage());
    }

    @Test
    void refusesACounterWhoseNameDoesNotEndInTotal()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new MetricsWriter().family("srv6epe_port_rx_packets", MetricType.COUNTER, "x"));
        assertEquals("counter 'srv6epe_port_rx_packets' must end in _total", ex.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "1abc", "port.rx", "a-b", "a b", "é" })
    void refusesMetricNamesOutsideTheGrammar(final String name)
    {
        assertThrows(IllegalArgumentException.class, () -> new MetricsWriter().family(name, MetricType.GAUGE, "x"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "1a", "a.b", "__reserved", "a-b" })
    void refusesLabelNamesOutsideTheGrammar(final String label)
    {
        final MetricsWriter out = new MetricsWriter().family("g", MetricType.GAUGE, "x");

        assertThrows(IllegalArgumentException.class, () -> out.sample(1, label, "v"));
    }

    @Test
    void refusesUnpairedRepeatedOrNullLabels()
    {
        final MetricsWriter out = new MetricsWriter().family("g", MetricType.GAUGE, "x");

        assertThrows(IllegalArgumentException.class, () -> out.sample(1, "a"));
        assertThrows(IllegalArgumentException.class, () -> out.sample(1, "a", "1", "a", "2"));
        assertThrows(IllegalArgumentException.class, () -> out.sample(1, "a", null));
    }

    @Test
    void refusesASampleBeforeAnyFamily()
    {
        assertThrows(IllegalStateException.class, () -> new MetricsWriter().sample(1));
    }

    @Test
    void namesCountersFromTheDottedLabelsOfShowCounters()
    {
        assertEquals("srv6epe_neighbor_ndp_solicitations_sent_total",
            MetricNames.counter("neighbor.ndp.solicitations-sent"));
        assertEquals("srv6epe_pipeline_icmp_errors_sent_total", MetricNames.counter("pipeline.icmp.errors-sent"));
        assertEquals("srv6epe_port_rx_packets_total", MetricNames.counter("port.rx.packets"));
    }
}
