package net.srv6epe.dataplane.port.afpacket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import net.srv6epe.dataplane.port.PortCounter;
import net.srv6epe.dataplane.port.PortCounters;
import net.srv6epe.dataplane.port.linux.Libc;

/**
 * Batched transmit over a Unix datagram socket pair (no root, no packet socket: {@code sendmmsg} behaves the same
 * way): one system call per batch, every frame delivered whole and in order after its zeroed
 * {@code virtio_net_hdr}, and back-pressure (a full send buffer: EAGAIN) retried, then dropped and counted.
 */
class TxBatchTest
{
    private final PortCounters counters = new PortCounters();
    private final UnsafeBuffer fds = new UnsafeBuffer(ByteBuffer.allocateDirect(8));
    private final UnsafeBuffer received = new UnsafeBuffer(ByteBuffer.allocateDirect(16384));
    private int sender;
    private int peer;

    @BeforeEach
    void setUp()
    {
        assertNull(Libc.UNAVAILABLE_REASON);
        assertEquals(0, Libc.socketpair(Libc.AF_UNIX, Libc.SOCK_DGRAM | Libc.SOCK_NONBLOCK | Libc.SOCK_CLOEXEC, 0,
            fds.addressOffset()), () -> Libc.describe(Libc.errno()));
        sender = fds.getInt(0);
        peer = fds.getInt(4);
    }

    @AfterEach
    void tearDown()
    {
        Libc.close(sender);
        Libc.close(peer);
    }

    private static UnsafeBuffer frame(final int sequence, final int length)
    {
        final UnsafeBuffer b = new UnsafeBuffer(new byte[length]);
        for (int i = 0; i < length; i++)
        {
            b.putByte(i, (byte)(sequence * 7 + i));
        }
        return b;
    }

    /** Reads one datagram from the peer; returns its length or -1 when none is queued. */
    private int receive()
    {
        return (int)Libc.recv(peer, received.addressOffset(), received.capacity(), Libc.MSG_DONTWAIT);
    }

    private void assertDelivered(final int sequence, final int length, final boolean vnetHeader)
    {
        final int prefix = vnetHeader ? PacketAbi.VNET_HDR_LENGTH : 0;
        assertEquals(prefix + length, receive(), "datagram " + sequence);
        for (int i = 0; i < prefix; i++)
        {
            assertEquals(0, received.getByte(i), "virtio_net_hdr byte " + i + " is zero: no offload asked");
        }
        final UnsafeBuffer expected = frame(sequence, length);
        for (int i = 0; i < length; i++)
        {
            assertEquals(expected.getByte(i), received.getByte(prefix + i), "datagram " + sequence + " byte " + i);
        }
    }

    @Test
    void sendsAWholeBatchInOneCallOnFlushAndEveryFrameArrivesIntactInOrder()
    {
        final TxBatch batch = new TxBatch(sender, 8, 9234, true, counters);
        long bytes = 0;
        for (int i = 0; i < 8; i++)
        {
            assertTrue(batch.add(frame(i, 60 + i * 100), 0, 60 + i * 100));
            bytes += 60 + i * 100;
        }
        assertEquals(0, batch.sendCalls(), "send() only queues");
        assertEquals(-1, receive());

        batch.flush();

        assertEquals(1, batch.sendCalls());
        assertEquals(0, batch.queued());
        for (int i = 0; i < 8; i++)
        {
            assertDelivered(i, 60 + i * 100, true);
        }
        assertEquals(8, counters.get(PortCounter.TX_PACKETS));
        assertEquals(bytes, counters.get(PortCounter.TX_BYTES));
        assertEquals(0, counters.get(PortCounter.TX_ERRORS));
    }

    @Test
    void aFullBatchIsSentWithoutWaitingForFlush()
    {
        final TxBatch batch = new TxBatch(sender, 4, 2048, false, counters);
        for (int i = 0; i < 4; i++)
        {
            batch.add(frame(i, 64), 0, 64);
        }
        assertEquals(0, batch.sendCalls());

        batch.add(frame(4, 64), 0, 64);

        assertEquals(1, batch.sendCalls(), "the fifth frame found the batch full");
        assertEquals(1, batch.queued());
        for (int i = 0; i < 4; i++)
        {
            assertDelivered(i, 64, false);
        }
        batch.flush();
        assertDelivered(4, 64, false);
        assertEquals(2, batch.sendCalls());
        assertEquals(5, counters.get(PortCounter.TX_PACKETS));
    }

