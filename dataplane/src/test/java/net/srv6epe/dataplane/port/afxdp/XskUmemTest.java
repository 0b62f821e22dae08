package net.srv6epe.dataplane.port.afxdp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pool and the lending of a UMEM's chunks, without a socket. */
class XskUmemTest
{
    private static final int CHUNK = XskSocket.FRAME_SIZE;

    private XskUmem umem;

    @BeforeEach
    void setUp()
    {
        umem = XskUmem.allocate(64, false);
    }

    @AfterEach
    void tearDown()
    {
        umem.release();
    }

    @Test
    void thePoolHandsOutEachChunkOnceAndTakesChunksBackByAnyAddressInThem()
    {
        final Set<Long> taken = new HashSet<>();
        for (int i = 0; i < 64; i++)
        {
            final long chunk = umem.take();
            assertEquals(0, chunk % CHUNK, "chunk-aligned");
            assertTrue(chunk >= 0 && chunk < 64L * CHUNK);
            assertTrue(taken.add(chunk), "handed out once");
        }
        assertEquals(-1, umem.take(), "empty");
        assertEquals(0, umem.available());
        umem.give(5L * CHUNK + 300); // a completion names the frame's address, not its chunk's
        assertEquals(1, umem.available());
        assertEquals(5L * CHUNK, umem.take());
    }

    @Test
    void aFrameInTheLentChunkIsClaimedOnceAndOnlyWhileLent()
    {
        final long base = umem.address();
        assertEquals(-1, umem.claim(base + 3L * CHUNK, 200, 100), "nothing lent");
        umem.lend(3L * CHUNK);
        assertEquals(-1, umem.claim(base + 4L * CHUNK, 200, 100), "another chunk");
        assertEquals(-1, umem.claim(base + 3L * CHUNK, 4000, 200), "runs past the chunk's end");
        assertEquals(-1, umem.claim(base + 3L * CHUNK, -10, 100), "starts before the chunk");
        assertEquals(-1, umem.claim(0x10000L, 200, 100), "memory that is not the UMEM's");
        assertEquals(3L * CHUNK + 200, umem.claim(base + 3L * CHUNK, 200, 100), "the frame's UMEM address");
        assertEquals(-1, umem.claim(base + 3L * CHUNK, 200, 100), "claimed once: a second send copies");
        assertTrue(umem.endLend(), "the receiver learns a sender took the chunk");
        assertEquals(-1, umem.claim(base + 3L * CHUNK, 200, 100), "not lent any more");
        umem.lend(7L * CHUNK);
        assertFalse(umem.endLend(), "not claimed: the receiver keeps it");
    }

    @Test
    void itIsReleasedByItsLastHolderAndNotMoreOften()
    {
        final XskUmem other = XskUmem.allocate(64, false);
        other.retain();
        other.release();
        other.release(); // the last: unmapped
        assertThrows(IllegalStateException.class, other::release);
        assertThrows(IllegalStateException.class, other::retain);
    }

    @Test
    void itsSizeIsAPowerOfTwoOfAtLeast64Chunks()
    {
        assertEquals("UMEM chunks 96: a power of two, at least 64",
            assertThrows(IllegalArgumentException.class, () -> XskUmem.allocate(96, false)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> XskUmem.allocate(32, false));
    }
}
