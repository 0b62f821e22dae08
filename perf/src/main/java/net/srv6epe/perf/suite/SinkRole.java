package net.srv6epe.perf.suite;

import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

import net.srv6epe.dataplane.port.FrameHandler;
import net.srv6epe.dataplane.port.MacAddress;
import net.srv6epe.dataplane.port.Port;
import net.srv6epe.dataplane.port.PortCounter;
import net.srv6epe.dataplane.port.PortFactory;
import net.srv6epe.dataplane.port.afpacket.AfPacketPort;
import net.srv6epe.dataplane.port.afpacket.AfPacketSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The sink (a child process in the sink namespace, pinned by the lab): reads every frame on its interface, and
 * accounts those carrying a measured {@link FrameTrailer} in a {@link SequenceTracker} (count, reordering, latency).
 * Prints {@code READY} once its port is open and {@code WARM_UP_SEEN} at the first warm-up frame; stops once the
 * {@code --done-file} exists (the lab writes it when the generator has finished) and {@code --idle-ms} (default
 * 2 s: a DUT that stalled still drains its queue) passed without a measured frame, or at {@code --max-seconds};
 * then prints {@code RESULT received=N reordered=R p50_ns=.. p99_ns=.. max_ns=.. warm_up=W other=O ring_dropped=D}.
 *
 * <p>Backends: {@code af-packet} (TPACKET_V3 ring; waits in {@code poll(2)} so that it leaves the CPU it shares with
 * the generator; a frame's arrival time is the kernel's receive stamp in the ring, taken when the frame reached
 * the sink's socket, brought onto the generator's monotonic clock by {@link ClockOffset}: neither the ring's 1 ms
 * block timeout nor the sink's scheduling is counted as the DUT's latency) or {@code pcap} (libpcap immediate mode;
 * the arrival time is when the sink reads the frame; it naps 10 µs when idle, and costs more CPU per frame).
 */
@Command(name = "sink", hidden = true, description = "Perf suite sink role (started by the lab).")
final class SinkRole implements Callable<Integer>
{
    @Option(names = "--interface", required = true)
    private String interfaceName;

    @Option(names = "--backend", defaultValue = "af-packet")
    private String backend;

    @Option(names = "--flows", defaultValue = "256")
    private int flows;

    @Option(names = "--max-seconds", defaultValue = "30")
    private double maxSeconds;

    @Option(names = "--idle-ms", defaultValue = "2000")
    private long idleMs;

    @Option(names = "--done-file", required = true)
    private java.nio.file.Path doneFile;

    @Override
    public Integer call() throws Exception
    {
        final SequenceTracker tracker = new SequenceTracker(flows);
        final long[] counts = new long[3]; // warm-up, other, last measured frame ns
        final boolean ring = "af-packet".equals(backend);
        final AfPacketPort[] ringPort = new AfPacketPort[1];
        final long[] realtimeMinusMonotonic = new long[1];
        final FrameHandler handler = (buffer, offset, length) ->
        {
            final int magic = FrameTrailer.magic(buffer, offset, length);
            if (magic == FrameTrailer.MEASURE)
            {
                // on a ring: when the frame reached the sink's socket (the kernel's stamp, on the generator's
                // monotonic clock), so the sink's own scheduling and the ring's block timeout are not latency
                final long now = ring ? ringPort[0].rxTimestampNs() - realtimeMinusMonotonic[0] : System.nanoTime();
                tracker.record(FrameTrailer.sequence(buffer, offset, length),
                    FrameTrailer.sendNs(buffer, offset, length), now);
                counts[2] = System.nanoTime();
            }
            else if (magic == FrameTrailer.WARM_UP)
            {
                if (counts[0]++ == 0)
                {
                    System.out.println("WARM_UP_SEEN");
                    System.out.flush();
                }
            }
            else
            {
                counts[1]++;
            }
        };
        final long mac = MacAddress.parse(Addressing.SINK_MAC);
        try (Port port = ring ?
            AfPacketPort.open("sink", interfaceName, mac, LabTopology.MTU,
                AfPacketSettings.DEFAULT.withRing(1024 * 1024, 32).withPollTimeout(5)) :
            PortFactory.open("sink", backend, interfaceName, null, null, mac, LabTopology.MTU))
        {
            ringPort[0] = ring ? (AfPacketPort)port : null;
            realtimeMinusMonotonic[0] = ClockOffset.realtimeMinusMonotonicNs();
            System.out.println("READY");
            System.out.flush();
            final long deadline = System.nanoTime() + (long)(maxSeconds * 1e9);
            final long idleNs = idleMs * 1_000_000L;
            long doneSinceNs = 0;
            long nextCheckNs = 0;
            while (true)
            {
                final int n = port.receive(handler, 256);
                final long now = System.nanoTime();
                if (now > deadline)
                {
                    break;
                }
                if (now >= nextCheckNs)
                {
                    nextCheckNs = now + 50_000_000L;
                    realtimeMinusMonotonic[0] = ClockOffset.realtimeMinusMonotonicNs(); // follows NTP slewing
                    if (doneSinceNs == 0 && java.nio.file.Files.exists(doneFile))
                    {
                        doneSinceNs = now;
                    }
                }
                if (doneSinceNs != 0 && now - Math.max(doneSinceNs, counts[2]) > idleNs)
                {
                    break;
                }
                if (n == 0 && !ring)
                {
                    LockSupport.parkNanos(10_000);
                }
            }
            if (port instanceof AfPacketPort)
            {
                ((AfPacketPort)port).refreshStatistics();
            }
            System.out.println(String.format(Locale.ROOT,
                "RESULT role=sink received=%d reordered=%d p50_ns=%d p99_ns=%d max_ns=%d warm_up=%d other=%d " +
                "ring_dropped=%d clamped=%d",
                tracker.received(), tracker.reordered(), tracker.latencyNsAt(50), tracker.latencyNsAt(99),
                tracker.maxLatencyNs(), counts[0], counts[1], port.counters().get(PortCounter.RX_DROPPED),
                tracker.clampedLatencies()));
        }
        return 0;
    }
}
