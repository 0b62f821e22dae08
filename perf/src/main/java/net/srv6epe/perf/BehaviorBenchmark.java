package net.srv6epe.perf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import net.srv6epe.dataplane.bond.Bond;
import net.srv6epe.dataplane.bond.BondFeedbackQueue;
import net.srv6epe.dataplane.bond.BondReceiver;
import net.srv6epe.dataplane.bond.BondSenders;
import net.srv6epe.dataplane.bond.BondTable;
import net.srv6epe.dataplane.bond.BondTailEnd;
import net.srv6epe.dataplane.neighbor.NeighborAgent;
import net.srv6epe.dataplane.neighbor.NeighborSettings;
import net.srv6epe.dataplane.neighbor.NeighborTable;
import net.srv6epe.dataplane.pipeline.Pipeline;
import net.srv6epe.dataplane.pipeline.PipelineCounters;
import net.srv6epe.dataplane.pipeline.PortInfo;
import net.srv6epe.dataplane.pipeline.PortTable;
import net.srv6epe.srv6.Behavior;
import net.srv6epe.srv6.Ipv4Address;
import net.srv6epe.srv6.Ipv6Address;
import net.srv6epe.srv6.behavior.EncapTemplate;
import net.srv6epe.srv6.behavior.IcmpRateLimiter;
import net.srv6epe.srv6.bond.BondEstimator;
import net.srv6epe.vrf.ForwardingState;
import net.srv6epe.vrf.ForwardingStateBuilder;
import net.srv6epe.vrf.ForwardingStatePublisher;
import net.srv6epe.vrf.Vrf;
import net.srv6epe.vrf.pbr.PbrRule;
import net.srv6epe.vrf.prefix.Ipv4Prefix;
import net.srv6epe.vrf.prefix.Ipv6Prefix;
import net.srv6epe.vrf.route.RouteAction;
import net.srv6epe.vrf.sid.LocalSid;
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

/**
 * One SRv6 behavior of the in-memory pipeline per run, one frame per operation, from the copy of the received frame
 * into the worker's buffer to the hand-off to the port (parse, local SID table, behavior, FIB lookups, neighbor,
 * Ethernet rewrite). Each thread has its own pipeline over one shared forwarding snapshot, as each worker does, so
 * {@code -t 2} against {@code -t 1} shows how the fast path scales over cores.
 *
 * <p>{@code behavior}: {@code ipv6-forward} (plain IPv6 routing), {@code h-encaps} / {@code h-encaps-red} (PBR by
 * source into a VRF, encapsulation with one SID; the reduced form has no SRH), {@code h-encaps-v4} (IPv4 inner),
 * {@code end} / {@code end-x} (an SRH with two segments, SL 1 -> 0, then routed / to the End.X adjacency),
 * {@code end-dt6} / {@code end-dt46} (decapsulation into a VRF and its lookup). {@code size}: octets of the inner IP
 * packet. 64 flows (source ports) per run. Every run first checks that its frame really takes that behavior (the
 * length that comes out) and refuses to measure otherwise.
 *
 * <pre>
 * java -jar perf/target/benchmarks.jar BehaviorBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s -t 1 -prof gc
 * java -jar perf/target/benchmarks.jar BehaviorBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s -t 2 -p behavior=h-encaps,end-dt6
 * </pre>
 */
@Fork(value = 1, jvmArgsAppend = { "-Xmx1g", "--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED" })
@State(Scope.Thread)
public class BehaviorBenchmark
{
    private static final long OUR_MAC = 0x0200_0000_0001L;
    private static final long SERVER_MAC = 0x0200_0000_0002L;
    private static final long NEXT_HOP_MAC = 0x0200_0000_0003L;
    private static final int FLOWS = 64;

    private static final String SRC = "fd00:10::10";
    private static final String SRC_A = "fd00:10::a";
    private static final String SRC_B = "fd00:10::b";
    private static final String SRC4 = "198.18.10.4";
    private static final String DST = "fd00:c0::c";
    private static final String DST4 = "198.18.192.12";
    private static final String SID_END = "fc00:a::e";
    private static final String SID_END_X = "fc00:a::e1";
    private static final String SID_DT6 = "fc00:a::d6";
    private static final String SID_DT46 = "fc00:a::46";
    private static final String NEXT_SEGMENT = "fc00:b::1";
    private static final String NEXT_HOP = "fd00:20::2";
    private static final String SRC_BOND = "fd00:10::bd";
    private static final String SID_BOND_TAIL = "fc00:a::bd";
    /** Where the bond TLV's stream sequence sits in a frame for the bond tail (Ethernet, IPv6, SRH of one SID). */
    private static final int TAIL_SEQUENCE_OFFSET = 14 + 40 + 8 + 16 + 8;

