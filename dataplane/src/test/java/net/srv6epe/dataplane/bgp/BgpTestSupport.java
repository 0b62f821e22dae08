package net.srv6epe.dataplane.bgp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.srv6epe.bgp.fsm.NegotiatedSession;
import net.srv6epe.bgp.fsm.SessionConfig;
import net.srv6epe.bgp.session.BgpSpeaker;
import net.srv6epe.bgp.session.BgpSpeakerListener;
import net.srv6epe.bgp.session.NeighborConfig;
import net.srv6epe.bgp.wire.attribute.AsPath;
import net.srv6epe.bgp.wire.attribute.AsPathSegment;
import net.srv6epe.bgp.wire.attribute.MpReachNlri;
import net.srv6epe.bgp.wire.attribute.MpUnreachNlri;
import net.srv6epe.bgp.wire.attribute.Origin;
import net.srv6epe.bgp.wire.message.UpdateMessage;
import net.srv6epe.bgp.wire.nlri.AddressFamily;
import net.srv6epe.bgp.wire.nlri.Ipv6Prefix;
import net.srv6epe.dataplane.app.RouterMain;
import net.srv6epe.dataplane.config.ConfigLoader;
import net.srv6epe.dataplane.control.ControlClient;
import net.srv6epe.dataplane.control.ControlRequest;
import net.srv6epe.srv6.Ipv4Address;
import net.srv6epe.srv6.Ipv6Address;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.SystemNanoClock;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** Shared by the BGP tests of routers of ours: starting a router, polling its control socket, an egress peer. */
final class BgpTestSupport
{
    static final long WAIT_MS = 20_000;

    private BgpTestSupport()
    {
    }

    /** Starts a router from YAML written into {@code dir}; fails with its stderr when it does not start. */
    static RouterMain.Running start(final Path dir, final String yaml) throws Exception
    {
        final Path file = Files.createTempFile(dir, "router", ".yaml");
        Files.writeString(file, yaml);
        return start(file);
    }

    /**
     * An ASBR's configuration: control socket and journal in {@code dir}, metrics on a free loopback port, one
     * port ({@code peer-a}) and one VRF ({@code epe-a}, table 101, with {@code routes}: YAML flow items or empty),
     * the speaker listening on {@code listen}, the neighbors given as YAML flow mappings, and egress peer
     * 127.0.0.3 bound to {@code epe-a} with End.DT6 (locator fc00:0:1::/48).
     */
    static String asbrYaml(final Path dir, final String listen, final String routes, final String... neighbors)
    {
        final List<String> lines = new ArrayList<>(List.of(
            "router: { name: asbr, control-socket: " + dir.resolve("asbr.sock") + ",",
            "          journal-dir: " + dir.resolve("asbr-journal") + ", metrics: { listen: \"127.0.0.1:0\" } }",
            "ports:",
            "  - { name: peer-a, backend: pcap-file, write: asbr-out.pcap, mac: \"02:00:00:00:00:01\"," +
                " addresses: [\"fd00:a::1/64\"] }",
            "vrfs:",
            "  - { name: epe-a, table: 101, routes: [" + routes + "] }",
            "bgp:",
            "  asn: 65000",
            "  router-id: 198.18.0.1",
            "  listen: [\"" + listen + "\"]",
            "  neighbors:"));
        for (final String n : neighbors)
        {
            lines.add("    - " + n);
        }
        lines.addAll(List.of(
            "  asbr:",
            "    dataplane-address: \"fd00:20::1\"",
            "    locator: { prefix: \"fc00:0:1::/48\", block-length: 32, function-length: 16 }",
            "    egress-peers:",
            "      - { neighbor: 127.0.0.3, vrf: epe-a, rd: \"65000:100\", export-route-targets: [\"65000:100\"],",
            "          behavior: End.DT6, next-hop: \"fd00:a::2\", port: peer-a }",
            ""));
        return String.join("\n", lines);
    }

