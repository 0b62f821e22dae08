package net.srv6epe.dataplane.metrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import net.srv6epe.dataplane.app.RouterMain;
import net.srv6epe.dataplane.config.ConfigLoader;
import net.srv6epe.dataplane.config.FlowStatsSettings;
import net.srv6epe.dataplane.control.ControlClient;
import net.srv6epe.dataplane.control.ControlRequest;
import net.srv6epe.dataplane.neighbor.NeighborCounter;
import net.srv6epe.dataplane.neighbor.NeighborState;
import net.srv6epe.dataplane.pipeline.PipelineCounters;
import net.srv6epe.dataplane.port.MacAddress;
import net.srv6epe.dataplane.port.PcapFilePort;
import net.srv6epe.dataplane.port.PortCounter;
import net.srv6epe.dataplane.worker.WorkerCounter;
import net.srv6epe.srv6.DropReason;
import net.srv6epe.srv6.algebra.Packets;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The endpoint of a whole router ({@link RouterMain} with {@code pcap-file} ports replaying a capture): the
 * scrape parses as the exposition format with the Prometheus client's parser, and every counter in it equals
 * what {@code show --json} reports over the control socket for the same router; plus ephemeral ports for
 * several routers in one namespace, {@code listen: off}, and a taken port refused at start.
 */
class RouterMetricsEndpointTest
{
    private static final String OUR_SERVER_MAC = "02:00:00:00:10:01";
    private static final String SERVER_MAC = "02:00:00:00:10:02";
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    /** What arrives on the server port: one frame per case, each leaving a distinct trace in the counters. */
    private static final List<String> REPLAYED = List.of(
        // plain IPv6 routed by the default VRF
        "IPv6(fd00:10::10,fd00:c0::c)/UDP(40000,443)",
        // PBR to epe-a, H.Encaps with the peer's SID
        "IPv6(fd00:10::a,fd00:c0::c)/UDP(40001,443)",
        // End.DT6 at our SID, good: decapsulated, routed in peer-a
        "IPv6(fd00:20::2,fc00:a::d6)/IPv6(fd00:c1::1,fd00:c0::c)/UDP(40002,443)",
        // End.DT6 with segments left: bad at the SID (drop.srh.sl-nonzero, Parameter Problem to the source)
        "IPv6(fd00:20::2,fc00:a::d6)SRH(fc00:a::99,fc00:a::d6;SL=1)IPv6(fd00:c1::1,fd00:c0::c)/UDP(40003,443)",
        // in our locator, no such SID
        "IPv6(fd00:20::2,fc00:a::77)/UDP(40004,443)",
        // no route in the default VRF (Destination Unreachable back to the server)
        "IPv6(fd00:10::10,fd00:dd::1)/UDP(40005,443)");

    private Path dir;

    @BeforeEach
    void createDir() throws IOException
    {
        dir = Files.createTempDirectory(Path.of("/tmp"), "srv6-metrics");
    }

