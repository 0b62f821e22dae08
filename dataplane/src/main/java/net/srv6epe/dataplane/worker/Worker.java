package net.srv6epe.dataplane.worker;

import net.srv6epe.dataplane.neighbor.NeighborProxy;
import net.srv6epe.dataplane.pipeline.Pipeline;
import net.srv6epe.dataplane.pipeline.PipelineCounters;
import net.srv6epe.dataplane.port.FrameHandler;
import net.srv6epe.dataplane.port.Port;
import net.srv6epe.srv6.DropReason;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.UnsafeBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;

/**
 * One forwarding worker: for each of its ports, a batch of RX, each frame run to completion through the
 * {@link Pipeline}, then the pipeline's time-driven work (a bond tail end's released packets and feedback), then (on
 * the worker that sends for the neighbor agent) the frames the neighbor agent queued for the port, then a flush. Returns the work done so the idle strategy backs off when there is none.
 *
 * <p>Each received frame is copied once into the worker's own buffer, {@link Pipeline#HEADROOM} bytes in, so that
 * encapsulation can grow it in place (a pcap frame is read-only and has no headroom).
 *
 * <p>With several workers ({@code router.workers}) each owns its own {@link Port} per configured port (an
 * {@code AF_PACKET} socket in the interface's fanout group), its own {@link Pipeline}, counters and flow table;
 * they share the forwarding snapshot, the neighbor table and the one {@link NeighborProxy} (multi-producer).
 * Exactly one of them sends what the neighbor agent queued ({@code sendsNeighborOutput}): the agent's output
 * queues are per port, not per worker, and one drainer keeps the agent's frames for a next hop in order.
 * Each worker counts its own loop ({@link WorkerCounters}).
 */
public final class Worker implements Agent
{
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    /** Frames taken from one port per duty cycle. */
    public static final int BATCH = 64;
    /** Largest frame a worker accepts (jumbo frames of 9216 bytes and more fit). */
    public static final int MAX_FRAME = 16 * 1024;

    private final String name;
    private final Port[] ports;
    private final Pipeline pipeline;
    private final NeighborProxy neighborProxy;
    private final PipelineCounters counters;
    private final WorkerCounters loop;
    private final boolean sendsNeighborOutput;
    private final UnsafeBuffer frame = new UnsafeBuffer(ByteBuffer.allocateDirect(Pipeline.HEADROOM + 2 * MAX_FRAME));
    private final FrameHandler[] handlers;
    /** Per port: sends a frame the neighbor agent queued, and shows it to a running capture. */
    private final FrameHandler[] queuedOutput;
    /** The CPU this worker pins its thread to when it starts, or -1. */
    private int cpu = -1;
    /** The CPU the thread is pinned to, or -1 (not asked, or it failed). */
    private volatile int pinnedCpu = -1;

    /**
     * The one worker of a router: it also sends what the neighbor agent queued.
     *
     * @see #Worker(String, Port[], Pipeline, NeighborProxy, PipelineCounters, WorkerCounters, boolean)
     */
    public Worker(
        final String name,
        final Port[] ports,
        final Pipeline pipeline,
        final NeighborProxy neighborProxy,
        final PipelineCounters counters)
    {
        this(name, ports, pipeline, neighborProxy, counters, new WorkerCounters(), true);
    }

