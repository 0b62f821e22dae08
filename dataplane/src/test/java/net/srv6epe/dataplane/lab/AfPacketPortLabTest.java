package net.srv6epe.dataplane.lab;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import net.srv6epe.dataplane.port.FrameHandler;
import net.srv6epe.dataplane.port.MacAddress;
import net.srv6epe.dataplane.port.PcapLivePort;
import net.srv6epe.dataplane.port.Port;
import net.srv6epe.dataplane.port.PortCounter;
import net.srv6epe.dataplane.port.afpacket.AfPacketPort;
import net.srv6epe.dataplane.port.afpacket.AfPacketSettings;
import net.srv6epe.dataplane.port.afpacket.RxRingKind;
import net.srv6epe.srv6.Ipv6Address;

/**
 * The AF_PACKET port against the Linux kernel: our port on the root end of a veth pair (IPv6 disabled, no address),
 * the kernel of a test namespace on the other end with its default offloads (transmit checksum, TSO, USO on), so
 * that it hands us CHECKSUM_PARTIAL frames and GSO super-frames. The kernel's side is driven with small Python
 * programs ({@code /usr/bin/python3}, plain sockets).
 */
@EnabledIfSystemProperty(named = "srv6epe.netns", matches = "true",
    disabledReason = "needs root and network namespaces; enabled by the README's test command")
@Timeout(120)
class AfPacketPortLabTest
{
    private static final String PYTHON = "/usr/bin/python3";
    private static final long OUR_MAC = MacAddress.parse("02:5e:00:00:a7:02");
    private static final String KERNEL_ADDRESS = "fd00:a7::1";
    private static final String OUR_ADDRESS = "fd00:a7::2";
    private static final long OUR_HI = Ipv6Address.parseHi(OUR_ADDRESS);
    private static final long OUR_LO = Ipv6Address.parseLo(OUR_ADDRESS);
    private static final long KERNEL_HI = Ipv6Address.parseHi(KERNEL_ADDRESS);
    private static final long KERNEL_LO = Ipv6Address.parseLo(KERNEL_ADDRESS);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private Netns lab;
    private Netns.VethPair veth;
    private String ns;
    private long kernelMac;

    @BeforeEach
    void setUp()
    {
        lab = Netns.create();
        ns = lab.namespace("kernel");
        veth = lab.veth(null, ns);
        kernelMac = lab.kernelPeer(ns, veth.b(), KERNEL_ADDRESS + "/64", OUR_ADDRESS, OUR_MAC);
    }

    @AfterEach
    void tearDown()
    {
        lab.close();
    }

    /** Runs a Python program in the kernel's namespace and returns its stdout; fails on a non-zero exit. */
    private String python(final String namespace, final String program)
    {
        final Netns.Result r = lab.exec(namespace, WAIT, PYTHON, "-c", program);
        assertTrue(r.ok(), () -> "python in " + namespace + ": " + r);
        return r.stdout();
    }

    /** Python that sends {@code count} UDP datagrams to our address: 4-byte sequence, then 60 pattern bytes. */
    private static String udpSender(final int count, final int firstPort, final int ports)
    {
        return String.join("\n",
            "import socket, struct",
            "socks = []",
            "for p in range(" + ports + "):",
            "    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)",
            "    s.bind(('" + KERNEL_ADDRESS + "', " + firstPort + " + p))",
            "    socks.append(s)",
            "for i in range(" + count + "):",
            "    s = socks[i % " + ports + "]",
            "    s.sendto(struct.pack('!I', i) + bytes((i + k) & 0xFF for k in range(4, 64)), ('" + OUR_ADDRESS +
                "', 9999))");
    }