    @AfterEach
    void deleteDir() throws IOException
    {
        try (Stream<Path> paths = Files.walk(dir))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Test
    void scrapeParsesAndEqualsWhatShowJsonReports() throws Exception
    {
        PrometheusText.assumeParserInstalled();
        writeCapture(dir.resolve("in.pcap"), REPLAYED.size());
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final RouterMain.Running router = RouterMain.start(ConfigLoader.load(writeConfig("r1", "127.0.0.1:0")),
            new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertNotNull(router, "router did not start");
        try
        {
            final InetSocketAddress address = router.metricsAddress();
            assertNotEquals(0, address.getPort());
            assertTrue(out.toString(StandardCharsets.UTF_8).strip().endsWith(
                "; metrics http://127.0.0.1:" + address.getPort() + "/metrics"), out.toString());

            final ControlClient client = new ControlClient(dir.resolve("r1.sock"), ControlClient.DEFAULT_TIMEOUT_MS);
            final Scrape scrape = settledScrape(address, client);
            compare(scrape);

            // the scenario reached every kind of counter, so the equalities above are not zero against zero
            final Map<String, Double> m = scrape.samples;
            assertEquals(REPLAYED.size() + 1.0, m.get(key("srv6epe_port_rx_packets_total", "port", "server")));
            assertEquals(1.0, m.get(key("srv6epe_drops_total", "reason", "ignore.eth.not-for-us")));
            assertEquals(1.0, m.get(key("srv6epe_drops_total", "reason", "drop.srh.sl-nonzero")));
            assertEquals(1.0, m.get(key("srv6epe_drops_total", "reason", "drop.srv6.sid-unknown")));
            assertEquals(1.0, m.get(key("srv6epe_drops_total", "reason", "drop.ipv6.no-route")));
            assertEquals(FlowStatsSettings.DEFAULT.maxFlows(), m.get(key("srv6epe_flows_capacity", "worker", "0")));
            assertTrue(m.get(key("srv6epe_journal_route_events_total")) > 0, "the configured routes were journaled");
            assertEquals(1.0, m.get(key("srv6epe_sid_packets_total",
                "sid", "fc00:a::d6", "behavior", "End.DT6", "result", "good")));
            assertEquals(1.0, m.get(key("srv6epe_sid_packets_total",
                "sid", "fc00:a::d6", "behavior", "End.DT6", "result", "bad")));
            assertEquals(1.0, m.get(key("srv6epe_pipeline_encapsulated_total")));
            assertEquals(1.0, m.get(key("srv6epe_pipeline_decapsulated_total")));
            assertEquals(2.0, m.get(key("srv6epe_pipeline_icmp_errors_sent_total")));
            assertEquals(3.0, m.get(key("srv6epe_neighbors", "state", "static")));
            assertEquals(1.0, m.get(key("srv6epe_forwarding_generation")), "one compile, one publish");
            assertTrue(scrape.text.contains("\nsrv6epe_build_info{version=\""), scrape.text);
        }
        finally
        {
            router.close();
        }
        assertFalse(Files.exists(dir.resolve("r1.sock")));
    }

    @Test
    void routersInOneNamespaceEachGetTheirOwnEphemeralPort() throws Exception
    {
        final RouterMain.Running a = start("ra", "127.0.0.1:0");
        try (a; RouterMain.Running b = start("rb", "127.0.0.1:0"))
        {
            assertNotEquals(a.metricsAddress().getPort(), b.metricsAddress().getPort());
            assertTrue(get(a.metricsAddress(), "/metrics").body()
                .contains("srv6epe_port_tx_packets_total{port=\"ra-out\"} 0\n"));
            assertTrue(get(b.metricsAddress(), "/metrics").body()
                .contains("srv6epe_port_tx_packets_total{port=\"rb-out\"} 0\n"));
        }
    }

    @Test
    void listenOffServesNothingAndSaysSo() throws Exception
    {
        writeCapture(dir.resolve("in.pcap"), 0);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (RouterMain.Running router = RouterMain.start(ConfigLoader.load(writeConfig("roff", "off")),
            new PrintStream(out, true, StandardCharsets.UTF_8), System.err))
        {
            assertNotNull(router);
            assertNull(router.metricsAddress());
            assertTrue(out.toString(StandardCharsets.UTF_8).strip().endsWith("; metrics off"), out.toString());
        }
    }

    @Test
    void refusesToStartWhenTheMetricsPortIsTaken() throws Exception
    {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1")))
        {
            final ByteArrayOutputStream err = new ByteArrayOutputStream();
            final String listen = "127.0.0.1:" + taken.getLocalPort();

            assertNull(RouterMain.start(ConfigLoader.load(writeConfig("rtaken", listen)), System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8)));
            final String message = err.toString(StandardCharsets.UTF_8);
            assertTrue(message.startsWith("srv6-epe rtaken: cannot listen for metrics on " + listen + ": "), message);
            assertTrue(message.strip().endsWith("(router.metrics.listen)"), message);
            assertFalse(Files.exists(dir.resolve("rtaken.sock")), "the control socket was closed again");
        }
    }

    /** A scrape, the {@code show --json} topics and the parsed samples, taken once the counters stood still. */
    private record Scrape(String text, Map<String, Double> samples, Map<String, JsonNode> show)
    {
    }

    private static Scrape settledScrape(final InetSocketAddress address, final ControlClient client)
        throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (true)
        {
            final String before = get(address, "/metrics").body();
            final Map<String, JsonNode> show = new HashMap<>();
            for (final String topic : List.of("interfaces", "errors", "counters", "sids", "neighbors", "route"))
            {
                show.put(topic, client.request(new ControlRequest("show", topic, null)));
            }
            final String after = get(address, "/metrics").body();
            final boolean replayed = show.get("interfaces").get(0).get("rx-packets").asLong() == REPLAYED.size() + 1;
            if (replayed && withoutIdleLoops(before).equals(withoutIdleLoops(after)))
            {
                return new Scrape(after, PrometheusText.samples(PrometheusText.parse(after)), show);
            }
            assertTrue(System.nanoTime() < deadline, "counters did not settle:\n" + after);
            Thread.sleep(20);
        }
    }