    @Param({ "ipv6-forward", "h-encaps", "h-encaps-red", "h-encaps-v4", "end", "end-x", "end-dt6", "end-dt46",
        "bond-head", "bond-tail" })
    public String behavior;

    @Param({ "64", "1500" })
    public int size;

    private Pipeline pipeline;
    private UnsafeBuffer work;
    private byte[][] frames;
    private int next;
    private int sequence;
    private long sentBytes;
    private int sentLength;

    @Setup(Level.Trial)
    public void setUp()
    {
        final ForwardingStatePublisher publisher = new ForwardingStatePublisher();
        publisher.publish(state());
        pipeline = pipeline(publisher, (port, buffer, offset, length) ->
        {
            sentBytes += length;
            sentLength = length;
            return true;
        });
        frames = new byte[FLOWS][];
        for (int i = 0; i < FLOWS; i++)
        {
            frames[i] = frame(behavior, size, 40000 + i);
        }
        work = new UnsafeBuffer(ByteBuffer.allocateDirect(Pipeline.HEADROOM + 16384));
        if (behavior.startsWith("bond-"))
        {
            // the head end's bond, or the tail end's SID; only then, so the other behaviors pay nothing for it
            pipeline.bonding(new BondSenders(bonds(), 0), new BondReceiver(List.of(new BondTailEnd(
                hi(SID_BOND_TAIL), lo(SID_BOND_TAIL), 1024, 2_000_000, 100_000_000, 20_000_000, List.of()))),
                new BondFeedbackQueue(), SystemNanoClock.INSTANCE);
        }

        final int in = frames[0].length;
        process();
        final int expected = in + growth(behavior);
        if (sentLength != expected)
        {
            throw new IllegalStateException(behavior + ": a " + in + "-octet frame came out as " + sentLength +
                " octets, not " + expected + ": the frame does not take that behavior");
        }
    }

    /** How much longer the frame that leaves is than the frame that came in. */
    private static int growth(final String behavior)
    {
        switch (behavior)
        {
            case "h-encaps":
            case "h-encaps-v4":
                return 40 + 8 + 16;
            case "h-encaps-red":
                return 40;
            case "end-dt6":
            case "end-dt46":
                return -40;
            case "bond-head":
                return 40 + 8 + 32 + 24;
            case "bond-tail":
                return -(40 + 8 + 16 + 24);
            default:
                return 0;
        }
    }

