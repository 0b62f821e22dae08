package net.srv6epe.dataplane.worker;

import net.srv6epe.dataplane.port.MemoryPort;
import net.srv6epe.dataplane.port.Port;
import net.srv6epe.dataplane.port.PortCounter;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A port's sockets as the readers see them, and the fanout ids of a router's ports. */
class PortSocketsTest
{
    @Test
    void countersAreTheSumOfTheSocketsAndTheViewNeitherReceivesNorSends()
    {
        final MemoryPort a = new MemoryPort("p0", 0x0200_0000_0001L, 1500);
        final MemoryPort b = new MemoryPort("p0", 0x0200_0000_0001L, 1500);
        a.counters().onReceived(100);
        b.counters().onReceived(60);
        b.counters().onReceived(40);
        b.counters().add(PortCounter.RX_DROPPED, 7);
        final PortSockets port = new PortSockets(new Port[] {a, b});

        assertEquals("p0", port.name());
        assertEquals(2, port.socketCount());
        assertEquals(3, port.counters().get(PortCounter.RX_PACKETS));
        assertEquals(200, port.counters().get(PortCounter.RX_BYTES));
        assertEquals(7, port.counters().get(PortCounter.RX_DROPPED));
        assertThrows(UnsupportedOperationException.class, () -> port.receive((buffer, offset, length) -> { }, 1));
        assertThrows(UnsupportedOperationException.class, () -> port.send(new UnsafeBuffer(new byte[64]), 0, 64));
        assertEquals(b, port.socket(1));
    }

    @Test
    void closingTheViewClosesEverySocket()
    {
        final MemoryPort a = new MemoryPort("p0", 0x0200_0000_0001L, 1500);
        final MemoryPort b = new MemoryPort("p0", 0x0200_0000_0001L, 1500);
        a.inject(new byte[64]);
        b.inject(new byte[64]);
        new PortSockets(new Port[] {a, b}).close();

        assertEquals(0, a.pendingReceive(), "a memory port drops what it holds when closed");
        assertEquals(0, b.pendingReceive());
    }

    @Test
    void eachPortOfARouterHasItsOwnFanoutIdAndAnotherProcessOthers()
    {
        final Set<Integer> ids = new HashSet<>();
        for (final long pid : new long[] {4242, 4243})
        {
            for (int port = 0; port < FanoutGroups.MAX_PORTS; port++)
            {
                final int id = FanoutGroups.groupId(pid, port);
                assertEquals(id & 0xFFFF, id);
                ids.add(id);
            }
        }
        assertEquals(2 * FanoutGroups.MAX_PORTS, ids.size());
        assertThrows(IllegalArgumentException.class, () -> FanoutGroups.groupId(1, FanoutGroups.MAX_PORTS));
    }
}
