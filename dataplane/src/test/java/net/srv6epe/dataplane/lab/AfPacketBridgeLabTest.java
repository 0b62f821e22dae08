package net.srv6epe.dataplane.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import net.srv6epe.dataplane.port.FrameHandler;
import net.srv6epe.dataplane.port.PortCounter;
import net.srv6epe.dataplane.port.afpacket.AfPacketPort;

/**
 * Two AF_PACKET ports bridged by the test thread (every frame received on one is sent on the other) between two
 * kernels that keep every offload on (the veth defaults: transmit checksum, TSO): a TCP transfer from one to the
 * other gets through intact only if the ports finish the CHECKSUM_PARTIAL checksums and split the TSO
 * super-frames the sender hands over, and batch, flush and count the frames they send.
 *
 * <pre>
 *   left (fd00:a8::1) --veth-- [port a | test thread | port b] --veth-- right (fd00:a8::2)
 * </pre>
 */
@EnabledIfSystemProperty(named = "srv6epe.netns", matches = "true",
    disabledReason = "needs root and network namespaces; enabled by the README's test command")
@Timeout(120)
class AfPacketBridgeLabTest
{
    private static final String PYTHON = "/usr/bin/python3";
    private static final int BYTES = 4 << 20;
    private static final Pattern RESULT = Pattern.compile("(\\w+) (\\d+) ([0-9a-f]{64})");

    private Netns lab;
    private String left;
    private String right;
    private Netns.VethPair toLeft;
    private Netns.VethPair toRight;

    @BeforeEach
    void setUp()
    {
        lab = Netns.create();
        left = lab.namespace("left");
        right = lab.namespace("right");
        toLeft = lab.veth(null, left);
        toRight = lab.veth(null, right);
        lab.address(left, toLeft.b(), "fd00:a8::1/64");
        lab.address(right, toRight.b(), "fd00:a8::2/64");
        for (final String[] end : new String[][] {{left, toLeft.b()}, {right, toRight.b()}})
        {
            final Netns.Result features = lab.execOk(end[0], "ethtool", "-k", end[1]);
            assertTrue(features.stdout().contains("tx-checksumming: on") &&
                features.stdout().contains("tcp-segmentation-offload: on"), features.stdout());
        }
    }

    @AfterEach
    void tearDown()
    {
        lab.close();
    }

    @Test
    void tcpCrossesTwoBridgedPortsIntactWithKernelChecksumAndSegmentationOffloadOn()
    {
        final Netns.Background server = lab.start(right, PYTHON, "-u", "-c", String.join("\n",
            "import socket, hashlib",
            "s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)",
            "s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)",
            "s.bind(('fd00:a8::2', 5001))",
            "s.listen(1)",
            "s.settimeout(60)",
            "print('ready')",
            "c, _ = s.accept()",
            "h = hashlib.sha256()",
            "n = 0",
            "while True:",
            "    d = c.recv(1 << 16)",
            "    if not d:",
            "        break",
            "    h.update(d)",
            "    n += len(d)",
            "print('received', n, h.hexdigest())"));
        final String client = String.join("\n",
            "import socket, hashlib, random",
            "data = random.Random(7).randbytes(" + BYTES + ")",
            "c = socket.create_connection(('fd00:a8::2', 5001), timeout=60)",
            "c.sendall(data)",
            "c.close()",
            "print('sent', len(data), hashlib.sha256(data).hexdigest())");

        try (AfPacketPort a = AfPacketPort.open("a", toLeft.a(), -1, 1500);
             AfPacketPort b = AfPacketPort.open("b", toRight.a(), -1, 1500))
        {
            final FrameHandler toB = (buffer, offset, length) -> b.send(buffer, offset, length);
            final FrameHandler toA = (buffer, offset, length) -> a.send(buffer, offset, length);
            final long readyBy = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!server.output().contains("ready") && System.nanoTime() < readyBy)
            {
                Thread.onSpinWait();
            }
            final Netns.Background sender = lab.start(left, PYTHON, "-u", "-c", client);
            final long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while ((sender.isAlive() || server.isAlive()) && System.nanoTime() < deadline)
            {
                a.receive(toB, 64);
                b.flush();
                b.receive(toA, 64);
                a.flush();
            }

            final Matcher sent = RESULT.matcher(sender.output());
            final Matcher received = RESULT.matcher(server.output());
            assertTrue(sent.find(), () -> "client: " + sender.output() + "\nport a " + a.counters() + "\nport b " +
                b.counters());
            assertTrue(received.find(), () -> "server: " + server.output() + "\nport a " + a.counters());
            assertEquals(String.valueOf(BYTES), received.group(2), "bytes received");
            assertEquals(sent.group(3), received.group(3), "sha256 of the data");

            assertTrue(a.counters().get(PortCounter.RX_GSO_SPLIT) > 0, "TSO super-frames came: " + a.counters());
            assertTrue(a.counters().get(PortCounter.RX_CHECKSUM_COMPLETED) > 0, a.counters().toString());
            assertEquals(0, a.counters().get(PortCounter.RX_OFFLOAD_ERRORS), a.counters().toString());
            assertEquals(0, b.counters().get(PortCounter.TX_ERRORS), b.counters().toString());
        }
    }
}