    @Test
    void flushWithNothingQueuedMakesNoCall()
    {
        final TxBatch batch = new TxBatch(sender, 4, 2048, true, counters);
        batch.flush();
        assertEquals(0, batch.sendCalls());
    }

    @Test
    void backPressureIsRetriedABoundedNumberOfTimesThenTheRestIsDroppedAndCounted()
    {
        // The peer reads nothing and the sender's buffer holds a few datagrams: the kernel says EAGAIN.
        final UnsafeBuffer option = new UnsafeBuffer(ByteBuffer.allocateDirect(4));
        option.putInt(0, 4096);
        assertEquals(0, Libc.setsockopt(sender, Libc.SOL_SOCKET, Libc.SO_SNDBUF, option.addressOffset(), 4));
        final TxBatch batch = new TxBatch(sender, 64, 2048, true, counters);
        for (int i = 0; i < 64; i++)
        {
            batch.add(frame(i, 100), 0, 100);
        }

        batch.flush();

        final long sent = counters.get(PortCounter.TX_PACKETS);
        final long dropped = counters.get(PortCounter.TX_BACKPRESSURE_DROPS);
        assertTrue(sent > 0 && sent < 64, "sent " + sent);
        assertEquals(64, sent + dropped, "every frame sent or counted");
        assertEquals(dropped, counters.get(PortCounter.TX_ERRORS));
        assertEquals(0, batch.queued(), "nothing left behind for the next flush");
        assertTrue(batch.sendCalls() <= 1 + TxBatch.MAX_RETRIES + 1, "bounded: " + batch.sendCalls() + " calls");
        for (int i = 0; i < sent; i++)
        {
            assertDelivered(i, 100, true);
        }
        assertEquals(-1, receive());
    }

    @Test
    void refusesEmptyAndOversizedFramesAndCountsThem()
    {
        final TxBatch batch = new TxBatch(sender, 4, 1514, true, counters);
        assertFalse(batch.add(frame(0, 1515), 0, 1515));
        assertFalse(batch.add(frame(0, 10), 0, 0));
        assertEquals(2, counters.get(PortCounter.TX_ERRORS));
        assertEquals(0, batch.queued());
    }

    @Test
    void aFrameTheKernelRefusesIsCountedAndTheRestStillGoes()
    {
        // A Unix datagram larger than the sender's buffer fails with EMSGSIZE (as a packet socket refuses a frame
        // larger than the MTU); the frames around it must still go.
        final UnsafeBuffer option = new UnsafeBuffer(ByteBuffer.allocateDirect(4));
        option.putInt(0, 4096);
        assertEquals(0, Libc.setsockopt(sender, Libc.SOL_SOCKET, Libc.SO_SNDBUF, option.addressOffset(), 4));
        final TxBatch batch = new TxBatch(sender, 4, 16000, false, counters);
        batch.add(frame(0, 100), 0, 100);
        batch.add(frame(1, 15000), 0, 15000); // larger than the send buffer: EMSGSIZE
        batch.add(frame(2, 100), 0, 100);

        batch.flush();

        assertEquals(2, counters.get(PortCounter.TX_PACKETS));
        assertEquals(1, counters.get(PortCounter.TX_ERRORS));
        assertEquals(0, counters.get(PortCounter.TX_BACKPRESSURE_DROPS));
        assertDelivered(0, 100, false);
        assertDelivered(2, 100, false);
    }

    @Test
    void addAndFlushAllocateNothing()
    {
        final TxBatch batch = new TxBatch(sender, 8, 2048, true, counters);
        final UnsafeBuffer onHeap = frame(1, 200);
        final UnsafeBuffer offHeap = new UnsafeBuffer(ByteBuffer.allocateDirect(200));
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
        final StringBuilder rounds = new StringBuilder();
        long allocated = -1;
        for (int round = 0; round < 8 && allocated != 0; round++)
        {
            final long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 20_000; i++)
            {
                batch.add(onHeap, 0, 200);
                batch.add(offHeap, 0, 200);
                batch.flush();
                receive();
                receive();
            }
            allocated = threads.getCurrentThreadAllocatedBytes() - before;
            rounds.append(rounds.length() == 0 ? "" : ", ").append(allocated);
        }
        assertEquals(0, allocated, "bytes allocated per round: " + rounds);
    }
}