    /** One frame through the pipeline. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public long process()
    {
        final byte[] frame = frames[next++ & (FLOWS - 1)];
        work.putBytes(Pipeline.HEADROOM, frame);
        if (frame.length > TAIL_SEQUENCE_OFFSET && behavior.equals("bond-tail"))
        {
            // each bonded packet a new sequence number of the stream: the tail's in-order path
            work.putInt(Pipeline.HEADROOM + TAIL_SEQUENCE_OFFSET, sequence++, ByteOrder.BIG_ENDIAN);
        }
        pipeline.process(0, work, Pipeline.HEADROOM, frame.length);
        return sentBytes;
    }

    /** Routes, VRFs, SIDs and PBR rules for every behavior at once. */
    static ForwardingState state()
    {
        final long srcHi = Ipv6Address.parseHi("fd00:20::1");
        final long srcLo = Ipv6Address.parseLo("fd00:20::1");
        final RouteAction viaNextHop = RouteAction.via(hi(NEXT_HOP), lo(NEXT_HOP), "core");
        final ForwardingStateBuilder b = ForwardingStateBuilder.from(ForwardingState.initial());
        b.addRoute(Vrf.DEFAULT_NAME, Ipv6Prefix.parse("fd00:20::/64"), RouteAction.connected("core"));
        b.addRoute(Vrf.DEFAULT_NAME, Ipv6Prefix.parse("fd00:c0::/64"), viaNextHop);
        b.addRoute(Vrf.DEFAULT_NAME, Ipv6Prefix.parse("fc00:b::/48"), viaNextHop);
        b.addRoute(Vrf.DEFAULT_NAME, Ipv6Prefix.parse("fc00:a::/48"), viaNextHop);
        b.addVrf("epe-a", 101);
        b.addRoute("epe-a", Ipv6Prefix.parse("fd00:c0::/64"), RouteAction.encap(EncapTemplate.create(
            Behavior.H_ENCAPS, srcHi, srcLo, new long[] {hi(SID_DT6), lo(SID_DT6)}), Vrf.DEFAULT_NAME));
        b.addRoute("epe-a", Ipv4Prefix.parse("198.18.192.0/24"), RouteAction.encap(EncapTemplate.create(
            Behavior.H_ENCAPS, srcHi, srcLo, new long[] {hi(SID_DT46), lo(SID_DT46)}), Vrf.DEFAULT_NAME));
        b.addVrf("epe-b", 102);
        b.addRoute("epe-b", Ipv6Prefix.parse("fd00:c0::/64"), RouteAction.encap(EncapTemplate.create(
            Behavior.H_ENCAPS_RED, srcHi, srcLo, new long[] {hi(SID_DT6), lo(SID_DT6)}), Vrf.DEFAULT_NAME));
        b.addVrf("peer", 201);
        b.addRoute("peer", Ipv6Prefix.parse("fd00:20::/64"), RouteAction.connected("core"));
        b.addRoute("peer", Ipv6Prefix.parse("fd00:c0::/64"), viaNextHop);
        b.addPbrRule(PbrRule.ipv6(10, Ipv6Prefix.parse(SRC_A + "/128"), null, "epe-a"));
        b.addPbrRule(PbrRule.ipv6(20, Ipv6Prefix.parse(SRC_B + "/128"), null, "epe-b"));
        b.addPbrRule(PbrRule.ipv4(30, Ipv4Prefix.parse(SRC4 + "/32"), null, "epe-a"));
        b.addVrf("bonded", 103);
        b.addRoute("bonded", Ipv6Prefix.parse("fd00:c0::/64"), RouteAction.bond("b", 1));
        b.addPbrRule(PbrRule.ipv6(40, Ipv6Prefix.parse(SRC_BOND + "/128"), null, "bonded"));
        b.addSid(LocalSid.of(hi(SID_BOND_TAIL), lo(SID_BOND_TAIL), Behavior.END_DT6).withVrf("peer"));
        b.addLocator(Ipv6Prefix.parse("fc00:a::/48"));
        b.addSid(LocalSid.of(hi(SID_END), lo(SID_END), Behavior.END));
        b.addSid(LocalSid.of(hi(SID_END_X), lo(SID_END_X), Behavior.END_X).withNextHop6(hi(NEXT_HOP), lo(NEXT_HOP))
            .withPort("core"));
        b.addSid(LocalSid.of(hi(SID_DT6), lo(SID_DT6), Behavior.END_DT6).withVrf("peer"));
        b.addSid(LocalSid.of(hi(SID_DT46), lo(SID_DT46), Behavior.END_DT46).withVrf("peer"));
        return b.build();
    }

    /** The head end's bond "b": two members through the next segment to End.DT6, equal capacity hints. */
    private static BondTable bonds()
    {
        return new BondTable(List.of(new Bond("b", 1, hi("fd00:20::1"), lo("fd00:20::1"), Vrf.DEFAULT_NAME,
            List.of("a", "b"), List.of(List.of(NEXT_SEGMENT, SID_DT6), List.of("fc00:b::2", SID_DT6)),
            new long[] {1_250_000, 1_250_000}, BondEstimator.Settings.defaults(), 1)));
    }

    /** {@code inner} bonded by a head end of ours onto a single member: our bond tail SID. */
    private static byte[] bonded(final byte[] inner)
    {
        final ForwardingStateBuilder b = ForwardingStateBuilder.from(ForwardingState.initial());
        b.addRoute(Vrf.DEFAULT_NAME, Ipv6Prefix.parse("fd00:20::/64"), RouteAction.connected("core"));
        b.addRoute(Vrf.DEFAULT_NAME, Ipv6Prefix.parse("fc00::/16"), RouteAction.via(hi(NEXT_HOP), lo(NEXT_HOP),
            "core"));
        b.addRoute(Vrf.DEFAULT_NAME, Ipv6Prefix.parse("fd00:c0::/64"), RouteAction.bond("t", 2));
        final BondSenders senders = new BondSenders(new BondTable(List.of(new Bond("t", 2, hi("fd00:20::1"),
            lo("fd00:20::1"), Vrf.DEFAULT_NAME, List.of("only"), List.of(List.of(SID_BOND_TAIL)), new long[1],
            BondEstimator.Settings.defaults(), 1))), 0);
        return through(b.build(), p -> p.bonding(senders, null, null, SystemNanoClock.INSTANCE), inner);
    }

