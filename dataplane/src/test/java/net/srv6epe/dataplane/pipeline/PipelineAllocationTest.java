package net.srv6epe.dataplane.pipeline;

import com.sun.management.ThreadMXBean;
import net.srv6epe.dataplane.capture.CaptureFilter;
import net.srv6epe.dataplane.capture.CaptureService;
import net.srv6epe.srv6.algebra.Packets;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static net.srv6epe.dataplane.pipeline.PipelineFixture.CORE;
import static net.srv6epe.dataplane.pipeline.PipelineFixture.CORE_MAC;
import static net.srv6epe.dataplane.pipeline.PipelineFixture.CORE_PEER_MAC;
import static net.srv6epe.dataplane.pipeline.PipelineFixture.EDGE;
import static net.srv6epe.dataplane.pipeline.PipelineFixture.EDGE_MAC;
import static net.srv6epe.dataplane.pipeline.PipelineFixture.EDGE_PEER_MAC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The steady state of the pipeline allocates nothing: a million frames of every kind the fast path handles
 * (decapsulation, PBR + H.Encaps / H.Encaps.Red, End / End.X, plain forwarding, echo, drops with and without an
 * ICMP error) run on this thread while the JVM counts the bytes the thread allocates; then again with a live
 * capture of every frame at every point, drained by another thread as the control plane does.
 */
class PipelineAllocationTest
{
    private static final String[][] FRAMES = {
        { "core", "IPv6(SRC,S1)/IPv6(H,C)/UDP(1000,2000)" },
        { "core", "IPv6(SRC,S4)/IPv4(h4,c4)/UDP(1,2)" },
        { "edge", "IPv6(EPE,C)/TCP(40000,80)" },
        { "edge", "IPv4(h4,c4)/UDP(5,6)" },
        { "core", "IPv6(SRC,S2;hl=10)/SRH(S3,S2;SL=1)/IPv6(H,C)/UDP(1,2)" },
        { "core", "IPv6(SRC,S2;hl=10)/SRH(C,S5,S2;SL=2)/UDP(1,2)" },
        { "edge", "IPv6(H,C)/TCP(40000,80)" },
        { "core", "IPv6(N,R)/ICMPv6Echo(7,1)" },
        { "edge", "IPv6(C,H;hl=1)/UDP(1,2)" },
        { "core", "IPv6(N,S1)/SRH(S3,S1;SL=1)/IPv6(H,C)/UDP(1,2)" },
        { "core", "IPv6(N,fd00:dead::1)/UDP(1,2)" },
        { "core", "IPv6(N,fc00:a::99)/IPv6(H,C)/UDP(1,2)" },
    };
    private static final int PACKETS = 1_000_000;

    @Test
    void aMillionFramesOfEveryKindAllocateNothing()
    {
        final PipelineFixture fx = new PipelineFixture(false);
        final long sent = measure(fx);
        assertTrue(sent > PACKETS / 2, "most frames must have been forwarded");
    }

    @Test
    void withACaptureOfEveryFrameDrainedByAnotherThreadTheWorkerStillAllocatesNothing() throws Exception
    {
        final PipelineFixture fx = new PipelineFixture(false);
        final CaptureService capture = new CaptureService(List.of("core", "edge"), fx.pipeline.captureSwitch(),
            SystemNanoClock.INSTANCE, SystemEpochNanoClock.INSTANCE);
        final long id = capture.start(CaptureFilter.parse("any", null, "all", null, null, capture.portNames()));
        final AtomicBoolean done = new AtomicBoolean();
        final AtomicLong drained = new AtomicLong();
        final Thread reader = new Thread(() ->
        {
            while (!done.get())
            {
                drained.addAndGet(capture.read(id).frames().size());
            }
        }, "capture-reader");
        reader.start();
        try
        {
            measure(fx);
        }
        finally
        {
            done.set(true);
            reader.join();
            capture.stop(id);
        }
        assertTrue(fx.counters.total(PipelineCounters.CAPTURE_FRAMES) > 0, "the capture copied frames");
        assertTrue(drained.get() > 0, "the reader drained frames");
    }

    /**
     * Runs rounds of a million frames until one allocates nothing on this thread (at most 5 after a warm-up
     * round), and fails with every round's bytes otherwise.
     *
     * @return frames sent in the measured rounds
     */
    private static long measure(final PipelineFixture fx)
    {
        final byte[][] frames = new byte[FRAMES.length][];
        final int[] ports = new int[FRAMES.length];
        for (int i = 0; i < FRAMES.length; i++)
        {
            final boolean core = "core".equals(FRAMES[i][0]);
            ports[i] = core ? CORE : EDGE;
            frames[i] = frame(fx, core ? CORE_PEER_MAC : EDGE_PEER_MAC, core ? CORE_MAC : EDGE_MAC, FRAMES[i][1]);
        }
        final UnsafeBuffer work = new UnsafeBuffer(ByteBuffer.allocateDirect(Pipeline.HEADROOM + 2048));
        final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();

        run(fx, frames, ports, work, PACKETS); // warm up: class loading, JIT compilation
        final long sentBefore = fx.sentCount;
        // The JIT may still recompile during the first measured rounds, and a deoptimisation re-materialises
        // objects it had scalar-replaced (a few hundred bytes once); the steady state is a round of a million
        // frames in which nothing is allocated, and it must come within a few rounds.
        final StringBuilder rounds = new StringBuilder();
        long allocated = -1;
        for (int round = 0; round < 5 && allocated != 0; round++)
        {
            final long before = threads.getThreadAllocatedBytes(thread);
            run(fx, frames, ports, work, PACKETS);
            allocated = threads.getThreadAllocatedBytes(thread) - before;
            rounds.append(rounds.length() == 0 ? "" : ", ").append(allocated);
        }

        assertEquals(0, allocated, "bytes allocated per round of " + PACKETS + " frames: " + rounds);
        return fx.sentCount - sentBefore;
    }

    private static void run(
        final PipelineFixture fx, final byte[][] frames, final int[] ports, final UnsafeBuffer work, final int count)
    {
        for (int i = 0; i < count; i++)
        {
            if ((i & 63) == 0)
            {
                fx.pipeline.beginBatch();
            }
            final int k = i % frames.length;
            work.putBytes(Pipeline.HEADROOM, frames[k]);
            fx.pipeline.process(ports[k], work, Pipeline.HEADROOM, frames[k].length);
        }
    }

    private static byte[] frame(final PipelineFixture fx, final long src, final long dst, final String algebra)
    {
        final byte[] l3 = Packets.build(algebra, 20, fx.book);
        final UnsafeBuffer f = new UnsafeBuffer(new byte[14 + l3.length]);
        for (int i = 0; i < 6; i++)
        {
            f.putByte(i, (byte)(dst >>> (40 - 8 * i)));
            f.putByte(6 + i, (byte)(src >>> (40 - 8 * i)));
        }
        f.putShort(12, (short)(algebra.startsWith("IPv4") ? 0x0800 : 0x86DD), java.nio.ByteOrder.BIG_ENDIAN);
        f.putBytes(14, l3);
        return f.byteArray();
    }
}