    /**
     * @param name                the agent's (and its thread's) name, e.g. {@code srv6-epe-worker-1}
     * @param ports               this worker's ports, indexed as configured; used by this worker's thread only
     * @param pipeline            this worker's pipeline (it sends on {@code ports})
     * @param neighborProxy       the neighbor agent's proxy, shared by every worker
     * @param counters            the counters {@code pipeline} writes (frames too large to take are counted here)
     * @param loop                this worker's loop counters
     * @param sendsNeighborOutput whether this worker sends the frames the neighbor agent queued: exactly one worker
     *                            of a router does
     */
    public Worker(
        final String name,
        final Port[] ports,
        final Pipeline pipeline,
        final NeighborProxy neighborProxy,
        final PipelineCounters counters,
        final WorkerCounters loop,
        final boolean sendsNeighborOutput)
    {
        this.name = name;
        this.ports = ports.clone();
        this.pipeline = pipeline;
        this.neighborProxy = neighborProxy;
        this.counters = counters;
        this.loop = loop;
        this.sendsNeighborOutput = sendsNeighborOutput;
        this.handlers = new FrameHandler[ports.length];
        this.queuedOutput = new FrameHandler[ports.length];
        for (int i = 0; i < ports.length; i++)
        {
            final int portIndex = i;
            handlers[i] = ports[i].writableHeadroom() >= Pipeline.HEADROOM ?
                (buffer, offset, length) -> onFrameInPlace(portIndex, buffer, offset, length) :
                (buffer, offset, length) -> onFrame(portIndex, buffer, offset, length);
            queuedOutput[i] = (buffer, offset, length) -> sendQueued(portIndex, buffer, offset, length);
        }
    }

    /** Pins this worker's thread to {@code cpu} when it starts ({@code router.worker-cpus}); call before start. */
    public Worker pinTo(final int cpu)
    {
        this.cpu = cpu;
        return this;
    }

    /** The CPU the worker's thread is pinned to, or -1. */
    public int pinnedCpu()
    {
        return pinnedCpu;
    }

    @Override
    public void onStart()
    {
        if (cpu >= 0)
        {
            final String failure = CpuAffinity.pin(cpu);
            if (failure == null)
            {
                pinnedCpu = cpu;
            }
            else
            {
                LOG.error("{}: not pinned: {} (router.worker-cpus)", name, failure);
            }
        }
    }

    @Override
    public int doWork()
    {
        pipeline.beginBatch();
        int work = 0;
        for (int i = 0; i < ports.length; i++)
        {
            final int received = ports[i].receive(handlers[i], BATCH);
            if (received > 0)
            {
                loop.add(WorkerCounter.RX_FRAMES, received);
                loop.add(WorkerCounter.RX_BATCHES, 1);
                if (received >= BATCH)
                {
                    loop.add(WorkerCounter.RX_FULL_BATCHES, 1);
                }
                work += received;
            }
        }
        work += pipeline.poll();
        for (int i = 0; i < ports.length; i++)
        {
            if (sendsNeighborOutput)
            {
                final int sent = neighborProxy.drainOutput(i, queuedOutput[i], BATCH);
                if (sent > 0)
                {
                    loop.add(WorkerCounter.NEIGHBOR_FRAMES_SENT, sent);
                    work += sent;
                }
            }
            ports[i].flush();
        }
        loop.add(work > 0 ? WorkerCounter.BUSY_LOOPS : WorkerCounter.IDLE_LOOPS, 1);
        return work;
    }

    /** This worker's loop counters. */
    public WorkerCounters loopCounters()
    {
        return loop;
    }

    /** Whether this worker sends the frames the neighbor agent queued. */
    public boolean sendsNeighborOutput()
    {
        return sendsNeighborOutput;
    }

    private void onFrame(final int portIndex, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length > MAX_FRAME)
        {
            counters.drop(DropReason.FRAME_TOO_LARGE);
            return;
        }
        frame.putBytes(Pipeline.HEADROOM, buffer, offset, length);
        pipeline.process(portIndex, frame, Pipeline.HEADROOM, length);
    }

    /** A frame in a buffer the port lends for writing, with room before it ({@link Port#writableHeadroom}). */
    private void onFrameInPlace(final int portIndex, final DirectBuffer buffer, final int offset, final int length)
    {
        if (length > MAX_FRAME)
        {
            counters.drop(DropReason.FRAME_TOO_LARGE);
            return;
        }
        pipeline.process(portIndex, (MutableDirectBuffer)buffer, offset, length);
    }

    private void sendQueued(final int portIndex, final DirectBuffer buffer, final int offset, final int length)
    {
        if (ports[portIndex].send(buffer, offset, length))
        {
            pipeline.sentByNeighborAgent(portIndex, buffer, offset, length);
        }
    }

    @Override
    public String roleName()
    {
        return name;
    }
}