    private static Pipeline pipeline(final ForwardingStatePublisher publisher,
        final net.srv6epe.dataplane.pipeline.FrameSink sink)
    {
        final NeighborTable neighbors = new NeighborTable();
        final NeighborAgent agent = new NeighborAgent(SystemNanoClock.INSTANCE, neighbors, NeighborSettings.defaults(), 2);
        agent.configurePort(0, OUR_MAC);
        agent.configurePort(1, OUR_MAC);
        agent.addStatic(1, hi(NEXT_HOP), lo(NEXT_HOP), NEXT_HOP_MAC);
        final PortTable ports = new PortTable(List.of(
            new PortInfo(0, "server", OUR_MAC, 9000, Vrf.DEFAULT_NAME, false, 0, 0, false, 0),
            new PortInfo(1, "core", OUR_MAC, 9000, Vrf.DEFAULT_NAME, false, 0, 0, false, 0)));
        return new Pipeline(publisher, ports, neighbors, agent.proxy(), new PipelineCounters(),
            new IcmpRateLimiter(SystemNanoClock.INSTANCE, 100, 10, true), sink);
    }

    /** The frame a behavior receives: a plain packet, or what our own encapsulator makes of one. */
    static byte[] frame(final String behavior, final int size, final int sport)
    {
        switch (behavior)
        {
            case "ipv6-forward":
                return ipv6(SRC, DST, size, sport);
            case "h-encaps":
                return ipv6(SRC_A, DST, size, sport);
            case "h-encaps-red":
                return ipv6(SRC_B, DST, size, sport);
            case "h-encaps-v4":
                return ipv4(SRC4, DST4, size, sport);
            case "end":
                return encapsulated(ipv6(SRC, DST, size, sport), Behavior.H_ENCAPS, SID_END, NEXT_SEGMENT);
            case "end-x":
                return encapsulated(ipv6(SRC, DST, size, sport), Behavior.H_ENCAPS, SID_END_X, NEXT_SEGMENT);
            case "end-dt6":
                return encapsulated(ipv6(SRC, DST, size, sport), Behavior.H_ENCAPS_RED, SID_DT6);
            case "end-dt46":
                return encapsulated(ipv6(SRC, DST, size, sport), Behavior.H_ENCAPS_RED, SID_DT46);
            case "bond-head":
                return ipv6(SRC_BOND, DST, size, sport);
            case "bond-tail":
                return bonded(ipv6(SRC, DST, size, sport));
            default:
                throw new IllegalArgumentException("unknown behavior " + behavior);
        }
    }

    /** {@code inner} encapsulated by a pipeline of ours with these segments, addressed to our MAC. */
    private static byte[] encapsulated(final byte[] inner, final Behavior mode, final String... segments)
    {
        final long[] segs = new long[2 * segments.length];
        for (int i = 0; i < segments.length; i++)
        {
            segs[2 * i] = hi(segments[i]);
            segs[2 * i + 1] = lo(segments[i]);
        }
        final ForwardingStateBuilder b = ForwardingStateBuilder.from(ForwardingState.initial());
        b.addRoute(Vrf.DEFAULT_NAME, Ipv6Prefix.parse("fd00:20::/64"), RouteAction.connected("core"));
        b.addRoute(Vrf.DEFAULT_NAME, Ipv6Prefix.parse("fc00::/16"), RouteAction.via(hi(NEXT_HOP), lo(NEXT_HOP),
            "core"));
        b.addRoute(Vrf.DEFAULT_NAME, Ipv6Prefix.parse("fd00:c0::/64"), RouteAction.encap(EncapTemplate.create(mode,
            Ipv6Address.parseHi("fd00:20::1"), Ipv6Address.parseLo("fd00:20::1"), segs), Vrf.DEFAULT_NAME));
        return through(b.build(), p -> { }, inner);
    }

