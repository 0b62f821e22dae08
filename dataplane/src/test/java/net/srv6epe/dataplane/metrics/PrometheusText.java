package net.srv6epe.dataplane.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Parses exposition text with the Prometheus project's own Python client parser (Debian's
 * {@code python3-prometheus-client}, run by {@code /usr/bin/python3}), plus the checks that parser leaves out
 * (it is lax by design): every line a HELP, TYPE or sample line of the 0.0.4 grammar, one HELP and one TYPE per
 * family before its samples, every sample inside its family, and as many samples parsed as written.
 */
final class PrometheusText
{
    private static final String PYTHON = "/usr/bin/python3";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SCRIPT = String.join("\n",
        "import json, re, sys",
        "from prometheus_client.parser import text_string_to_metric_families",
        "text = sys.stdin.read()",
        "NAME = r'[a-zA-Z_:][a-zA-Z0-9_:]*'",
        "LABEL = r'[a-zA-Z_][a-zA-Z0-9_]*=\"(?:[^\"\\\\\\n]|\\\\[\\\\\"n])*\"'",
        "VALUE = r'-?[0-9]+(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|NaN|[+-]Inf'",
        "SAMPLE = re.compile('^(' + NAME + r')(?:\\{' + LABEL + '(?:,' + LABEL + r')*\\})? (' + VALUE + ')$')",
        "COMMENT = re.compile(r'^# (HELP|TYPE) (' + NAME + r') (.*)$')",
        "errors = []",
        "if not text.endswith('\\n'):",
        "    errors.append('text does not end with a newline')",
        "helped, typed, written, current = set(), {}, 0, None",
        "for i, line in enumerate(text.split('\\n')[:-1], 1):",
        "    m = COMMENT.match(line)",
        "    if m:",
        "        kind, name, rest = m.groups()",
        "        if kind == 'HELP':",
        "            if name in helped: errors.append('line %d: second HELP for %s' % (i, name))",
        "            helped.add(name)",
        "        else:",
        "            if name in typed: errors.append('line %d: second TYPE for %s' % (i, name))",
        "            if rest not in ('counter', 'gauge'): errors.append('line %d: type %r' % (i, rest))",
        "            typed[name] = rest",
        "        current = name",
        "        continue",
        "    m = SAMPLE.match(line)",
        "    if not m:",
        "        errors.append('line %d: not a HELP, TYPE or sample line: %r' % (i, line))",
        "        continue",
        "    if m.group(1) != current or current not in typed or current not in helped:",
        "        errors.append('line %d: sample %s outside a family with HELP and TYPE' % (i, m.group(1)))",
        "    written += 1",
        "families, parsed = [], 0",
        "for f in text_string_to_metric_families(text):",
        "    samples = [{'name': s.name, 'labels': s.labels, 'value': s.value} for s in f.samples]",
        "    parsed += len(samples)",
        "    families.append({'name': f.name, 'type': f.type, 'help': f.documentation, 'samples': samples})",
        "if parsed != written:",
        "    errors.append('the parser read %d samples, the text has %d' % (parsed, written))",
        "json.dump({'errors': errors, 'families': families}, sys.stdout)",
        "");

    /** One sample as the parser read it. */
    record Sample(String name, Map<String, String> labels, double value)
    {
    }

    /**
     * One family as the parser read it (a counter's name without {@code _total}, as the Python client names it).
     */
    record Family(String name, String type, String help, List<Sample> samples)
    {
    }

    private PrometheusText()
    {
    }

    /** Skips the calling test when the parser is not installed. */
    static void assumeParserInstalled()
    {
        boolean installed;
        try
        {
            final Process p = new ProcessBuilder(PYTHON, "-c", "import prometheus_client.parser")
                .redirectErrorStream(true).start();
            installed = p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
        }
        catch (final IOException | InterruptedException ex)
        {
            installed = false;
        }
        assumeTrue(installed, "python3-prometheus-client is not installed (lab/install-deps.sh test installs it)");
    }

    /**
     * Parses the text and asserts it is well formed.
     *
     * @return the families in text order.
     */
    static List<Family> parse(final String text) throws IOException, InterruptedException
    {
        final JsonNode result = run(text);
        assertEquals(List.of(), errors(result), () -> "exposition text:\n" + text);
        final List<Family> families = new ArrayList<>();
        for (final JsonNode f : result.get("families"))
        {
            final List<Sample> samples = new ArrayList<>();
            for (final JsonNode s : f.get("samples"))
            {
                final Map<String, String> labels = new TreeMap<>();
                for (final Iterator<Map.Entry<String, JsonNode>> it = s.get("labels").fields(); it.hasNext(); )
                {
                    final Map.Entry<String, JsonNode> e = it.next();
                    labels.put(e.getKey(), e.getValue().asText());
                }
                samples.add(new Sample(s.get("name").asText(), labels, s.get("value").asDouble()));
            }
            families.add(new Family(f.get("name").asText(), f.get("type").asText(), f.get("help").asText(),
                samples));
        }
        return families;
    }

    /**
     * What is wrong with the text, for tests of the checker itself.
     *
     * @return the problems found, empty for well-formed text.
     */
    static List<String> problems(final String text) throws IOException, InterruptedException
    {
        return errors(run(text));
    }

    private static JsonNode run(final String text) throws IOException, InterruptedException
    {
        assumeParserInstalled();
        final Process p = new ProcessBuilder(PYTHON, "-c", SCRIPT).start();
        try (OutputStream in = p.getOutputStream())
        {
            in.write(text.getBytes(StandardCharsets.UTF_8));
        }
        final byte[] out = p.getInputStream().readAllBytes();
        final String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the parser did not finish");
        if (p.exitValue() != 0)
        {
            final String[] lines = err.strip().split("\n");
            return JSON.createObjectNode().set("errors",
                JSON.createArrayNode().add("the Prometheus parser failed: " + lines[lines.length - 1]));
        }
        return JSON.readTree(out);
    }

    private static List<String> errors(final JsonNode result)
    {
        final List<String> errors = new ArrayList<>();
        result.get("errors").forEach(e -> errors.add(e.asText()));
        return errors;
    }

    /** Every sample by {@code name{label=value,...}} (labels sorted), e.g. {@code srv6epe_drops_total{reason=x}}. */
    static Map<String, Double> samples(final List<Family> families)
    {
        final Map<String, Double> all = new LinkedHashMap<>();
        for (final Family f : families)
        {
            for (final Sample s : f.samples())
            {
                final Double previous = all.put(key(s.name(), s.labels()), s.value());
                assertEquals(null, previous, "sample " + key(s.name(), s.labels()) + " appears twice");
            }
        }
        return all;
    }

    /** The key {@link #samples} uses: {@code name{a=1,b=2}} with labels sorted, or the name alone. */
    static String key(final String name, final String... labels)
    {
        final Map<String, String> map = new TreeMap<>();
        for (int i = 0; i < labels.length; i += 2)
        {
            map.put(labels[i], labels[i + 1]);
        }
        return key(name, map);
    }

    private static String key(final String name, final Map<String, String> labels)
    {
        if (labels.isEmpty())
        {
            return name;
        }
        final StringBuilder sb = new StringBuilder(name).append('{');
        labels.forEach((k, v) -> sb.append(sb.charAt(sb.length() - 1) == '{' ? "" : ",").append(k).append('=')
            .append(v));
        return sb.append('}').toString();
    }
}
