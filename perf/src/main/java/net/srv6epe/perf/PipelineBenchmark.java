package net.srv6epe.perf;

import net.srv6epe.dataplane.capture.CaptureFilter;
import net.srv6epe.dataplane.capture.CaptureService;
import net.srv6epe.dataplane.capture.CaptureTap;
import net.srv6epe.dataplane.config.FlowStatsSettings;
import net.srv6epe.dataplane.flowstats.FlowTable;
import net.srv6epe.dataplane.neighbor.NeighborAgent;
import net.srv6epe.dataplane.neighbor.NeighborSettings;
import net.srv6epe.dataplane.neighbor.NeighborTable;
import net.srv6epe.dataplane.pipeline.Pipeline;
import net.srv6epe.dataplane.pipeline.PipelineCounters;
import net.srv6epe.dataplane.pipeline.PortInfo;
import net.srv6epe.dataplane.pipeline.PortTable;
import net.srv6epe.srv6.Behavior;
import net.srv6epe.srv6.Ipv6Address;
import net.srv6epe.srv6.behavior.EncapTemplate;
import net.srv6epe.srv6.behavior.IcmpRateLimiter;
import net.srv6epe.vrf.ForwardingState;
import net.srv6epe.vrf.ForwardingStateBuilder;
import net.srv6epe.vrf.ForwardingStatePublisher;
import net.srv6epe.vrf.Vrf;
import net.srv6epe.vrf.pbr.PbrRule;
import net.srv6epe.vrf.prefix.Ipv6Prefix;
import net.srv6epe.vrf.route.RouteAction;
import org.agrona.concurrent.SystemNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The in-memory forwarding pipeline of a content-server encapsulator, one frame per operation: the worker's copy
 * of the received frame into its buffer, Ethernet and IPv6 parsing, local SID miss, PBR (the EPE source address
 * selects the peer VRF), longest-prefix match among {@code routes} IPv6 routes of that VRF, H.Encaps with the
 * route's SID (outer IPv6 + SRH, flow label from the inner 5-tuple hash), the underlay lookup of the SID, the
 * neighbor lookup and the Ethernet rewrite, up to the hand-off to the port.
 *
 * <p>The VRF holds a realistic table of {@code routes} prefixes ({@link LpmBenchmark#generate}), each encapsulated
 * with one of 64 SIDs. {@code hot}: 4096 destinations, the working set of a busy server; {@code spread}: 65536
 * destinations drawn over the whole table, the cache-hostile case. Inner packets are 64 octets (IPv6 + UDP).
 *
 * <p>{@code capture}: {@code off} (the default), or {@code nomatch}: a live capture runs ({@code --port any --sid}
 * a SID no frame carries), so every frame pays the capture's matching but none is copied
 * ({@code -p capture=nomatch}). {@code flowStats}: {@code off} (the default) or {@code on}: every encapsulated
 * packet is also counted in the worker's SRv6 flow table, as the router does by default ({@code -p flowStats=on};
 * the sampler that reads the table is not running, which is what the worker sees between two samples).
 *
 * <pre>
 * java -jar perf/target/benchmarks.jar PipelineBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s -prof gc
 * </pre>
 */
@Fork(value = 1, jvmArgsAppend = { "-Xmx3g", "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED" })
@State(Scope.Benchmark)
public class PipelineBenchmark
{
    private static final int FRAME_LENGTH = 14 + 64;
    private static final long OUR_MAC = 0x0200_0000_0001L;
    private static final long SERVER_MAC = 0x0200_0000_0002L;
    private static final long NEXT_HOP_MAC = 0x0200_0000_0003L;

    @Param("1000000")
    public int routes;

    @Param({ "hot", "spread" })
    public String destinations;

    @Param("off")
    public String capture;

    @Param("off")
    public String flowStats;

    private Pipeline pipeline;
    private UnsafeBuffer work;
    private byte[][] frames;
    private int mask;
    private int next;
    private long sent;

    @Setup(Level.Trial)
    public void setUp()
    {
        final SplittableRandom random = new SplittableRandom(42);
        final List<Ipv6Prefix> table = LpmBenchmark.generate(random, routes);

        final long srcHi = Ipv6Address.parseHi("fd00:100::1");
        final long srcLo = Ipv6Address.parseLo("fd00:100::1");
        final RouteAction[] encaps = new RouteAction[64];
        for (int i = 0; i < encaps.length; i++)
        {
            final long[] sid = { Ipv6Address.parseHi("fc00:a::"), Ipv6Address.parseLo("fc00:a::") + 0x100 + i };
            encaps[i] = RouteAction.encap(EncapTemplate.create(Behavior.H_ENCAPS, srcHi, srcLo, sid), Vrf.DEFAULT_NAME);
        }
        final ForwardingStateBuilder b = ForwardingStateBuilder.from(ForwardingState.initial());
        b.addVrf("epe-a", 101);
        for (int i = 0; i < table.size(); i++)
        {
            b.addRoute("epe-a", table.get(i), encaps[i & 63]);
        }
        b.addRoute(Vrf.DEFAULT_NAME, Ipv6Prefix.parse("fd00:20::/64"), RouteAction.connected("core"));
        b.addRoute(Vrf.DEFAULT_NAME, Ipv6Prefix.parse("fc00:a::/48"), RouteAction.via(
            Ipv6Address.parseHi("fd00:20::2"), Ipv6Address.parseLo("fd00:20::2"), "core"));
        b.addPbrRule(PbrRule.ipv6(10, Ipv6Prefix.parse("fd00:10::a/128"), null, "epe-a"));
        final ForwardingStatePublisher publisher = new ForwardingStatePublisher();
        publisher.publish(b.build());

        final NeighborTable neighbors = new NeighborTable();
        final NeighborAgent agent = new NeighborAgent(SystemNanoClock.INSTANCE, neighbors, NeighborSettings.defaults(), 2);
        agent.configurePort(0, SERVER_MAC);
        agent.configurePort(1, OUR_MAC);
        agent.addStatic(1, Ipv6Address.parseHi("fd00:20::2"), Ipv6Address.parseLo("fd00:20::2"), NEXT_HOP_MAC);
        final PortTable ports = new PortTable(List.of(
            new PortInfo(0, "server", OUR_MAC, 1500, Vrf.DEFAULT_NAME, false, 0, 0, false, 0),
            new PortInfo(1, "core", OUR_MAC, 1500, Vrf.DEFAULT_NAME, false, 0, 0, false, 0)));
        pipeline = new Pipeline(publisher, ports, neighbors, agent.proxy(), new PipelineCounters(),
            new IcmpRateLimiter(SystemNanoClock.INSTANCE, 100, 10, true),
            (port, buffer, offset, length) ->
            {
                sent += length;
                return true;
            }, flowTable());

        final int count = "hot".equals(destinations) ? 4096 : 65536;
        frames = new byte[count][];
        for (int i = 0; i < count; i++)
        {
            final Ipv6Prefix p = table.get(random.nextInt(table.size()));
            final long hi = p.hi() | (random.nextLong() & ~Ipv6Prefix.maskHi(p.length()));
            final long lo = p.lo() | (random.nextLong() & ~Ipv6Prefix.maskLo(p.length()));
            frames[i] = frame(hi, lo, 40000 + (i & 0x3FFF));
        }
        mask = count - 1;
        work = new UnsafeBuffer(ByteBuffer.allocateDirect(Pipeline.HEADROOM + 2048));
        if ("nomatch".equals(capture))
        {
            // the tap straight on the switch: a CaptureService would stop a capture nobody reads after 5 s
            pipeline.captureSwitch().activate(new CaptureTap(CaptureFilter.parse("any", "fc00:ffff::1", "all", null,
                null, List.of("server", "core")), CaptureService.RING_BYTES, SystemNanoClock.INSTANCE, 0));
            pipeline.beginBatch();
        }
        else if (!"off".equals(capture))
        {
            throw new IllegalArgumentException("capture must be off or nomatch, not " + capture);
        }

        // Refuse to measure anything but the encapsulation path: one frame must come out 64 octets longer.
        encapsulate();
        if (sent != FRAME_LENGTH + 40 + 24)
        {
            throw new IllegalStateException("the pipeline did not encapsulate the probe frame (sent " + sent + ")");
        }
    }

    /** The worker's flow table ({@code -p flowStats=on}: the router's default of 65,536 flows), or null. */
    private FlowTable flowTable()
    {
        switch (flowStats)
        {
            case "off":
                return null;
            case "on":
                return new FlowTable(FlowStatsSettings.DEFAULT.maxFlows());
            default:
                throw new IllegalArgumentException("flowStats must be on or off, not " + flowStats);
        }
    }

    /** Ethernet + IPv6(fd00:10::a -> dst) + UDP(sport -> 443), 64 octets of IPv6 packet. */
    private static byte[] frame(final long dstHi, final long dstLo, final int sport)
    {
        final UnsafeBuffer f = new UnsafeBuffer(new byte[FRAME_LENGTH]);
        putMac(f, 0, OUR_MAC);
        putMac(f, 6, SERVER_MAC);
        f.putShort(12, (short)0x86DD, java.nio.ByteOrder.BIG_ENDIAN);
        f.putInt(14, 0x6000_0000, java.nio.ByteOrder.BIG_ENDIAN);
        f.putShort(18, (short)24, java.nio.ByteOrder.BIG_ENDIAN);
        f.putByte(20, (byte)17);
        f.putByte(21, (byte)64);
        f.putLong(22, Ipv6Address.parseHi("fd00:10::a"), java.nio.ByteOrder.BIG_ENDIAN);
        f.putLong(30, Ipv6Address.parseLo("fd00:10::a"), java.nio.ByteOrder.BIG_ENDIAN);
        f.putLong(38, dstHi, java.nio.ByteOrder.BIG_ENDIAN);
        f.putLong(46, dstLo, java.nio.ByteOrder.BIG_ENDIAN);
        f.putShort(54, (short)sport, java.nio.ByteOrder.BIG_ENDIAN);
        f.putShort(56, (short)443, java.nio.ByteOrder.BIG_ENDIAN);
        f.putShort(58, (short)24, java.nio.ByteOrder.BIG_ENDIAN);
        return f.byteArray();
    }

    private static void putMac(final UnsafeBuffer f, final int offset, final long mac)
    {
        for (int i = 0; i < 6; i++)
        {
            f.putByte(offset + i, (byte)(mac >>> (40 - 8 * i)));
        }
    }

    /** One frame through the pipeline: copy in, parse, PBR, LPM, H.Encaps, underlay, L2 rewrite, hand-off. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public long encapsulate()
    {
        final byte[] frame = frames[next++ & mask];
        work.putBytes(Pipeline.HEADROOM, frame);
        pipeline.process(0, work, Pipeline.HEADROOM, frame.length);
        return sent;
    }
}
