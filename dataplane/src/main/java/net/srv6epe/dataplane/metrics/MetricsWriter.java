package net.srv6epe.dataplane.metrics;

import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes one scrape in the Prometheus text exposition format 0.0.4: per family a {@code # HELP} and a
 * {@code # TYPE} line, then its samples, label values and help text escaped as the format requires. Each family
 * may appear once per scrape (the format wants a family's lines together), counter names end in {@code _total},
 * and names are checked against the format's grammar, so a mistake in a source fails loudly in tests instead of
 * producing text a Prometheus server rejects.
 *
 * <pre>
 * # HELP srv6epe_port_rx_packets_total frames received and handed to the handler
 * # TYPE srv6epe_port_rx_packets_total counter
 * srv6epe_port_rx_packets_total{port="p0"} 42
 * </pre>
 */
public final class MetricsWriter
{
    /** Content type of the format. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Pattern METRIC_NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");
    private static final String COUNTER_SUFFIX = "_total";

    private final StringBuilder text = new StringBuilder(4096);
    private final Set<String> families = new HashSet<>();
    private String family;

    /**
     * Starts a family; the samples that follow belong to it.
     *
     * @param name metric name, {@code [a-zA-Z_:][a-zA-Z0-9_:]*}, ending in {@code _total} for a counter.
     * @param type counter or gauge.
     * @param help one line for operators.
     * @return this writer.
     * @throws IllegalArgumentException for a bad name or a family already written in this scrape.
     */
    public MetricsWriter family(final String name, final MetricType type, final String help)
    {
        if (!METRIC_NAME.matcher(name).matches())
        {
            throw new IllegalArgumentException("bad metric name '" + name + "'");
        }
        if (type == MetricType.COUNTER && !name.endsWith(COUNTER_SUFFIX))
        {
            throw new IllegalArgumentException("counter '" + name + "' must end in " + COUNTER_SUFFIX);
        }
        if (!families.add(name))
        {
            throw new IllegalArgumentException("metric family '" + name + "' written twice in one scrape");
        }
        family = name;
        text.append("# HELP ").append(name).append(' ');
        escapeHelp(help);
        text.append('\n');
        text.append("# TYPE ").append(name).append(' ').append(type.keyword()).append('\n');
        return this;
    }

    /**
     * Writes a sample of the current family.
     *
     * @param value  the value.
     * @param labels label names and values, alternating: {@code "port", "p0", "vrf", "default"}.
     * @return this writer.
     * @throws IllegalStateException before the first {@link #family}.
     * @throws IllegalArgumentException for an odd number of label strings, a bad or repeated label name, or a
     *                                  null value.
     */
    public MetricsWriter sample(final long value, final String... labels)
    {
        if (family == null)
        {
            throw new IllegalStateException("sample before any family");
        }
        if ((labels.length & 1) != 0)
        {
            throw new IllegalArgumentException("labels must be name, value pairs: " + labels.length + " strings");
        }
        text.append(family);
        if (labels.length > 0)
        {
            text.append('{');
            for (int i = 0; i < labels.length; i += 2)
            {
                final String name = labels[i];
                if (name == null || !LABEL_NAME.matcher(name).matches() || name.startsWith("__"))
                {
                    throw new IllegalArgumentException("bad label name '" + name + "' in " + family);
                }
                for (int j = 0; j < i; j += 2)
                {
                    if (labels[j].equals(name))
                    {
                        throw new IllegalArgumentException("label '" + name + "' repeated in " + family);
                    }
                }
                if (labels[i + 1] == null)
                {
                    throw new IllegalArgumentException("label '" + name + "' of " + family + " has no value");
                }
                text.append(i == 0 ? "" : ",").append(name).append("=\"");
                escapeLabelValue(labels[i + 1]);
                text.append('"');
            }
            text.append('}');
        }
        text.append(' ').append(value).append('\n');
        return this;
    }

    /** The text written so far. */
    public String text()
    {
        return text.toString();
    }

    private void escapeHelp(final String help)
    {
        for (int i = 0; i < help.length(); i++)
        {
            final char c = help.charAt(i);
            if (c == '\\')
            {
                text.append("\\\\");
            }
            else if (c == '\n')
            {
                text.append("\\n");
            }
            else
            {
                text.append(c);
            }
        }
    }

    private void escapeLabelValue(final String value)
    {
        for (int i = 0; i < value.length(); i++)
        {
            final char c = value.charAt(i);
            if (c == '\\')
            {
                text.append("\\\\");
            }
            else if (c == '"')
            {
                text.append("\\\"");
            }
            else if (c == '\n')
            {
                text.append("\\n");
            }
            else
            {
                text.append(c);
            }
        }
    }
}