    /**
     * {@code inner} sent through a pipeline of ours on {@code state} ({@code setup} applied to it first): the one
     * frame that leaves, addressed from the server's MAC to ours.
     */
    private static byte[] through(final ForwardingState state, final Consumer<Pipeline> setup, final byte[] inner)
    {
        final ForwardingStatePublisher publisher = new ForwardingStatePublisher();
        publisher.publish(state);
        final List<byte[]> out = new ArrayList<>();
        final Pipeline generator = pipeline(publisher, (port, buffer, offset, length) ->
        {
            final byte[] f = new byte[length];
            buffer.getBytes(offset, f);
            out.add(f);
            return true;
        });
        setup.accept(generator);
        final UnsafeBuffer work = new UnsafeBuffer(ByteBuffer.allocateDirect(Pipeline.HEADROOM + 16384));
        work.putBytes(Pipeline.HEADROOM, inner);
        generator.process(0, work, Pipeline.HEADROOM, inner.length);
        if (out.size() != 1)
        {
            throw new IllegalStateException("the generator pipeline did not encapsulate");
        }
        final byte[] f = out.get(0);
        putMac(new UnsafeBuffer(f), 0, OUR_MAC);
        putMac(new UnsafeBuffer(f), 6, SERVER_MAC);
        return f;
    }

    /** Ethernet + IPv6 + UDP, {@code size} octets of IPv6 packet. */
    private static byte[] ipv6(final String src, final String dst, final int size, final int sport)
    {
        final UnsafeBuffer f = new UnsafeBuffer(new byte[14 + size]);
        ethernet(f, 0x86DD);
        f.putInt(14, 0x6000_0000, ByteOrder.BIG_ENDIAN);
        f.putShort(18, (short)(size - 40), ByteOrder.BIG_ENDIAN);
        f.putByte(20, (byte)17);
        f.putByte(21, (byte)64);
        f.putLong(22, hi(src), ByteOrder.BIG_ENDIAN);
        f.putLong(30, lo(src), ByteOrder.BIG_ENDIAN);
        f.putLong(38, hi(dst), ByteOrder.BIG_ENDIAN);
        f.putLong(46, lo(dst), ByteOrder.BIG_ENDIAN);
        udp(f, 54, size - 40, sport);
        return f.byteArray();
    }

    /** Ethernet + IPv4 + UDP, {@code size} octets of IPv4 packet, header checksum set. */
    private static byte[] ipv4(final String src, final String dst, final int size, final int sport)
    {
        final UnsafeBuffer f = new UnsafeBuffer(new byte[14 + size]);
        ethernet(f, 0x0800);
        f.putByte(14, (byte)0x45);
        f.putShort(16, (short)size, ByteOrder.BIG_ENDIAN);
        f.putByte(22, (byte)64);
        f.putByte(23, (byte)17);
        f.putInt(26, Ipv4Address.parse(src), ByteOrder.BIG_ENDIAN);
        f.putInt(30, Ipv4Address.parse(dst), ByteOrder.BIG_ENDIAN);
        int sum = 0;
        for (int i = 14; i < 34; i += 2)
        {
            sum += f.getShort(i, ByteOrder.BIG_ENDIAN) & 0xFFFF;
        }
        while ((sum >>> 16) != 0)
        {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        f.putShort(24, (short)~sum, ByteOrder.BIG_ENDIAN);
        udp(f, 34, size - 20, sport);
        return f.byteArray();
    }

    private static void udp(final UnsafeBuffer f, final int offset, final int length, final int sport)
    {
        f.putShort(offset, (short)sport, ByteOrder.BIG_ENDIAN);
        f.putShort(offset + 2, (short)443, ByteOrder.BIG_ENDIAN);
        f.putShort(offset + 4, (short)length, ByteOrder.BIG_ENDIAN);
    }

    private static void ethernet(final UnsafeBuffer f, final int etherType)
    {
        putMac(f, 0, OUR_MAC);
        putMac(f, 6, SERVER_MAC);
        f.putShort(12, (short)etherType, ByteOrder.BIG_ENDIAN);
    }

    private static void putMac(final UnsafeBuffer f, final int offset, final long mac)
    {
        for (int i = 0; i < 6; i++)
        {
            f.putByte(offset + i, (byte)(mac >>> (40 - 8 * i)));
        }
    }

    private static long hi(final String address)
    {
        return Ipv6Address.parseHi(address);
    }

    private static long lo(final String address)
    {
        return Ipv6Address.parseLo(address);
    }
}
