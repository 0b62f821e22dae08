package net.srv6epe.dataplane.port;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapFilePortTest
{
    private static final long MAC = 0x0200_0000_0001L;

    @TempDir
    Path dir;

    private static byte[] frame(final int length, final int marker)
    {
        final byte[] f = new byte[length];
        for (int i = 0; i < length; i++)
        {
            f[i] = (byte)(marker + i);
        }
        f[12] = (byte)0x86;
        f[13] = (byte)0xdd;
        return f;
    }

    @Test
    void framesWrittenAreReplayedInOrderIncludingJumbo()
    {
        final Path file = dir.resolve("sent.pcap");
        final List<byte[]> frames = List.of(frame(60, 1), frame(1514, 2), frame(9000, 3));
        try (PcapFilePort writer = PcapFilePort.open("w", null, file.toString(), MAC, 9000))
        {
            for (final byte[] f : frames)
            {
                assertTrue(writer.send(new UnsafeBuffer(f), 0, f.length));
            }
            assertEquals(3, writer.counters().get(PortCounter.TX_PACKETS));
            assertEquals(0, writer.receive((b, o, l) -> { }, 10), "no read file: nothing received");
            assertTrue(writer.exhausted());
        }

        final List<byte[]> read = new ArrayList<>();
        try (PcapFilePort reader = PcapFilePort.open("r", file.toString(), null, MAC, 9000))
        {
            int n;
            while ((n = reader.receive((b, o, l) ->
            {
                final byte[] f = new byte[l];
                b.getBytes(o, f);
                read.add(f);
            }, 2)) > 0)
            {
                assertTrue(n <= 2);
            }
            assertTrue(reader.exhausted());
            assertEquals(3, reader.counters().get(PortCounter.RX_PACKETS));
            assertTrue(reader.send(new UnsafeBuffer(new byte[60]), 0, 60), "no write file: counted and discarded");
        }
        assertEquals(3, read.size());
        for (int i = 0; i < 3; i++)
        {
            assertArrayEquals(frames.get(i), read.get(i));
        }
    }

    @Test
    void missingReadFileIsAClearError()
    {
        final PortException ex = assertThrows(
            PortException.class, () -> PcapFilePort.open("r", dir.resolve("nope.pcap").toString(), null, MAC, 1500));
        assertTrue(ex.getMessage().contains("nope.pcap"), ex.getMessage());
    }

    @Test
    void garbageReadFileIsAClearError() throws Exception
    {
        final Path file = Files.writeString(dir.resolve("junk.pcap"), "not a capture");
        final PortException ex = assertThrows(
            PortException.class, () -> PcapFilePort.open("r", file.toString(), null, MAC, 1500));
        assertTrue(ex.getMessage().contains("junk.pcap"), ex.getMessage());
    }

    @Test
    void sendAfterCloseIsCountedNotThrown()
    {
        final PcapFilePort port = PcapFilePort.open("w", null, dir.resolve("x.pcap").toString(), MAC, 1500);
        port.close();
        port.close();
        assertFalse(port.send(new UnsafeBuffer(new byte[60]), 0, 60));
        assertEquals(1, port.counters().get(PortCounter.TX_ERRORS));
    }
}
