package net.srv6epe.dataplane.worker;

import com.sun.management.ThreadMXBean;
import net.srv6epe.dataplane.pipeline.PipelineFixture;
import net.srv6epe.dataplane.port.FrameHandler;
import net.srv6epe.dataplane.port.MemoryPort;
import net.srv6epe.dataplane.port.Port;
import net.srv6epe.dataplane.port.PortBackend;
import net.srv6epe.dataplane.port.PortCounters;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;

import static net.srv6epe.dataplane.pipeline.PipelineFixture.CORE_MAC;
import static net.srv6epe.dataplane.pipeline.PipelineFixture.CORE_PEER_MAC;
import static net.srv6epe.dataplane.pipeline.PipelineFixture.EDGE_MAC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The worker's whole loop (receive a batch, run the pipeline, count the loop, drain the neighbor agent's output,
 * flush) allocates nothing in the steady state, for a worker that sends for the neighbor agent and one that does
 * not.
 */
class WorkerAllocationTest
{
    private static final int ROUNDS_OF = 16_000;

    @Test
    void theWorkerSendingForTheNeighborAgentAllocatesNothing()
    {
        assertSteadyStateAllocatesNothing(true);
    }

    @Test
    void aWorkerLeavingTheNeighborAgentToAnotherAllocatesNothing()
    {
        assertSteadyStateAllocatesNothing(false);
    }

    private static void assertSteadyStateAllocatesNothing(final boolean sendsNeighborOutput)
    {
        final PipelineFixture fx = new PipelineFixture(false);
        final ReplayPort core = new ReplayPort(forwardedFrame());
        final Port[] ports = { core, new MemoryPort("edge", EDGE_MAC, 1500) };
        final WorkerCounters loop = new WorkerCounters();
        final Worker worker = new Worker("srv6-epe-worker-0", ports, fx.pipeline, fx.agent.proxy(), fx.counters, loop,
            sendsNeighborOutput);
        final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();

        run(worker, ROUNDS_OF); // warm up: class loading, JIT compilation
        final StringBuilder rounds = new StringBuilder();
        long allocated = -1;
        for (int round = 0; round < 5 && allocated != 0; round++)
        {
            final long before = threads.getThreadAllocatedBytes(thread);
            run(worker, ROUNDS_OF);
            allocated = threads.getThreadAllocatedBytes(thread) - before;
            rounds.append(rounds.length() == 0 ? "" : ", ").append(allocated);
        }

        assertEquals(0, allocated, "bytes allocated per " + ROUNDS_OF + " duty cycles: " + rounds);
        assertTrue(fx.sentCount >= (long)ROUNDS_OF * Worker.BATCH, "the frames were forwarded: " + fx.sentCount);
        assertEquals(loop.get(WorkerCounter.RX_FRAMES), loop.get(WorkerCounter.RX_FULL_BATCHES) * Worker.BATCH);
    }

    private static void run(final Worker worker, final int cycles)
    {
        for (int i = 0; i < cycles; i++)
        {
            worker.doWork();
        }
    }

    /** fd00:10::5 -> fd00:c0::5, UDP, from the core peer to us: routed via the edge peer (a static neighbor). */
    private static byte[] forwardedFrame()
    {
        final ByteBuffer b = ByteBuffer.allocate(14 + 40 + 8 + 18);
        for (int shift = 40; shift >= 0; shift -= 8)
        {
            b.put((byte)(CORE_MAC >>> shift));
        }
        for (int shift = 40; shift >= 0; shift -= 8)
        {
            b.put((byte)(CORE_PEER_MAC >>> shift));
        }
        b.putShort((short)0x86DD);
        b.putInt(0x6000_0000).putShort((short)(8 + 18)).put((byte)17).put((byte)64);
        b.putLong(0xfd00_0010_0000_0000L).putLong(5);
        b.putLong(0xfd00_00c0_0000_0000L).putLong(5);
        b.putShort((short)1000).putShort((short)2000).putShort((short)(8 + 18)).putShort((short)0);
        return b.array();
    }

    /** Hands the same frame {@code limit} times per receive; sends nothing of its own. */
    private static final class ReplayPort implements Port
    {
        @Override
        public PortBackend backend()
        {
            return PortBackend.MEMORY;
        }

        private final UnsafeBuffer frame;
        private final PortCounters counters = new PortCounters();

        ReplayPort(final byte[] frame)
        {
            this.frame = new UnsafeBuffer(frame);
        }

        @Override
        public String name()
        {
            return "core";
        }

        @Override
        public long mac()
        {
            return CORE_MAC;
        }

        @Override
        public int mtu()
        {
            return 1500;
        }

        @Override
        public int receive(final FrameHandler handler, final int limit)
        {
            for (int i = 0; i < limit; i++)
            {
                handler.onFrame(frame, 0, frame.capacity());
            }
            return limit;
        }

        @Override
        public boolean send(final DirectBuffer buffer, final int offset, final int length)
        {
            return true;
        }

        @Override
        public void flush()
        {
        }

        @Override
        public PortCounters counters()
        {
            return counters;
        }

        @Override
        public void close()
        {
        }
    }
}
