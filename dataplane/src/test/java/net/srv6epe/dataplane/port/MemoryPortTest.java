package net.srv6epe.dataplane.port;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

class MemoryPortTest
{
    private final MemoryPort port = new MemoryPort("p0", 0x0200_0000_0001L, 1500, 4);

    @Test
    void receivesInjectedFramesInOrderUpToTheLimit()
    {
        port.inject(new byte[] {1, 2, 3});
        port.inject(new byte[] {4, 5});
        port.inject(new byte[] {6});
        final List<byte[]> seen = new ArrayList<>();
        final FrameHandler handler = (buffer, offset, length) ->
        {
            final byte[] f = new byte[length];
            buffer.getBytes(offset, f);
            seen.add(f);
        };

        assertEquals(2, port.receive(handler, 2));
        assertEquals(1, port.receive(handler, 10));
        assertEquals(0, port.receive(handler, 10));
        assertArrayEquals(new byte[] {1, 2, 3}, seen.get(0));
        assertArrayEquals(new byte[] {6}, seen.get(2));
        assertEquals(3, port.counters().get(PortCounter.RX_PACKETS));
        assertEquals(6, port.counters().get(PortCounter.RX_BYTES));
    }

    @Test
    void sentFramesAreCopiesAndBackPressureIsCountedNotThrown()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64]);
        buffer.putByte(10, (byte)9);
        for (int i = 0; i < 4; i++)
        {
            assertTrue(port.send(buffer, 10, 5));
        }
        buffer.putByte(10, (byte)8);
        assertFalse(port.send(buffer, 10, 5));
        assertEquals(4, port.counters().get(PortCounter.TX_PACKETS));
        assertEquals(20, port.counters().get(PortCounter.TX_BYTES));
        assertEquals(1, port.counters().get(PortCounter.TX_ERRORS));
        assertEquals(9, port.pollSent()[0]);
        assertEquals(3, port.drainSent().size());
        assertNull(port.pollSent());
    }

    @Test
    void refusesEmptyAndOversizedFrames()
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[Port.MAX_FRAME_LENGTH + 1]);
        assertFalse(port.send(buffer, 0, 0));
        assertFalse(port.send(buffer, 0, Port.MAX_FRAME_LENGTH + 1));
        assertEquals(2, port.counters().get(PortCounter.TX_ERRORS));
    }
}