    /** A scrape without the workers' idle-loop counts, which grow while the router waits. */
    private static String withoutIdleLoops(final String scrape)
    {
        return scrape.replaceAll("(?m)^" + IDLE_LOOPS + "\\{.*$", "");
    }

    private static void compare(final Scrape scrape)
    {
        final Map<String, Double> idleLoops = new HashMap<>();
        final Map<String, Double> expected = new HashMap<>();
        final Set<String> families = new HashSet<>();
        for (final JsonNode row : scrape.show.get("counters"))
        {
            final String name = row.get("name").asText();
            if (name.startsWith("flows.worker"))
            {
                // show counters: flows.worker0.untracked; metrics: srv6epe_flows_untracked_total{worker="0"}
                final String worker = name.substring("flows.worker".length(), name.indexOf('.', "flows.".length()));
                final String metric = MetricNames.counter("flows" + name.substring(name.indexOf('.', "flows.".length())));
                expected.put(key(metric, "worker", worker), row.get("value").asDouble());
                families.add(metric);
            }
            else if (name.startsWith("worker."))
            {
                // show counters: worker.0.rx-frames; metrics: srv6epe_worker_rx_frames_total{worker="0"}
                final int dot = name.indexOf('.', "worker.".length());
                final String worker = name.substring("worker.".length(), dot);
                final String metric = MetricNames.counter("worker" + name.substring(dot));
                (metric.equals(IDLE_LOOPS) ? idleLoops : expected).put(key(metric, "worker", worker),
                    row.get("value").asDouble());
                families.add(metric);
            }
            else if (name.startsWith("port."))
            {
                final String port = name.substring("port.".length(), name.indexOf('.', "port.".length()));
                final String metric = MetricNames.counter("port" + name.substring("port.".length() + port.length()));
                expected.put(key(metric, "port", port), row.get("value").asDouble());
                families.add(metric);
            }
            else
            {
                // show counters prints the neighbor agent's own labels: neighbor.resolved
                final String label = name;
                expected.put(key(MetricNames.counter(label)), row.get("value").asDouble());
                families.add(MetricNames.counter(label));
            }
        }
        assertEquals(PipelineCounters.totalCount() + NeighborCounter.count() + 2 * PortCounter.count() + 3 + 2 +
            WorkerCounter.count() + 1, scrape.show.get("counters").size(), "pipeline, neighbor agent, two ports, " +
            "journal and its pruner, one worker's flows, one worker's loop and ring drops");
        assertEquals(1, idleLoops.size(), "one worker's idle loops");
        for (final JsonNode row : scrape.show.get("interfaces"))
        {
            final String port = row.get("name").asText();
            for (final String c :
                List.of("rx-packets", "rx-bytes", "tx-packets", "tx-bytes", "rx-dropped", "tx-errors"))
            {
                assertEquals(row.get(c).asDouble(),
                    expected.get(key(MetricNames.counter("port." + c.replace('-', '.')), "port", port)), c);
            }
        }
        families.add(DropMetrics.NAME);
        for (final JsonNode row : scrape.show.get("errors"))
        {
            expected.put(key(DropMetrics.NAME, "reason", row.get("reason").asText()), row.get("count").asDouble());
        }
        assertEquals(DropReason.values().length, scrape.show.get("errors").size());
        families.add(SidMetrics.PACKETS);
        families.add(SidMetrics.BYTES);
        for (final JsonNode row : scrape.show.get("sids"))
        {
            final String sid = row.get("sid").asText();
            final String behavior = row.get("behavior").asText();
            for (final String result : List.of("good", "bad"))
            {
                expected.put(key(SidMetrics.PACKETS, "sid", sid, "behavior", behavior, "result", result),
                    row.get(result + "-packets").asDouble());
                expected.put(key(SidMetrics.BYTES, "sid", sid, "behavior", behavior, "result", result),
                    row.get(result + "-bytes").asDouble());
            }
        }
        families.add(NeighborMetrics.ENTRIES);
        for (final NeighborState state : NeighborState.values())
        {
            expected.put(key(NeighborMetrics.ENTRIES, "state", NeighborMetrics.stateName(state)), 0.0);
        }
        for (final JsonNode row : scrape.show.get("neighbors"))
        {
            expected.merge(key(NeighborMetrics.ENTRIES, "state", row.get("state").asText()), 1.0, Double::sum);
        }
        families.add(ForwardingMetrics.ROUTES);
        for (final String vrf : List.of("default", "epe-a", "epe-b", "peer-a"))
        {
            expected.put(key(ForwardingMetrics.ROUTES, "vrf", vrf, "family", "ipv6"), 0.0);
            expected.put(key(ForwardingMetrics.ROUTES, "vrf", vrf, "family", "ipv4"), 0.0);
        }
        for (final JsonNode row : scrape.show.get("route"))
        {
            final String family = row.get("prefix").asText().contains(":") ? "ipv6" : "ipv4";
            expected.merge(key(ForwardingMetrics.ROUTES, "vrf", row.get("vrf").asText(), "family", family), 1.0,
                Double::sum);
        }

        final Map<String, Double> actual = new HashMap<>();
        scrape.samples.forEach((k, v) ->
        {
            final int brace = k.indexOf('{');
            if (idleLoops.containsKey(k))
            {
                // the scrape was taken after show counters, and an idle worker keeps counting idle loops
                assertTrue(v >= idleLoops.get(k), k + " " + v + " went back from " + idleLoops.get(k));
            }
            else if (families.contains(brace < 0 ? k : k.substring(0, brace)))
            {
                actual.put(k, v);
            }
        });
        assertEquals(new TreeMap<>(expected), new TreeMap<>(actual));

        final Set<String> others = new HashSet<>();
        scrape.samples.keySet().forEach(k -> others.add(k.indexOf('{') < 0 ? k : k.substring(0, k.indexOf('{'))));
        others.removeAll(families);
        // the flow table's capacity is configuration (router.flow-stats.max-flows), not a counter
        assertEquals(Set.of(ForwardingMetrics.GENERATION, BuildInfoMetrics.NAME, "srv6epe_flows_capacity"), others,
            "every family but these three is checked against show --json above");
    }

