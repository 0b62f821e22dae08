package net.srv6epe.perf.suite;

import org.agrona.concurrent.UnsafeBuffer;

import net.srv6epe.dataplane.port.PortCounter;
import net.srv6epe.dataplane.port.afpacket.AfPacketPort;

/**
 * The {@code af-packet} generator: an {@link AfPacketPort} sending each frame from its flow's template, stamped just
 * before, in one {@code sendmmsg} batch of up to {@value #BATCH} per {@link #run}, paced by a {@link TokenBucket}.
 * The port retries a batch the kernel does not take ({@code EAGAIN}/{@code ENOBUFS}, e.g. a veth whose peer's
 * backlog is full); what it still could not send is a back-pressure drop.
 */
final class PacketSocketEmitter implements FrameEmitter
{
    private static final int BATCH = 64;

    private final AfPacketPort port;
    private final TokenBucket bucket;
    private final UnsafeBuffer[] frames;
    private final int length;
    private int magic;
    private long sequence;
    private long sent0;
    private long drops0;
    private long errors0;

    /** {@code ratePps} 0: flat out. */
    PacketSocketEmitter(final AfPacketPort port, final UnsafeBuffer[] frames, final int length, final long ratePps)
    {
        this.port = port;
        this.bucket = new TokenBucket(ratePps, BATCH, System.nanoTime());
        this.frames = frames;
        this.length = length;
    }

    @Override
    public void window(final int magic)
    {
        this.magic = magic;
        sequence = 0;
        sent0 = port.counters().get(PortCounter.TX_PACKETS);
        drops0 = port.counters().get(PortCounter.TX_BACKPRESSURE_DROPS);
        errors0 = port.counters().get(PortCounter.TX_ERRORS);
    }

    @Override
    public int run(final long nowNs)
    {
        final int n = bucket.take(nowNs, BATCH);
        if (n == 0)
        {
            return 0;
        }
        for (int i = 0; i < n; i++)
        {
            final UnsafeBuffer f = frames[(int)(sequence % frames.length)];
            FrameTrailer.write(f, length, magic, sequence, System.nanoTime());
            port.send(f, 0, length);
            sequence++;
        }
        port.flush();
        return n;
    }

    @Override
    public long sent()
    {
        return port.counters().get(PortCounter.TX_PACKETS) - sent0;
    }

    @Override
    public long backpressureDrops()
    {
        return port.counters().get(PortCounter.TX_BACKPRESSURE_DROPS) - drops0;
    }

    /** Transmit errors other than back-pressure drops (the port counts those among its errors too). */
    @Override
    public long errors()
    {
        return port.counters().get(PortCounter.TX_ERRORS) - errors0 - backpressureDrops();
    }

    @Override
    public void close()
    {
        port.close();
    }
}
