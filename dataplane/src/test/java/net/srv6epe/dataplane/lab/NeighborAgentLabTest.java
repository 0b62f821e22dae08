package net.srv6epe.dataplane.lab;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;

import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import net.srv6epe.dataplane.neighbor.NeighborAgent;
import net.srv6epe.dataplane.neighbor.NeighborCounter;
import net.srv6epe.dataplane.neighbor.NeighborFrames;
import net.srv6epe.dataplane.neighbor.NeighborProxy;
import net.srv6epe.dataplane.neighbor.NeighborSettings;
import net.srv6epe.dataplane.neighbor.NeighborTable;
import net.srv6epe.dataplane.port.FrameHandler;
import net.srv6epe.dataplane.port.MacAddress;
import net.srv6epe.dataplane.port.PcapLivePort;
import net.srv6epe.srv6.Ipv4Address;
import net.srv6epe.srv6.Ipv6Address;

/**
 * The neighbor agent against a real kernel: port RX -> punt queue -> agent -> output queue -> port TX, wired by
 * hand on the test thread, the kernel of a namespace on the other end of a veth pair.
 */
@EnabledIfSystemProperty(named = "srv6epe.netns", matches = "true",
    disabledReason = "needs root and network namespaces; enabled by the README's test command")
class NeighborAgentLabTest
{
    private static final long OUR_MAC = MacAddress.parse("02:5e:00:00:a2:02");
    private static final String KERNEL_V6 = "fd00:a2::1";
    private static final String OUR_V6 = "fd00:a2::2";
    private static final String KERNEL_V4 = "198.18.162.1";
    private static final String OUR_V4 = "198.18.162.2";
    private static final Pattern RESOLVED = Pattern.compile("REACHABLE|STALE|DELAY|PROBE");

    private Netns lab;
    private Netns.VethPair veth;
    private String ns;
    private PcapLivePort port;
    private NeighborTable table;
    private NeighborAgent agent;
    private NeighborProxy proxy;
    private int echoReplies;
    private final FrameHandler rx = (buffer, offset, length) ->
    {
        if (NeighborFrames.isNeighborFrame(buffer, offset, length))
        {
            proxy.punt(0, buffer, offset, length);
        }
        else if (LabFrames.icmpv6Type(buffer, offset, length) == LabFrames.ECHO_REPLY &&
            MacAddress.get(buffer, offset) == OUR_MAC)
        {
            echoReplies++;
        }
    };

    @BeforeEach
    void setUp()
    {
        lab = Netns.create();
        ns = lab.namespace("kernel");
        veth = lab.veth(null, ns);
        lab.address(ns, veth.b(), KERNEL_V6 + "/64");
        lab.address(ns, veth.b(), KERNEL_V4 + "/24");
        port = PcapLivePort.open("lab0", veth.a(), OUR_MAC, 1500);
        table = new NeighborTable();
        agent = new NeighborAgent(new SystemNanoClock(), table, NeighborSettings.defaults(), 1);
        agent.configurePort(0, OUR_MAC);
        agent.addAddress(0, Ipv6Address.parseHi(OUR_V6), Ipv6Address.parseLo(OUR_V6));
        agent.addAddress(0, Ipv4Address.parse(OUR_V4));
        proxy = agent.proxy();
    }

    @AfterEach
    void tearDown()
    {
        try
        {
            port.close();
        }
        finally
        {
            lab.close();
        }
    }

    /** One turn of the minimal data plane: receive and punt, run the agent, transmit what it produced. */
    private void pump()
    {
        port.receive(rx, 64);
        agent.doWork();
        proxy.drainOutput(0, port, 64);
    }

    private void pumpFor(final long ns)
    {
        final long until = System.nanoTime() + ns;
        while (System.nanoTime() < until)
        {
            pump();
        }
    }

