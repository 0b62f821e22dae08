package net.srv6epe.perf.suite;

import java.util.Locale;
import java.util.concurrent.Callable;

import net.srv6epe.dataplane.port.MacAddress;
import net.srv6epe.dataplane.port.afpacket.AfPacketPort;
import net.srv6epe.dataplane.port.afpacket.AfPacketSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The traffic generator (a child process in the generator namespace, pinned by the lab): a {@link Scenario}'s
 * frames ({@link FrameBuilder}) round robin over the flows, each stamped with a {@link FrameTrailer} (sequence
 * number, send time), paced or flat out, through a {@link FrameEmitter}: {@code --backend af-packet}
 * ({@link PacketSocketEmitter}, {@code sendmmsg} batches paced by a token bucket) or {@code xdp}
 * ({@link XdpGenerator}, the kernel's live-frames test runs of an XDP program that paces itself). First
 * {@code WARM_UP} frames (the DUT's JIT and caches) until the file {@code --measure-file} exists (the lab creates it
 * once the sink has seen warm-up frames for the warm-up time: a slow-starting DUT gets its full warm-up) or
 * {@code --warm-up-limit-seconds} passed, then {@code --seconds} of measured frames numbered from 0.
 *
 * <p>Back-pressure ({@code af-packet}): the port retries a batch the kernel does not take; frames it still could not
 * send are counted here as {@code backpressure_drops} (they never left, so they are not the DUT's loss: {@code sent}
 * counts what the kernel took). The generator never stops for it.
 *
 * <p>Prints one line {@code RESULT sent=N seconds=S offered_pps=R backpressure_drops=D errors=E frame=B}.
 */
@Command(name = "gen", hidden = true, description = "Perf suite generator role (started by the lab).")
final class GeneratorRole implements Callable<Integer>
{
    @Option(names = "--interface", required = true)
    private String interfaceName;

    @Option(names = "--backend", defaultValue = "af-packet", description = "af-packet or xdp")
    private String backend;

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
        try (FrameEmitter out = emitter(s, length))
        {
            final long startNs = System.nanoTime();
            final long warmUpLimitNs = startNs + (long)(warmUpLimitSeconds * 1e9);
            long endNs = Long.MAX_VALUE;
            long nextCheckNs = startNs;
            boolean warmUp = true;
            out.window(FrameTrailer.WARM_UP);
            long now = startNs;
            long firstMeasuredNs = 0;
            while (now < endNs)
            {
                if (warmUp && now >= nextCheckNs)
                {
                    nextCheckNs = now + 20_000_000L;
                    if (now >= warmUpLimitNs || java.nio.file.Files.exists(measureFile))
                    {
                        endNs = now + (long)(seconds * 1e9);
                        warmUp = false;
                        out.window(FrameTrailer.MEASURE);
                        firstMeasuredNs = now;
                    }
                }
                if (out.run(now) == 0)
                {
                    Thread.onSpinWait();
                }
                now = System.nanoTime();
            }
            final double measured = (now - firstMeasuredNs) / 1e9;
            final long sent = out.sent();
            System.out.println(String.format(Locale.ROOT,
                "RESULT role=gen sent=%d seconds=%.4f offered_pps=%.0f backpressure_drops=%d errors=%d frame=%d",
                sent, measured, sent / measured, out.backpressureDrops(), out.errors(), length));
        }
        return 0;
    }

    private FrameEmitter emitter(final Scenario s, final int length)
    {
        final long gen = MacAddress.parse(Addressing.GEN_MAC);
        final long in = MacAddress.parse(Addressing.IN_MAC);
        switch (backend)
        {
            case "af-packet":
                return new PacketSocketEmitter(AfPacketPort.open("gen", interfaceName, gen, LabTopology.MTU,
                    AfPacketSettings.DEFAULT.withRing(128 * 1024, 2)), FrameBuilder.templates(s, frameSize, flows,
                    in, gen), length, ratePps);
            case "xdp":
                // two templates at least: flow 1 tells the program where the flows' UDP source port is
                return XdpGenerator.open(interfaceName, FrameBuilder.templates(s, frameSize, Math.max(2, flows), in,
                    gen), length, flows, ratePps);
            default:
                throw new IllegalArgumentException("generator backend '" + backend + "': af-packet or xdp");
        }
    }
}
