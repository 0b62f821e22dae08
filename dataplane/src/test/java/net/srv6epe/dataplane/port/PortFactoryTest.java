package net.srv6epe.dataplane.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

import net.srv6epe.dataplane.lab.Netns;
import net.srv6epe.dataplane.port.afpacket.AfPacketPort;
import net.srv6epe.dataplane.port.afpacket.RxRingKind;

class PortFactoryTest
{
    @TempDir
    Path dir;

    @Test
    void opensEachBackendByItsConfigName()
    {
        try (Port memory = PortFactory.open("m", "memory", null, null, null, 1, 1500))
        {
            assertInstanceOf(MemoryPort.class, memory);
            assertEquals("m", memory.name());
            assertEquals(1, memory.mac());
            assertEquals(1500, memory.mtu());
        }
        try (Port file = PortFactory.open("f", "pcap-file", null, null, dir.resolve("o.pcap").toString(), 2, 9000))
        {
            assertInstanceOf(PcapFilePort.class, file);
        }
    }

    @Test
    void missingInterfaceSaysWhatToCheck()
    {
        final PortException ex = assertThrows(
            PortException.class, () -> PortFactory.open("up0", "pcap", "veth9", null, null, 1, 1500));
        assertTrue(ex.getMessage().contains("no such interface 'veth9' (ip link show)"), ex.getMessage());
    }

    @Test
    void unknownBackendListsTheKnownOnes()
    {
        final IllegalArgumentException ex = assertThrows(
            IllegalArgumentException.class, () -> PortFactory.open("x", "dpdk", null, null, null, 1, 1500));
        assertTrue(ex.getMessage().contains("af-packet, af-xdp, pcap, pcap-file, memory"), ex.getMessage());
    }

    @Test
    void everyBackendHasItsConfigNameAndLiveOnesAreMarked()
    {
        for (final PortBackend b : PortBackend.values())
        {
            assertEquals(b, PortBackend.fromConfigName(b.configName()));
        }
        assertTrue(PortBackend.AF_PACKET.live() && PortBackend.PCAP.live());
        assertTrue(!PortBackend.PCAP_FILE.live() && !PortBackend.MEMORY.live());
    }

    @Test
    @EnabledIfSystemProperty(named = "srv6epe.netns", matches = "true",
        disabledReason = "needs root and network namespaces; enabled by the README's test command")
    void afPacketOpensWherePacketSocketsWorkPcapWhenAskedAndPcapWithOneLogLineWhereTheyDoNot()
    {
        try (Netns lab = Netns.create())
        {
            final String ns = lab.namespace("factory");
            final String link = lab.veth(null, ns).a();
            try (Port port = PortFactory.open("a", "af-packet", link, null, null, PortFactory.INTERFACE_MAC, 1500))
            {
                assertInstanceOf(AfPacketPort.class, port);
                assertEquals(PortBackend.AF_PACKET, port.backend());
                assertEquals("blocks", port.rxRing());
            }
            try (Port port = PortFactory.open("a", "af-packet", link, null, null, PortFactory.INTERFACE_MAC, 1500,
                RxRingKind.FRAMES, null))
            {
                assertEquals("frames", port.rxRing());
            }
            try (Port port = PortFactory.open("x", "af-xdp", link, null, null, PortFactory.INTERFACE_MAC, 1500))
            {
                assertEquals(PortBackend.AF_XDP, port.backend());
                assertEquals(null, port.rxRing());
            }
            try (Port port = PortFactory.open("p", "pcap", link, null, null, PortFactory.INTERFACE_MAC, 1500))
            {
                assertInstanceOf(PcapLivePort.class, port);
            }

            final PrintStream savedErr = System.err;
            final ByteArrayOutputStream log = new ByteArrayOutputStream();
            System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
            try (Port port = PortFactory.open("f", "af-packet", link, null, null, PortFactory.INTERFACE_MAC, 1500,
                RxRingKind.BLOCKS, null, () -> "not Linux (test)"))
            {
                assertInstanceOf(PcapLivePort.class, port);
                assertEquals(PortBackend.PCAP, port.backend(), "what the port runs on, for show interfaces");
                assertEquals(null, port.rxRing());
            }
            finally
            {
                System.setErr(savedErr);
            }
            final String text = log.toString(StandardCharsets.UTF_8);
            assertTrue(text.contains("port 'f' on '" + link + "': af-packet unavailable (not Linux (test)); using pcap"),
                text);
            assertEquals(1, text.lines().filter(l -> l.contains("af-packet unavailable")).count(), text);
        }
    }

    @Test
    void offlineBackendsNeedAnExplicitMacAndSaneMtu()
    {
        assertThrows(IllegalArgumentException.class,
            () -> PortFactory.open("x", "memory", null, null, null, PortFactory.INTERFACE_MAC, 1500));
        assertThrows(IllegalArgumentException.class, () -> PortFactory.open("x", "memory", null, null, null, 1, 10));
    }
}