    private static String udpSender(final String family, final String address)
    {
        return "import socket,time\n" +
            "for i in range(40):\n" +
            "  try:\n" +
            "    socket.socket(socket." + family + ",socket.SOCK_DGRAM).sendto(b'x',('" + address + "',9))\n" +
            "  except OSError:\n" +
            "    pass\n" +
            "  time.sleep(0.2)\n";
    }

    private String kernelNeighbor(final String address)
    {
        return lab.execOk(ns, "ip", "neigh", "show", address, "dev", veth.b()).stdout();
    }

    private String awaitKernelResolves(final String address)
    {
        final long deadline = System.nanoTime() + 8_000_000_000L;
        String entry = "";
        while (System.nanoTime() < deadline)
        {
            pumpFor(200_000_000L);
            entry = kernelNeighbor(address);
            if (entry.contains(MacAddress.format(OUR_MAC)) && RESOLVED.matcher(entry).find())
            {
                break;
            }
        }
        return entry;
    }

    @Test
    void kernelResolvesOurIpv6AddressThroughTheAgent()
    {
        final Netns.Background sender = lab.start(ns, "python3", "-c", udpSender("AF_INET6", OUR_V6));
        final String entry = awaitKernelResolves(OUR_V6);
        sender.stop();

        assertTrue(entry.contains(MacAddress.format(OUR_MAC)) && RESOLVED.matcher(entry).find(),
            "kernel neighbor entry: '" + entry + "', agent " + agent.counters());
        assertTrue(agent.counters().get(NeighborCounter.NS_RECEIVED) >= 1);
        assertTrue(agent.counters().get(NeighborCounter.NA_SENT) >= 1);
        assertEquals(0, agent.counters().get(NeighborCounter.NDP_BAD_CHECKSUM));
    }

    @Test
    void kernelResolvesOurIpv4AddressThroughTheAgent()
    {
        final Netns.Background sender = lab.start(ns, "python3", "-c", udpSender("AF_INET", OUR_V4));
        final String entry = awaitKernelResolves(OUR_V4);
        sender.stop();

        assertTrue(entry.contains(MacAddress.format(OUR_MAC)) && RESOLVED.matcher(entry).find(),
            "kernel neighbor entry: '" + entry + "', agent " + agent.counters());
        assertTrue(agent.counters().get(NeighborCounter.ARP_REQUESTS_RECEIVED) >= 1);
        assertTrue(agent.counters().get(NeighborCounter.ARP_REPLIES_SENT) >= 1);
    }

    @Test
    void agentResolvesTheKernelAndReleasesTheHeldEchoRequest()
    {
        final long kernelHi = Ipv6Address.parseHi(KERNEL_V6);
        final long kernelLo = Ipv6Address.parseLo(KERNEL_V6);
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[256]);
        // Destination MAC unknown (zero): the agent fills it in when it releases the frame.
        final int length = LabFrames.echoRequest(frame, 0, OUR_MAC, Ipv6Address.parseHi(OUR_V6),
            Ipv6Address.parseLo(OUR_V6), kernelHi, kernelLo, 0x5e7, 1, 16);
        assertEquals(NeighborTable.MISS, table.lookup(0, kernelHi, kernelLo));
        assertTrue(proxy.unresolved(0, kernelHi, kernelLo, frame, 0, length));

        final long deadline = System.nanoTime() + 5_000_000_000L;
        while (echoReplies == 0 && System.nanoTime() < deadline)
        {
            pump();
        }

        final long kernelMac = MacAddress.parse(lab.mac(ns, veth.b()));
        assertEquals(kernelMac, table.lookup(0, kernelHi, kernelLo), "agent " + agent.counters());
        assertTrue(echoReplies >= 1, "the released echo request was answered; agent " + agent.counters());
        assertEquals(1, agent.counters().get(NeighborCounter.RESOLVED));
        assertEquals(1, agent.counters().get(NeighborCounter.RELEASED));
        assertTrue(frame.getShort(12, BIG_ENDIAN) != 0);
    }
}
