package net.srv6epe.dataplane.worker;

import net.srv6epe.dataplane.neighbor.NeighborProxy;
import net.srv6epe.dataplane.pipeline.Pipeline;
import net.srv6epe.dataplane.pipeline.PipelineCounters;
import net.srv6epe.dataplane.port.FrameHandler;
import net.srv6epe.dataplane.port.Port;
import net.srv6epe.srv6.DropReason;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteBuffer;

/**
 * One forwarding worker: for each of its ports, a batch of RX, each frame run to completion through the
 * {@link Pipeline}, then the frames the neighbor agent queued for the port, then a flush. Returns the work done
 * so the idle strategy backs off when there is none.
 *
 * <p>Each received frame is copied once into the worker's own buffer, {@link Pipeline#HEADROOM} bytes in, so that
 * encapsulation can grow it in place (a pcap frame is read-only and has no headroom).
 */
public final class Worker implements Agent
{
    /** Frames taken from one port per duty cycle. */
    public static final int BATCH = 64;
    /** Largest frame a worker accepts (jumbo frames of 9216 bytes and more fit). */
    public static final int MAX_FRAME = 16 * 1024;

    private final String name;
    private final Port[] ports;
    private final Pipeline pipeline;
    private final NeighborProxy neighborProxy;
    private final PipelineCounters counters;
    private final UnsafeBuffer frame = new UnsafeBuffer(ByteBuffer.allocateDirect(Pipeline.HEADROOM + 2 * MAX_FRAME));
    private final FrameHandler[] handlers;
    /** Per port: sends a frame the neighbor agent queued, and shows it to a running capture. */
    private final FrameHandler[] queuedOutput;

    public Worker(
        final String name,
        final Port[] ports,
        final Pipeline pipeline,
        final NeighborProxy neighborProxy,
        final PipelineCounters counters)
    {
        this.name = name;
        this.ports = ports.clone();
        this.pipeline = pipeline;
        this.neighborProxy = neighborProxy;
        this.counters = counters;
        this.handlers = new FrameHandler[ports.length];
        this.queuedOutput = new FrameHandler[ports.length];
        for (int i = 0; i < ports.length; i++)
        {
            final int portIndex = i;
            handlers[i] = (buffer, offset, length) -> onFrame(portIndex, buffer, offset, length);
            queuedOutput[i] = (buffer, offset, length) -> sendQueued(portIndex, buffer, offset, length);
        }
    }

    @Override
    public int doWork()
    {
        pipeline.beginBatch();
        int work = 0;
        for (int i = 0; i < ports.length; i++)
        {
            work += ports[i].receive(handlers[i], BATCH);
        }
        for (int i = 0; i < ports.length; i++)
        {
            work += neighborProxy.drainOutput(i, queuedOutput[i], BATCH);
            ports[i].flush();
        }
        return work;
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
