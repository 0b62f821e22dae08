package net.srv6epe.dataplane.port;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        assertTrue(ex.getMessage().contains("pcap, pcap-file, memory"), ex.getMessage());
    }

    @Test
    void offlineBackendsNeedAnExplicitMacAndSaneMtu()
    {
        assertThrows(IllegalArgumentException.class,
            () -> PortFactory.open("x", "memory", null, null, null, PortFactory.INTERFACE_MAC, 1500));
        assertThrows(IllegalArgumentException.class, () -> PortFactory.open("x", "memory", null, null, null, 1, 10));
    }
}