    private static final String IDLE_LOOPS = MetricNames.counter("worker." + WorkerCounter.IDLE_LOOPS.label());

    private static String key(final String name, final String... labels)
    {
        return PrometheusText.key(name, labels);
    }

    private RouterMain.Running start(final String name, final String listen) throws Exception
    {
        final RouterMain.Running router = RouterMain.start(ConfigLoader.load(writeMinimalConfig(name, listen)),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), System.err);
        assertNotNull(router, name + " did not start");
        return router;
    }

    private Path writeMinimalConfig(final String name, final String listen) throws IOException
    {
        final Path config = dir.resolve(name + ".yaml");
        Files.writeString(config, String.join("\n",
            "router:",
            "  name: " + name,
            "  control-socket: " + dir.resolve(name + ".sock"),
            "  journal-dir: " + dir.resolve(name + "-journal"),
            "  metrics: { listen: \"" + listen + "\" }",
            "ports:",
            "  - { name: " + name + "-out, backend: pcap-file, write: " + name + "-out.pcap," +
                " mac: \"02:00:00:00:30:01\" }",
            ""));
        return config;
    }

    private Path writeConfig(final String name, final String listen) throws IOException
    {
        final Path config = dir.resolve(name + ".yaml");
        Files.writeString(config, String.join("\n",
            "router:",
            "  name: " + name,
            "  control-socket: " + dir.resolve(name + ".sock"),
            "  journal-dir: " + dir.resolve(name + "-journal"),
            "  encap-source: fd00:20::1",
            "  metrics:",
            "    listen: " + listen,
            "ports:",
            "  - { name: server, backend: pcap-file, read: in.pcap, write: server-out.pcap," +
                " mac: \"" + OUR_SERVER_MAC + "\", addresses: [fd00:10::1/64] }",
            "  - { name: core, backend: pcap-file, write: core-out.pcap, mac: \"02:00:00:00:20:01\"," +
                " addresses: [fd00:20::1/64] }",
            "neighbors:",
            "  - { port: core, address: fd00:20::2, mac: \"02:00:00:00:20:02\" }",
            "  - { port: server, address: fd00:10::10, mac: \"" + SERVER_MAC + "\" }",
            "  - { port: server, address: fd00:10::a, mac: \"" + SERVER_MAC + "\" }",
            "locators:",
            "  - { name: main, prefix: \"fc00:a::/48\" }",
            "sids:",
            "  - { sid: \"fc00:a::d6\", behavior: End.DT6, vrf: peer-a }",
            "vrfs:",
            "  - name: default",
            "    table: 254",
            "    routes:",
            "      - { prefix: fd00:c0::/64, via: fd00:20::2, port: core }",
            "      - { prefix: \"fc00:b::/48\", via: fd00:20::2, port: core }",
            "      - { prefix: 198.18.0.0/24, action: blackhole }",
            "  - name: epe-a",
            "    table: 101",
            "    routes: [ { prefix: fd00:c0::/64, encap: { mode: H.Encaps, segments: [\"fc00:b::a6\"] } } ]",
            "  - name: epe-b",
            "    table: 102",
            "  - name: peer-a",
            "    table: 103",
            "    routes: [ { prefix: fd00:c0::/64, via: fd00:20::2, port: core } ]",
            "pbr:",
            "  - { priority: 10, from: fd00:10::a/128, vrf: epe-a }",
            ""));
        return config;
    }

    /** The replayed frames to our MAC, then one more to a MAC that is not ours. */
    private static void writeCapture(final Path file, final int count)
    {
        try (PcapFilePort writer = PcapFilePort.open("gen", null, file.toString(), 0, 9000))
        {
            final List<String> frames = new ArrayList<>(REPLAYED.subList(0, count));
            frames.add(REPLAYED.get(0));
            for (int i = 0; i < frames.size(); i++)
            {
                final byte[] l3 = Packets.build(frames.get(i), 18);
                final UnsafeBuffer frame = new UnsafeBuffer(new byte[14 + l3.length]);
                final boolean ours = i < count;
                MacAddress.put(frame, 0, MacAddress.parse(ours ? OUR_SERVER_MAC : "02:00:00:00:99:99"));
                MacAddress.put(frame, 6, MacAddress.parse(SERVER_MAC));
                frame.putShort(12, (short)0x86DD, ByteOrder.BIG_ENDIAN);
                frame.putBytes(14, l3);
                writer.send(frame, 0, frame.capacity());
            }
            writer.flush();
        }
    }

    private static HttpResponse<String> get(final InetSocketAddress address, final String path)
        throws IOException, InterruptedException
    {
        final URI uri = URI.create("http://127.0.0.1:" + address.getPort() + path);
        return HTTP.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    }
}
