package net.srv6epe.perf.suite;

import java.util.Locale;
import java.util.concurrent.Callable;

import org.agrona.concurrent.UnsafeBuffer;

import net.srv6epe.dataplane.port.MacAddress;
import net.srv6epe.dataplane.port.PortCounter;
import net.srv6epe.dataplane.port.afpacket.AfPacketPort;
import net.srv6epe.dataplane.port.afpacket.AfPacketSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The traffic generator (a child process in the generator namespace, pinned by the lab): an {@link AfPacketPort}
 * sending a {@link Scenario}'s frames ({@link FrameBuilder}) round robin over the flows, each stamped with a
 * {@link FrameTrailer} (sequence number, send time), in {@code sendmmsg} batches of up to 64, paced by a
 * {@link TokenBucket} or flat out. First {@code WARM_UP} frames (the DUT's JIT and caches) until the file
 * {@code --measure-file} exists (the lab creates it once the sink has seen warm-up frames for the warm-up time: a
 * slow-starting DUT gets its full warm-up) or {@code --warm-up-limit-seconds} passed, then {@code --seconds} of
 * measured frames numbered from 0.
 *
 * <p>Back-pressure: the port retries a batch the kernel does not take ({@code EAGAIN}/{@code ENOBUFS}); frames it
 * still could not send are counted here as {@code backpressure_drops} (they never left, so they are not the DUT's
 * loss: {@code sent} counts what the kernel took). The generator never stops for it.
 *
 * <p>Prints one line {@code RESULT sent=N seconds=S offered_pps=R backpressure_drops=D errors=E frame=B}.
 */
@Command(name = "gen", hidden = true, description = "Perf suite generator role (started by the lab).")
final class GeneratorRole implements Callable<Integer>
{
    private static final int BATCH = 64;

    @Option(names = "--interface", required = true)
    private String interfaceName;

    @Option(names = "--scenario", required = true)
    private String scenario;

    @Option(names = "--frame-size", defaultValue = "64")
    private int frameSize;

    @Option(names = "--flows", defaultValue = "256")
    private int flows;

    @Option(names = "--rate", defaultValue = "0", description = "packets per second, 0 for flat out")
    private long ratePps;

    @Option(names = "--measure-file", required = true)
    private java.nio.file.Path measureFile;

    @Option(names = "--warm-up-limit-seconds", defaultValue = "120")
    private double warmUpLimitSeconds;

    @Option(names = "--seconds", defaultValue = "10")
    private double seconds;

    @Override
    public Integer call()
    {
        final Scenario s = Scenario.byName(scenario);
        final int length = FrameBuilder.wireFrameSize(s, frameSize);
        final UnsafeBuffer[] frames = FrameBuilder.templates(s, frameSize, flows,
            MacAddress.parse(Addressing.IN_MAC), MacAddress.parse(Addressing.GEN_MAC));
        try (AfPacketPort port = AfPacketPort.open("gen", interfaceName, MacAddress.parse(Addressing.GEN_MAC),
            LabTopology.MTU, AfPacketSettings.DEFAULT.withRing(128 * 1024, 2)))
        {
            final long startNs = System.nanoTime();
            final long warmUpLimitNs = startNs + (long)(warmUpLimitSeconds * 1e9);
            long endNs = Long.MAX_VALUE;
            long nextCheckNs = startNs;
            final TokenBucket bucket = new TokenBucket(ratePps, BATCH, startNs);
            long sequence = 0;
            int magic = FrameTrailer.WARM_UP;
            long sent0 = 0;
            long drops0 = 0;
            long errors0 = 0;
            long now = startNs;
            long firstMeasuredNs = 0;
            while (now < endNs)
            {
                if (magic == FrameTrailer.WARM_UP && now >= nextCheckNs)
                {
                    nextCheckNs = now + 20_000_000L;
                    if (now >= warmUpLimitNs || java.nio.file.Files.exists(measureFile))
                    {
                        endNs = now + (long)(seconds * 1e9);
                        nextCheckNs = Long.MAX_VALUE;
                        magic = FrameTrailer.MEASURE;
                        sequence = 0;
                        sent0 = port.counters().get(PortCounter.TX_PACKETS);
                        drops0 = port.counters().get(PortCounter.TX_BACKPRESSURE_DROPS);
                        errors0 = port.counters().get(PortCounter.TX_ERRORS);
                    firstMeasuredNs = now;
                    }
                }
                final int n = bucket.take(now, BATCH);
                if (n == 0)
                {
                    Thread.onSpinWait();
                }
                else
                {
                    for (int i = 0; i < n; i++)
                    {
                        final UnsafeBuffer f = frames[(int)(sequence % flows)];
                        FrameTrailer.write(f, length, magic, sequence, System.nanoTime());
                        port.send(f, 0, length);
                        sequence++;
                    }
                    port.flush();
                }
                now = System.nanoTime();
            }
            final double measured = (now - firstMeasuredNs) / 1e9;
            final long sent = port.counters().get(PortCounter.TX_PACKETS) - sent0;
            final long drops = port.counters().get(PortCounter.TX_BACKPRESSURE_DROPS) - drops0;
            System.out.println(String.format(Locale.ROOT,
                "RESULT role=gen sent=%d seconds=%.4f offered_pps=%.0f backpressure_drops=%d errors=%d frame=%d",
                sent, measured, sent / measured, drops,
                port.counters().get(PortCounter.TX_ERRORS) - errors0 - drops, length));
        }
        return 0;
    }
}
