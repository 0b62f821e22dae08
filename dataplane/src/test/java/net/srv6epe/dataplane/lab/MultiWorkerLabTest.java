package net.srv6epe.dataplane.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import net.srv6epe.dataplane.app.RouterMain;
import net.srv6epe.dataplane.config.ConfigLoader;
import net.srv6epe.dataplane.control.ControlClient;
import net.srv6epe.dataplane.control.ControlRequest;

/**
 * A router with {@code workers: 2} on two ports forwards many UDP flows from a kernel sender to a kernel receiver:
 * every datagram arrives exactly once, each flow's datagrams in order, both workers carried traffic (their own
 * sockets: of the ports' fanout groups with af-packet, of the ports' two receive queues with af-xdp), and the
 * per-worker and per-socket counters add up to the router's totals. Each backend runs with workers that park when
 * idle ({@code backoff}) and with workers that sleep in {@code ppoll} on their sockets ({@code wait}), woken by the
 * frames themselves.
 *
 * <pre>
 *   sender (fd00:b1::1) --veth-- [p0 | worker 0, worker 1 | p1] --veth-- receiver (fd00:b2::1)
 *                               fd00:b1::2             fd00:b2::2
 * </pre>
 */
@EnabledIfSystemProperty(named = "srv6epe.netns", matches = "true",
    disabledReason = "needs root and network namespaces; enabled by the README's test command")
@Timeout(180)
class MultiWorkerLabTest
{
    private static final String PYTHON = "/usr/bin/python3";
    private static final int FLOWS = 32;
    private static final int PER_FLOW = 300;
    private static final Pattern RESULT =
        Pattern.compile("result total (\\d+) flows (\\d+) complete (\\d+) ordered (\\d+) duplicates (\\d+)");

    private Netns lab;
    private String sender;
    private String receiver;
    private Netns.VethPair toSender;
    private Netns.VethPair toReceiver;
    private Path dir;

    @BeforeEach
    void setUp() throws IOException
    {
        dir = Files.createTempDirectory("srv6epe-workers");
        lab = Netns.create();
        sender = lab.namespace("snd");
        receiver = lab.namespace("rcv");
        toSender = lab.veth(null, sender);
        toReceiver = lab.veth(null, receiver);
        for (final String rootEnd : new String[] {toSender.a(), toReceiver.a()})
        {
            // the forwarder owns these links: the root namespace's kernel stays quiet on them
            Files.writeString(Path.of("/proc/sys/net/ipv6/conf", rootEnd, "disable_ipv6"), "1");
        }
        lab.address(sender, toSender.b(), "fd00:b1::1/64");
        lab.address(receiver, toReceiver.b(), "fd00:b2::1/64");
        lab.route(sender, "fd00:b2::/64", "via", "fd00:b1::2");
        lab.route(receiver, "fd00:b1::/64", "via", "fd00:b2::2");
    }

    @AfterEach
    void tearDown() throws IOException
    {
        lab.close();
        try (Stream<Path> paths = Files.walk(dir))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @ParameterizedTest(name = "backend {0}, worker-idle {1}")
    @CsvSource({"af-packet, backoff", "af-xdp, backoff", "af-packet, wait", "af-xdp, wait"})
    void twoWorkersForwardEveryFlowExactlyOnceAndInOrderAndTheirCountersAddUp(final String backend,
        final String idle) throws Exception
    {
        if (backend.equals("af-xdp"))
        {
            // a socket per receive queue: two queues on our ends; the sender's checksums finished in software (an
            // XSK gets frames without the kernel's offload metadata)
            lab.queues(toSender, 2);
            lab.queues(toReceiver, 2);
            lab.execOk(sender, "ethtool", "-K", toSender.b(), "tx", "off");
        }
        final String yaml = String.join("\n",
            "router:",
            "  name: mw",
            "  control-socket: " + dir.resolve("mw.sock"),
            "  journal-dir: " + dir.resolve("journal"),
            "  workers: 2",
            "  worker-idle: " + idle,
            "  metrics: { listen: 'off' }",
            "ports:",
            "  - { name: p0, interface: " + toSender.a() + ", backend: " + backend +
                ", mac: '02:00:00:00:b1:02', addresses: ['fd00:b1::2/64'] }",
            "  - { name: p1, interface: " + toReceiver.a() + ", backend: " + backend +
                ", mac: '02:00:00:00:b2:02', addresses: ['fd00:b2::2/64'] }",
            "");
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final RouterMain.Running router = RouterMain.start(ConfigLoader.parse(yaml),
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertNotNull(router, () -> "router did not start: " + err.toString(StandardCharsets.UTF_8));
        try
        {
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("with 2 worker(s)"), out.toString());
            final Netns.Background sink = lab.start(receiver, PYTHON, "-u", "-c", receiverScript());
            warmUp(sink);

            final Netns.Result sent = lab.exec(sender, Duration.ofSeconds(60), PYTHON, "-c", senderScript());
            assertTrue(sent.ok(), sent.toString());
            assertEquals(0, sink.waitFor(Duration.ofSeconds(30)), () -> "receiver: " + sink.output());
            final Matcher m = RESULT.matcher(sink.output());
            assertTrue(m.find(), sink.output());
            assertEquals(FLOWS * PER_FLOW, Integer.parseInt(m.group(1)), "datagrams received: " + sink.output());
            assertEquals(FLOWS, Integer.parseInt(m.group(2)), "flows seen");
            assertEquals(FLOWS, Integer.parseInt(m.group(3)), "flows with every datagram");
            assertEquals(FLOWS, Integer.parseInt(m.group(4)), "flows in order");
            assertEquals(0, Integer.parseInt(m.group(5)), "duplicates");

            final ControlClient client = new ControlClient(dir.resolve("mw.sock"), ControlClient.DEFAULT_TIMEOUT_MS);
            final Map<String, Long> c = settledCounters(client);
            final long worker0 = c.get("worker.0.rx-frames");
            final long worker1 = c.get("worker.1.rx-frames");
            assertTrue(worker0 >= PER_FLOW && worker1 >= PER_FLOW, "both workers carried flows: " + c);
            assertEquals(c.get("pipeline.rx.frames"), worker0 + worker1, "the pipelines' sum is the workers' sum");
            assertEquals(c.get("port.p0.rx.packets") + c.get("port.p1.rx.packets"), worker0 + worker1,
                "the ports' sockets' sum is the workers' sum");
            assertTrue(c.get("pipeline.forwarded") >= FLOWS * PER_FLOW, c.toString());
            assertEquals(c.get("pipeline.tx.frames"), c.get("port.p0.tx.packets") + c.get("port.p1.tx.packets") -
                c.get("worker.0.neighbor-frames-sent") - c.get("worker.1.neighbor-frames-sent"),
                "frames sent: the pipelines' and the neighbor agent's, on the workers' sockets");
            assertEquals(0, c.get("worker.1.neighbor-frames-sent"), "worker 0 sends for the neighbor agent");
            assertTrue(c.get("worker.0.neighbor-frames-sent") > 0, "the NA / NS the agent sent went through worker 0");
            assertEquals(0, c.get("worker.0.rx-ring-drops") + c.get("worker.1.rx-ring-drops"), c.toString());
            // af-xdp: each worker's two ports share a UMEM, so every frame the pipelines forwarded left from the
            // chunk it arrived in; the neighbor agent's frames are copied; af-packet never sends in place
            assertEquals(backend.equals("af-xdp") ? c.get("pipeline.tx.frames") : 0,
                c.get("port.p0.tx.in-place") + c.get("port.p1.tx.in-place"), c.toString());
        }
        finally
        {
            router.close();
        }
    }

    /** Sends a datagram of flow 0 until the receiver has one: both sides' neighbors are resolved after it. */
    private void warmUp(final Netns.Background sink) throws InterruptedException
    {
        final long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!sink.output().contains("warm") && System.nanoTime() < deadline && sink.isAlive())
        {
            lab.exec(sender, PYTHON, "-c", "import socket;s=socket.socket(socket.AF_INET6,socket.SOCK_DGRAM);" +
                "s.sendto(b'warm',('fd00:b2::1',7001))");
            sink.waitFor(Duration.ofMillis(200));
        }
        assertTrue(sink.output().contains("warm"), () -> "no warm-up datagram got through: " + sink.output());
    }