    /** Starts a router from a YAML file, which {@code srv6 config reload} reads again. */
    static RouterMain.Running start(final Path file) throws Exception
    {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final RouterMain.Running r = RouterMain.start(ConfigLoader.load(file), file,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        assertNotNull(r, err.toString(StandardCharsets.UTF_8));
        return r;
    }

    static JsonNode waitFor(final ControlClient client, final String topic, final String vrf,
        final Predicate<JsonNode> done) throws Exception
    {
        final ObjectNode args = JsonNodeFactory.instance.objectNode();
        if (vrf != null)
        {
            args.put(ControlRequest.ARG_VRF, vrf);
        }
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        JsonNode last = null;
        while (System.nanoTime() < deadline)
        {
            last = client.request(new ControlRequest("show", topic, args));
            if (done.test(last))
            {
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("show " + topic + " never matched; last: " + last);
    }

    static JsonNode find(final JsonNode rows, final String key, final String value)
    {
        for (final JsonNode r : rows)
        {
            if (value.equals(r.path(key).asText(null)))
            {
                return r;
            }
        }
        return null;
    }

    /** One scrape of a router's {@code /metrics}. */
    static String scrape(final RouterMain.Running router) throws Exception
    {
        final HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + router.metricsAddress().getPort() + "/metrics")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
        return r.body();
    }

    /** Runs {@code agent} on a thread of its own (a peer of the router under test); the caller closes the runner. */
    static AgentRunner startAgent(final Agent agent)
    {
        final AgentRunner runner = new AgentRunner(new SleepingMillisIdleStrategy(1), Throwable::printStackTrace, null,
            agent);
        AgentRunner.startOnThread(runner);
        return runner;
    }

    static int freePort() throws IOException
    {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1")))
        {
            return s.getLocalPort();
        }
    }

    /** An egress peer (AS 65010, from 127.0.0.3) of an ASBR; UPDATEs are handed to it through a queue. */
    static final class PeerAgent implements Agent, BgpSpeakerListener
    {
        private final BgpSpeaker speaker;
        private final InetAddress asbr;
        private final Queue<UpdateMessage> toSend = new ConcurrentLinkedQueue<>();

        PeerAgent(final String asbrAddress, final int port) throws IOException
        {
            asbr = InetAddress.getByName(asbrAddress);
            final SessionConfig session = SessionConfig.of(65010, Ipv4Address.parse("198.18.0.3"), 65000)
                .withFamilies(List.of(AddressFamily.IPV6_UNICAST)).withHoldTimeS(30).withConnectRetryTimeS(1, 2);
            speaker = new BgpSpeaker(List.of(), List.of(new NeighborConfig(new InetSocketAddress(asbr, port),
                InetAddress.getByName("127.0.0.3"), session)), SystemNanoClock.INSTANCE, this);
        }

        void announce(final String... prefixes)
        {
            final List<Ipv6Prefix> nlri = new ArrayList<>();
            for (final String p : prefixes)
            {
                nlri.add(Ipv6Prefix.parse(p));
            }
            toSend.add(UpdateMessage.of(List.of(
                MpReachNlri.ipv6Unicast(Ipv6Address.parseHi("fd00:a::2"), Ipv6Address.parseLo("fd00:a::2"), nlri),
                new Origin(Origin.IGP),
                new AsPath(List.of(AsPathSegment.sequence(65010))))));
        }

        /** Sends {@code update} as it is (e.g. one of a family the session did not negotiate). */
        void send(final UpdateMessage update)
        {
            toSend.add(update);
        }

        void withdraw(final String... prefixes)
        {
            final List<Ipv6Prefix> nlri = new ArrayList<>();
            for (final String p : prefixes)
            {
                nlri.add(Ipv6Prefix.parse(p));
            }
            toSend.add(UpdateMessage.of(List.of(new MpUnreachNlri(AddressFamily.IPV6_UNICAST, nlri))));
        }

        @Override
        public void onStart()
        {
            speaker.onStart();
        }

        @Override
        public int doWork() throws Exception
        {
            int work = speaker.doWork();
            final UpdateMessage next = toSend.peek();
            if (next != null && speaker.send(asbr, next))
            {
                toSend.poll();
                work++;
            }
            return work;
        }

        @Override
        public void onClose()
        {
            speaker.onClose();
        }

        @Override
        public String roleName()
        {
            return "egress-peer";
        }

        @Override
        public void onEstablished(final NeighborConfig neighbor, final NegotiatedSession session)
        {
        }
    }
}
