package net.srv6epe.dataplane.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import net.srv6epe.dataplane.port.FrameHandler;
import net.srv6epe.dataplane.port.MemoryPort;
import net.srv6epe.dataplane.port.Port;
import net.srv6epe.dataplane.port.PortBackend;
import net.srv6epe.dataplane.port.PortCounters;
import net.srv6epe.dataplane.port.linux.Libc;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code wait} idle mode on a real descriptor: one end of a Unix socket pair stands for a port's socket, the other
 * for the kernel putting a frame in its ring. The bounds on elapsed time are far from the waits (a lower bound where
 * the wait must run to its timeout, an upper one a hundred times the expected time where it must not), so a loaded
 * machine cannot fail them; they check which of the two happened, not how fast.
 */
class PortWaitIdleStrategyTest
{
    private static final int SOCK_STREAM = 1;

    private final UnsafeBuffer scratch = new UnsafeBuffer(ByteBuffer.allocateDirect(64));
    private int port = -1;
    private int kernel = -1;

    @BeforeEach
    void setUp()
    {
        assumeTrue(Libc.UNAVAILABLE_REASON == null, "needs the C library: " + Libc.UNAVAILABLE_REASON);
        assertEquals(0, Libc.socketpair(Libc.AF_UNIX, SOCK_STREAM | Libc.SOCK_CLOEXEC, 0, scratch.addressOffset()),
            () -> "socketpair: " + Libc.describe(Libc.errno()));
        port = scratch.getInt(0);
        kernel = scratch.getInt(4);
    }

    @AfterEach
    void tearDown()
    {
        for (final int fd : new int[] {port, kernel})
        {
            if (fd >= 0)
            {
                Libc.close(fd);
            }
        }
    }

    @Test
    void withNothingToReadTheWaitRunsToItsTimeout()
    {
        final PortWaitIdleStrategy wait = new PortWaitIdleStrategy(ports(port), TimeUnit.MILLISECONDS.toNanos(200));
        assertEquals(1, wait.polled());
        final long start = System.nanoTime();
        wait.idle(0);
        final long elapsed = System.nanoTime() - start;
        assertTrue(elapsed >= TimeUnit.MILLISECONDS.toNanos(150), "returned after " + elapsed + " ns");
    }

    @Test
    void aFrameWaitingEndsTheWaitAtOnceAndARoundWithWorkDoesNotWait()
    {
        final PortWaitIdleStrategy wait = new PortWaitIdleStrategy(ports(port), TimeUnit.SECONDS.toNanos(1));
        long start = System.nanoTime();
        wait.idle(5);
        assertTrue(System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(500), "a round with work waited");
        assertEquals(1, Libc.sendto(kernel, scratch.addressOffset(), 1, Libc.MSG_DONTWAIT, 0, 0));
        start = System.nanoTime();
        wait.idle(0);
        final long elapsed = System.nanoTime() - start;
        assertTrue(elapsed < TimeUnit.MILLISECONDS.toNanos(500), "waited " + elapsed + " ns with data to read");
    }

    @Test
    void aFrameArrivingDuringTheWaitWakesTheWorker() throws InterruptedException
    {
        final PortWaitIdleStrategy wait = new PortWaitIdleStrategy(ports(-1, port), TimeUnit.SECONDS.toNanos(1));
        assertEquals(1, wait.polled(), "a port without a descriptor is not polled");
        final long[] elapsed = new long[1];
        final Thread worker = new Thread(() ->
        {
            final long start = System.nanoTime();
            wait.idle();
            elapsed[0] = System.nanoTime() - start;
        });
        worker.start();
        Thread.sleep(50);
        assertEquals(1, Libc.sendto(kernel, scratch.addressOffset(), 1, Libc.MSG_DONTWAIT, 0, 0));
        worker.join(TimeUnit.SECONDS.toMillis(5));
        assertTrue(elapsed[0] > 0 && elapsed[0] < TimeUnit.MILLISECONDS.toNanos(900),
            "woke after " + elapsed[0] + " ns (1 s timeout)");
    }

    @Test
    void aClosedDescriptorIsNoLongerPolled()
    {
        final PortWaitIdleStrategy wait = new PortWaitIdleStrategy(ports(port), TimeUnit.MILLISECONDS.toNanos(100));
        Libc.close(kernel);
        kernel = -1;
        wait.idle(0); // the peer hung up: POLLHUP
        assertEquals(0, wait.polled(), "a hung-up descriptor would end every later wait at once");
        final long start = System.nanoTime();
        wait.idle(0);
        assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(75), "the wait is its timeout now");
    }

    @Test
    void aWaitOutsideOneMicrosecondToOneSecondIsRefused()
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new PortWaitIdleStrategy(ports(port), 999));
        assertEquals("a wait of 999 ns: 1 µs to 1 s", ex.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PortWaitIdleStrategy(ports(port), 1_000_000_001L));
    }

    private static Port[] ports(final int... fds)
    {
        final Port[] ports = new Port[fds.length];
        for (int i = 0; i < fds.length; i++)
        {
            ports[i] = new DescriptorPort(new MemoryPort("p" + i, 0x020000000001L + i, 1500), fds[i]);
        }
        return ports;
    }

    /** A memory port that names a descriptor as its socket's. */
    private record DescriptorPort(MemoryPort inner, int fd) implements Port
    {
        @Override
        public int readableFd()
        {
            return fd;
        }

        @Override
        public String name()
        {
            return inner.name();
        }

        @Override
        public long mac()
        {
            return inner.mac();
        }

        @Override
        public int mtu()
        {
            return inner.mtu();
        }

        @Override
        public PortBackend backend()
        {
            return inner.backend();
        }

        @Override
        public int receive(final FrameHandler handler, final int limit)
        {
            return inner.receive(handler, limit);
        }

        @Override
        public boolean send(final DirectBuffer buffer, final int offset, final int length)
        {
            return inner.send(buffer, offset, length);
        }

        @Override
        public void flush()
        {
            inner.flush();
        }

        @Override
        public PortCounters counters()
        {
            return inner.counters();
        }

        @Override
        public void close()
        {
            inner.close();
        }
    }
}