    /** Flow f is source port 20000 + f; its datagrams carry "f seq". Round robin over the flows, paced a little. */
    private static String senderScript()
    {
        return String.join("\n",
            "import socket, time",
            "socks = []",
            "for f in range(" + FLOWS + "):",
            "    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)",
            "    s.bind(('fd00:b1::1', 20000 + f))",
            "    socks.append(s)",
            "for seq in range(" + PER_FLOW + "):",
            "    for f, s in enumerate(socks):",
            "        while True:",
            "            try:",
            "                s.sendto(('%d %d ' % (f, seq)).encode() + b'x' * 64, ('fd00:b2::1', 7000))",
            "                break",
            "            except BlockingIOError:",
            "                time.sleep(0.001)",
            "    if seq % 10 == 9:",
            "        time.sleep(0.005)",
            "print('sent', flush=True)");
    }

    /** Reports per flow whether every datagram came, in order, once; ends after 3 s without traffic. */
    private static String receiverScript()
    {
        return String.join("\n",
            "import socket",
            "w = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)",
            "w.bind(('fd00:b2::1', 7001))",
            "w.settimeout(30)",
            "print(w.recv(100).decode(), flush=True)",
            "s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)",
            "s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)",
            "s.bind(('fd00:b2::1', 7000))",
            "s.settimeout(40)",
            "seqs = {}",
            "total = 0",
            "while True:",
            "    try:",
            "        d, a = s.recvfrom(200)",
            "    except socket.timeout:",
            "        break",
            "    s.settimeout(3)",
            "    f, seq = d.split(b' ')[:2]",
            "    if a[1] != 20000 + int(f):",
            "        continue",
            "    seqs.setdefault(int(f), []).append(int(seq))",
            "    total += 1",
            "n = " + PER_FLOW,
            "complete = sum(1 for v in seqs.values() if sorted(set(v)) == list(range(n)))",
            "ordered = sum(1 for v in seqs.values() if v == sorted(v))",
            "dups = sum(len(v) - len(set(v)) for v in seqs.values())",
            "print('result total %d flows %d complete %d ordered %d duplicates %d' % (total, len(seqs), complete, " +
                "ordered, dups), flush=True)");
    }

    /** {@code show counters}, read until two reads in a row agree but for the idle loops. */
    private static Map<String, Long> settledCounters(final ControlClient client) throws Exception
    {
        Map<String, Long> last = Map.of();
        for (int i = 0; i < 100; i++)
        {
            final Map<String, Long> now = new HashMap<>();
            for (final JsonNode row : client.request(new ControlRequest("show", "counters", null)))
            {
                if (!row.get("name").asText().endsWith(".idle-loops"))
                {
                    now.put(row.get("name").asText(), row.get("value").asLong());
                }
            }
            if (now.equals(last))
            {
                return now;
            }
            last = now;
            Thread.sleep(100);
        }
        throw new AssertionError("counters never stood still: " + last);
    }
}