    private static void receiveUntil(final Port port, final FrameHandler handler, final BooleanSupplier done)
    {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline)
        {
            port.receive(handler, 64);
        }
    }

    private static void drain(final Port port, final FrameHandler handler, final long millis)
    {
        final long until = System.nanoTime() + millis * 1_000_000L;
        while (System.nanoTime() < until)
        {
            port.receive(handler, 64);
        }
    }

    private static long realtimeNs()
    {
        final Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @ParameterizedTest(name = "{0} ring")
    @EnumSource(RxRingKind.class)
    void framesFromTheKernelArriveIntactAndInOrderWithTheirChecksumsFinished(final RxRingKind kind)
    {
        final int count = 300;
        final List<Integer> sequences = new ArrayList<>();
        final List<Long> timestamps = new ArrayList<>();
        final AfPacketPort[] receiving = new AfPacketPort[1];
        final int[] intact = {0};
        final int[] checksumsValid = {0};
        final FrameHandler handler = (buffer, offset, length) ->
        {
            if (AfPacketLabFrames.ipv6Protocol(buffer, offset, length) == AfPacketLabFrames.UDP &&
                AfPacketLabFrames.destinationPort(buffer, offset) == 9999)
            {
                final int sequence = buffer.getInt(offset + AfPacketLabFrames.L4 + 8, BIG_ENDIAN);
                sequences.add(sequence);
                timestamps.add(receiving[0].rxTimestampNs());
                boolean same = length == AfPacketLabFrames.L4 + 8 + 64 && MacAddress.get(buffer, offset) == OUR_MAC;
                for (int k = 4; k < 64 && same; k++)
                {
                    same = buffer.getByte(offset + AfPacketLabFrames.L4 + 8 + k) == (byte)(sequence + k);
                }
                intact[0] += same ? 1 : 0;
                checksumsValid[0] += AfPacketLabFrames.transportChecksumValid(buffer, offset, length) ? 1 : 0;
            }
        };
        try (AfPacketPort port = AfPacketPort.open("lab0", veth.a(), OUR_MAC, 1500,
            AfPacketSettings.DEFAULT.withRxRing(kind)))
        {
            receiving[0] = port;
            final long before = realtimeNs();
            python(ns, udpSender(count, 40000, 1));
            final long sent = realtimeNs();
            receiveUntil(port, handler, () -> sequences.size() >= count);

            final List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < count; i++)
            {
                expected.add(i);
            }
            assertEquals(expected, sequences, () -> "counters " + port.counters());
            assertEquals(count, intact[0]);
            assertEquals(count, checksumsValid[0], "every UDP checksum verifies after the port finished it");
            // The kernel peer has its transmit checksum offload on (the veth default): every datagram came
            // CHECKSUM_PARTIAL, so this is what made the checksums valid.
            assertTrue(port.counters().get(PortCounter.RX_CHECKSUM_COMPLETED) >= count, port.counters().toString());
            assertEquals(0, port.counters().get(PortCounter.RX_OFFLOAD_ERRORS));
            // the kernel stamped each frame when it reached the socket: while the sender ran, in order
            for (int i = 0; i < count; i++)
            {
                final long t = timestamps.get(i);
                assertTrue(t >= before && t <= sent, "frame " + i + " stamped " + t + ", sender ran " + before +
                    ".." + sent);
                assertTrue(i == 0 || t >= timestamps.get(i - 1), "timestamps in arrival order at " + i);
            }
        }
    }

    @Test
    void theFrameRingDropsASuperFrameLargerThanItsSlotsAndCountsIt()
    {
        // 12 x 1000 bytes of UDP in one send(): a GSO super-frame the 2048-byte slots of a 1500-MTU port cannot hold
        final int[] received = {0};
        final FrameHandler handler = (buffer, offset, length) ->
        {
            if (AfPacketLabFrames.ipv6Protocol(buffer, offset, length) == AfPacketLabFrames.UDP)
            {
                received[0] += AfPacketLabFrames.destinationPort(buffer, offset) == 9999 ? 1 : 100;
            }
        };
        try (AfPacketPort port = AfPacketPort.open("lab0", veth.a(), OUR_MAC, 1500,
            AfPacketSettings.DEFAULT.withRxRing(RxRingKind.FRAMES)))
        {
            python(ns, String.join("\n",
                "import socket",
                "s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)",
                "s.setsockopt(socket.IPPROTO_UDP, 103, 1000)  # UDP_SEGMENT",
                "s.sendto(bytes(12000), ('" + OUR_ADDRESS + "', 9998))"));
            python(ns, udpSender(1, 40000, 1)); // and an ordinary frame after it
            receiveUntil(port, handler, () -> received[0] >= 1);
            drain(port, handler, 100);

            assertEquals(1, received[0], "the ordinary frame only: " + port.counters());
            assertEquals(1, port.counters().get(PortCounter.RX_TRUNCATED), port.counters().toString());
            assertEquals(0, port.counters().get(PortCounter.RX_GSO_SPLIT));
        }
    }

    @Test
    void tcpSynLeftPartialByTheKernelComesOutWithACorrectChecksum()
    {
        // pcap on the same interface sees the frame as the kernel handed it over: checksum unfinished. Our port
        // must hand over the same SYN with a checksum that verifies.
        final List<Boolean> ours = new ArrayList<>();
        final List<Boolean> raw = new ArrayList<>();
        final FrameHandler ourHandler = synCollector(ours);
        final FrameHandler pcapHandler = synCollector(raw);
        try (AfPacketPort port = AfPacketPort.open("lab0", veth.a(), OUR_MAC, 1500);
             PcapLivePort pcap = PcapLivePort.open("pcap0", veth.a(), OUR_MAC, 1500))
        {
            final Netns.Background client = lab.start(ns, PYTHON, "-c", String.join("\n",
                "import socket",
                "try:",
                "    socket.create_connection(('" + OUR_ADDRESS + "', 80), timeout=3)",
                "except OSError:",
                "    pass"));
            final long deadline = System.nanoTime() + WAIT.toNanos();
            while ((ours.isEmpty() || raw.isEmpty()) && System.nanoTime() < deadline)
            {
                port.receive(ourHandler, 64);
                pcap.receive(pcapHandler, 64);
            }
            client.stop();

            assertFalse(ours.isEmpty(), () -> "SYN received on our port: " + port.counters());
            assertFalse(raw.isEmpty(), "SYN seen by pcap");
            assertFalse(raw.get(0), "the kernel left the SYN's checksum to the hardware (offload on)");
            assertTrue(ours.get(0), "our port finished the checksum");
            assertTrue(port.counters().get(PortCounter.RX_CHECKSUM_COMPLETED) >= 1);
        }
    }

    private static FrameHandler synCollector(final List<Boolean> checksumValid)
    {
        return (buffer, offset, length) ->
        {
            if (AfPacketLabFrames.ipv6Protocol(buffer, offset, length) == AfPacketLabFrames.TCP &&
                AfPacketLabFrames.destinationPort(buffer, offset) == 80 &&
                (buffer.getByte(offset + AfPacketLabFrames.L4 + 13) & 0x02) != 0)
            {
                checksumValid.add(AfPacketLabFrames.transportChecksumValid(buffer, offset, length));
            }
        };
    }

    @Test
    void framesWeSendArriveAtTheKernelInOrderInBatches()
    {
        final int count = 500;
        final Netns.Background listener = lab.start(ns, PYTHON, "-u", "-c", String.join("\n",
            "import socket, struct",
            "s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)",
            "s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4 << 20)",
            "s.bind(('" + KERNEL_ADDRESS + "', 7777))",
            "s.settimeout(5)",
            "print('ready')",
            "seen = []",
            "try:",
            "    while len(seen) < " + count + ":",
            "        d = s.recv(2048)",
            "        i = struct.unpack('!I', d[:4])[0]",
            "        ok = len(d) == 100 and all(d[k] == (i + k) & 0xFF for k in range(4, 100))",
            "        seen.append(i if ok else -1)",
            "except socket.timeout:",
            "    pass",
            "print('seen', len(seen), 'in-order', seen == list(range(" + count + ")))"));
        awaitOutput(listener, "ready");
        final UnsafeBuffer frame = new UnsafeBuffer(ByteBuffer.allocateDirect(256));
        try (AfPacketPort port = AfPacketPort.open("lab0", veth.a(), OUR_MAC, 1500))
        {
            for (int i = 0; i < count; i++)
            {
                final int length = AfPacketLabFrames.udp(frame, kernelMac, OUR_MAC, OUR_HI, OUR_LO, KERNEL_HI,
                    KERNEL_LO, 7000, 7777, i, 100);
                assertTrue(port.send(frame, 0, length));
                if (i % 100 == 99)
                {
                    port.flush();
                }
            }
            port.flush();
            assertEquals(count, port.counters().get(PortCounter.TX_PACKETS), port.counters().toString());
            assertEquals(0, port.counters().get(PortCounter.TX_ERRORS));
        }
        awaitOutput(listener, "seen");
        assertTrue(listener.output().contains("seen " + count + " in-order True"), listener.output());
    }

    private static void awaitOutput(final Netns.Background process, final String text)
    {
        final long deadline = System.nanoTime() + WAIT.toNanos();
        while (!process.output().contains(text) && System.nanoTime() < deadline)
        {
            Thread.onSpinWait();
        }
        assertTrue(process.output().contains(text), () -> "waited for '" + text + "': " + process.output());
    }

    @Test
    void neitherThisSocketNorAnotherOneOnTheLinkReadsBackWhatWeSend()
    {
        final UnsafeBuffer frame = new UnsafeBuffer(ByteBuffer.allocateDirect(256));
        final int[] ours = {0};
        final int[] all = {0};
        final FrameHandler handler = (buffer, offset, length) ->
        {
            all[0]++;
            if (MacAddress.get(buffer, offset + 6) == OUR_MAC)
            {
                ours[0]++;
            }
        };
        try (AfPacketPort sender = AfPacketPort.open("lab0", veth.a(), OUR_MAC, 1500);
             AfPacketPort other = AfPacketPort.open("lab1", veth.a(), OUR_MAC, 1500))
        {
            for (int i = 0; i < 200; i++)
            {
                // to the kernel's MAC and to broadcast: both leave on the link
                final long dst = (i & 1) == 0 ? kernelMac : 0xFFFF_FFFF_FFFFL;
                final int length = AfPacketLabFrames.udp(frame, dst, OUR_MAC, OUR_HI, OUR_LO, KERNEL_HI, KERNEL_LO,
                    7000, 7001, i, 32);
                sender.send(frame, 0, length);
            }
            sender.flush();
            drain(sender, handler, 300);
            drain(other, handler, 300);

            assertEquals(200, sender.counters().get(PortCounter.TX_PACKETS));
            assertEquals(0, ours[0], "frames we sent read back (" + all[0] + " frames read in all)");
        }
    }

    @Test
    void kernelGsoSuperFramesAreSplitIntoTheSegmentsANicWouldSend()
    {
        // UDP_SEGMENT (USO): one send() of 12 segments of 1000 bytes becomes one GSO super-frame on the veth.
        final int segments = 12;
        final int size = 1000;
        final List<Integer> lengths = new ArrayList<>();
        final int[] good = {0};
        final FrameHandler handler = (buffer, offset, length) ->
        {
            if (AfPacketLabFrames.ipv6Protocol(buffer, offset, length) == AfPacketLabFrames.UDP &&
                AfPacketLabFrames.destinationPort(buffer, offset) == 9998)
            {
                final int index = lengths.size();
                lengths.add(length);
                boolean same = (buffer.getShort(offset + 18, BIG_ENDIAN) & 0xFFFF) == 8 + size &&
                    (buffer.getShort(offset + AfPacketLabFrames.L4 + 4, BIG_ENDIAN) & 0xFFFF) == 8 + size &&
                    AfPacketLabFrames.transportChecksumValid(buffer, offset, length);
                for (int k = 0; k < size && same; k++)
                {
                    same = buffer.getByte(offset + AfPacketLabFrames.L4 + 8 + k) == (byte)((index * size + k) % 251);
                }
                good[0] += same ? 1 : 0;
            }
        };
        try (AfPacketPort port = AfPacketPort.open("lab0", veth.a(), OUR_MAC, 1500))
        {
            python(ns, String.join("\n",
                "import socket",
                "s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)",
                "s.setsockopt(socket.IPPROTO_UDP, 103, " + size + ")  # UDP_SEGMENT",
                "s.sendto(bytes(i % 251 for i in range(" + segments * size + ")), ('" + OUR_ADDRESS + "', 9998))"));
            receiveUntil(port, handler, () -> lengths.size() >= segments);

            assertEquals(segments, lengths.size(), () -> "segments " + lengths + ", counters " + port.counters());
            assertEquals(segments, good[0], "every segment: its own lengths, its slice of the data, a valid checksum");
            assertEquals(1, port.counters().get(PortCounter.RX_GSO_SPLIT), port.counters().toString());
            assertEquals(0, port.counters().get(PortCounter.RX_OFFLOAD_ERRORS));
        }
    }

    @Test
    void fanoutGroupHandsEachFrameToExactlyOneSocketAndEachFlowAlwaysToTheSameOne()
    {
        final int flows = 32;
        final int perFlow = 20;
        final int group = (int)(ProcessHandle.current().pid() & 0x7FFF) | 0x4000;
        final AfPacketSettings settings = AfPacketSettings.DEFAULT.withFanoutGroup(group);
        final Map<Integer, Set<Integer>> socketsOfFlow = new HashMap<>();
        final Set<Integer> seen = new HashSet<>();
        final int[] duplicates = {0};
        final int[] perSocket = new int[2];
        try (AfPacketPort a = AfPacketPort.open("fan0", veth.a(), OUR_MAC, 1500, settings);
             AfPacketPort b = AfPacketPort.open("fan1", veth.a(), OUR_MAC, 1500, settings))
        {
            final AfPacketPort[] ports = {a, b};
            final FrameHandler[] handlers = new FrameHandler[2];
            for (int s = 0; s < 2; s++)
            {
                final int socket = s;
                handlers[s] = (buffer, offset, length) ->
                {
                    if (AfPacketLabFrames.ipv6Protocol(buffer, offset, length) == AfPacketLabFrames.UDP &&
                        AfPacketLabFrames.destinationPort(buffer, offset) == 9999)
                    {
                        final int flow = AfPacketLabFrames.sourcePort(buffer, offset);
                        final int sequence = buffer.getInt(offset + AfPacketLabFrames.L4 + 8, BIG_ENDIAN);
                        socketsOfFlow.computeIfAbsent(flow, k -> new HashSet<>()).add(socket);
                        duplicates[0] += seen.add(sequence) ? 0 : 1;
                        perSocket[socket]++;
                    }
                };
            }
            python(ns, udpSender(flows * perFlow, 41000, flows));
            final long deadline = System.nanoTime() + WAIT.toNanos();
            while (perSocket[0] + perSocket[1] < flows * perFlow && System.nanoTime() < deadline)
            {
                for (int s = 0; s < 2; s++)
                {
                    ports[s].receive(handlers[s], 64);
                }
            }
            for (int s = 0; s < 2; s++)
            {
                drain(ports[s], handlers[s], 100);
            }

            assertEquals(flows * perFlow, perSocket[0] + perSocket[1], () -> a.counters() + " / " + b.counters());
            assertEquals(flows * perFlow, seen.size(), "every frame once");
            assertEquals(0, duplicates[0], "no frame on both sockets");
            assertEquals(flows, socketsOfFlow.size());
            for (final Map.Entry<Integer, Set<Integer>> e : socketsOfFlow.entrySet())
            {
                assertEquals(1, e.getValue().size(), "flow from port " + e.getKey() + " on one socket only");
            }
            assertNotEquals(0, perSocket[0], "the hash spreads 32 flows over both sockets");
            assertNotEquals(0, perSocket[1], "the hash spreads 32 flows over both sockets");
        }
    }

    @ParameterizedTest(name = "{0} ring")
    @EnumSource(RxRingKind.class)
    void ringDropsAreCountedFromTheKernelsStatistics(final RxRingKind kind)
    {
        // A 256 KiB ring that nobody reads while the kernel sends ~1.2 MB: the kernel drops, we count.
        final int count = 1200;
        final AfPacketSettings small = AfPacketSettings.DEFAULT.withRing(128 * 1024, 2).withRxRing(kind);
        final int[] received = {0};
        final FrameHandler handler = (buffer, offset, length) ->
        {
            if (AfPacketLabFrames.ipv6Protocol(buffer, offset, length) == AfPacketLabFrames.UDP &&
                AfPacketLabFrames.destinationPort(buffer, offset) == 9997)
            {
                received[0]++;
            }
        };
        try (AfPacketPort port = AfPacketPort.open("lab0", veth.a(), OUR_MAC, 1500, small))
        {
            python(ns, String.join("\n",
                "import socket",
                "s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)",
                "for i in range(" + count + "):",
                "    s.sendto(bytes(1000), ('" + OUR_ADDRESS + "', 9997))"));
            drain(port, handler, 300);
            port.refreshStatistics();

            final long dropped = port.counters().get(PortCounter.RX_DROPPED);
            assertTrue(dropped > 0, port.counters().toString());
            // only the block ring freezes (a V2 socket has no freeze count: it must read 0, not leftovers)
            assertEquals(kind == RxRingKind.BLOCKS, port.counters().get(PortCounter.RX_RING_FREEZES) > 0,
                port.counters().toString());
            assertTrue(received[0] > 0);
            assertTrue(received[0] + dropped >= count, received[0] + " received + " + dropped + " dropped");
        }
    }

    @ParameterizedTest(name = "{0} ring")
    @EnumSource(RxRingKind.class)
    void receiveSendAndFlushAllocateNothingInSteadyState(final RxRingKind kind)
    {
        lab.sysctl(ns, "net.ipv6.icmp.ratelimit", "0");
        final UnsafeBuffer request = new UnsafeBuffer(new byte[256]); // on-heap: exercises the copy into a slot
        final int length = LabFrames.echoRequest(request, kernelMac, OUR_MAC, OUR_HI, OUR_LO, KERNEL_HI, KERNEL_LO,
            0xa7, 1, 32);
        final long[] replies = {0};
        final FrameHandler handler = (buffer, offset, frameLength) ->
        {
            if (LabFrames.icmpv6Type(buffer, offset, frameLength) == LabFrames.ECHO_REPLY)
            {
                replies[0]++;
            }
        };
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
        // with a poll wait, so that the poll(2) path is measured too (a block is often not ready yet)
        try (AfPacketPort port = AfPacketPort.open("lab0", veth.a(), OUR_MAC, 1500,
            AfPacketSettings.DEFAULT.withPollTimeout(1).withRxRing(kind)))
        {
            runEcho(port, request, length, handler, 5_000); // warm up: class loading, JIT
            final StringBuilder rounds = new StringBuilder();
            long allocated = -1;
            long repliesInRound = 0;
            for (int round = 0; round < 5 && allocated != 0; round++)
            {
                final long repliesBefore = replies[0];
                final long before = threads.getCurrentThreadAllocatedBytes();
                runEcho(port, request, length, handler, 2_000);
                allocated = threads.getCurrentThreadAllocatedBytes() - before;
                repliesInRound = replies[0] - repliesBefore;
                rounds.append(rounds.length() == 0 ? "" : ", ").append(allocated);
            }
            assertEquals(0, allocated, "bytes allocated per round of 2000 x (4 sends, flush, receive): " + rounds);
            assertTrue(repliesInRound > 1_000, "frames flowed in the measured round: " + repliesInRound);
        }
    }

    private static void runEcho(final AfPacketPort port, final UnsafeBuffer request, final int length,
        final FrameHandler handler, final int iterations)
    {
        for (int i = 0; i < iterations; i++)
        {
            for (int k = 0; k < 4; k++)
            {
                port.send(request, 0, length);
            }
            port.flush();
            port.receive(handler, 16);
        }
    }

    @Test
    void interfaceMacIsUsedWhenNoneIsConfigured()
    {
        try (AfPacketPort port = AfPacketPort.open("lab0", veth.a(), -1, 1500))
        {
            assertEquals(MacAddress.parse(lab.mac(null, veth.a())), port.mac());
        }
    }
}
