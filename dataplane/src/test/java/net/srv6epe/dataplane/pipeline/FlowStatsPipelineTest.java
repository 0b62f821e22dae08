package net.srv6epe.dataplane.pipeline;

import com.sun.management.ThreadMXBean;
import net.srv6epe.dataplane.flowstats.FlowRecord;
import net.srv6epe.dataplane.flowstats.FlowSampler;
import net.srv6epe.dataplane.flowstats.FlowSink;
import net.srv6epe.dataplane.flowstats.FlowTable;
import net.srv6epe.srv6.algebra.Packets;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static net.srv6epe.dataplane.pipeline.PipelineFixture.CORE;
import static net.srv6epe.dataplane.pipeline.PipelineFixture.CORE_MAC;
import static net.srv6epe.dataplane.pipeline.PipelineFixture.CORE_PEER_MAC;
import static net.srv6epe.dataplane.pipeline.PipelineFixture.EDGE;
import static net.srv6epe.dataplane.pipeline.PipelineFixture.EDGE_MAC;
import static net.srv6epe.dataplane.pipeline.PipelineFixture.EDGE_PEER_MAC;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The pipeline's flow-stats hook: H.Encaps'ed packets count under (inner tuple, VRF, first SID, egress port),
 * End.DT* decapsulated ones under (inner tuple, SID's VRF, next hop, egress port); other traffic is not counted;
 * and with the hook on the pipeline still allocates nothing.
 */
class FlowStatsPipelineTest
{
    private static final String[][] ALL_KINDS = {
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

    private final FlowTable table = new FlowTable(1024);
    private final PipelineFixture fx = new PipelineFixture(false, table);
    private final UnsafeBuffer work = new UnsafeBuffer(ByteBuffer.allocateDirect(Pipeline.HEADROOM + 2048));

    @Test
    void countsEncapsulatedAndDecapsulatedFlowsExactly()
    {
        final byte[] decap6 = frame(false, "IPv6(SRC,S1)/IPv6(H,C)/UDP(1000,2000)");
        final byte[] decap4 = frame(false, "IPv6(SRC,S4)/IPv4(h4,c4)/UDP(1,2)");
        final byte[] encap6 = frame(true, "IPv6(EPE,C)/TCP(40000,80)");
        final byte[] encap4 = frame(true, "IPv4(h4,c4)/UDP(5,6)");
        final byte[] plain = frame(true, "IPv6(H,C)/TCP(40000,80)");
        fx.pipeline.beginBatch();
        send(CORE, decap6, 3);
        send(CORE, decap4, 2);
        send(EDGE, encap6, 5);
        send(EDGE, encap4, 1);
        send(EDGE, plain, 4);

        final Map<String, String> counted = sample();

        final Map<String, String> expected = new TreeMap<>();
        // End.DT6 into "peer", fd00:c0::/64 via P (fd00:e::2) on edge: inner packet as sent
        expected.put("fd00:10::10 1000 > fd00:c0::c 2000 proto 17 vrf peer via fd00:e::2 dev edge",
            "3 packets " + 3 * (decap6.length - 14 - 40) + " bytes");
        // End.DT46 into "peer", 198.18.0.0/24 connected on edge: the next hop is the destination
        expected.put("198.18.1.10 1 > 198.18.0.12 2 proto 17 vrf peer via 198.18.0.12 dev edge",
            "2 packets " + 2 * (decap4.length - 14 - 40) + " bytes");
        // PBR into "epe", H.Encaps with one SID (S3 = fc00:b::100): outer IPv6 + SRH of one segment
        expected.put("fd00:10::a 40000 > fd00:c0::c 80 proto 6 vrf epe sid fc00:b::100 dev core",
            "5 packets " + 5 * (encap6.length - 14 + 40 + 24) + " bytes");
        // H.Encaps.Red with one SID: outer IPv6 only
        expected.put("198.18.1.10 5 > 198.18.0.12 6 proto 17 vrf epe sid fc00:b::100 dev core",
            "1 packets " + (encap4.length - 14 + 40) + " bytes");
        assertEquals(expected, counted, "the plain forwarded flow is not an SRv6 flow and is not counted");
    }

    @Test
    void withFlowStatsOnAMillionFramesOfEveryKindAllocateNothing()
    {
        final byte[][] frames = new byte[ALL_KINDS.length][];
        final int[] ports = new int[ALL_KINDS.length];
        for (int i = 0; i < ALL_KINDS.length; i++)
        {
            final boolean edge = "edge".equals(ALL_KINDS[i][0]);
            ports[i] = edge ? EDGE : CORE;
            frames[i] = frame(edge, ALL_KINDS[i][1]);
        }
        final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();
        run(frames, ports, 1_000_000);
        final StringBuilder rounds = new StringBuilder();
        long allocated = -1;
        for (int round = 0; round < 5 && allocated != 0; round++)
        {
            final long before = threads.getThreadAllocatedBytes(thread);
            run(frames, ports, 1_000_000);
            allocated = threads.getThreadAllocatedBytes(thread) - before;
            rounds.append(rounds.length() == 0 ? "" : ", ").append(allocated);
        }

        assertEquals(0, allocated, "bytes allocated per round of a million frames: " + rounds);
        assertEquals(4, sample().size(), "the four SRv6 flows of the mix were counted");
    }

    private void run(final byte[][] frames, final int[] ports, final int count)
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

    private void send(final int port, final byte[] frame, final int times)
    {
        for (int i = 0; i < times; i++)
        {
            work.putBytes(Pipeline.HEADROOM, frame);
            fx.pipeline.process(port, work, Pipeline.HEADROOM, frame.length);
        }
    }

    private Map<String, String> sample()
    {
        final List<FlowRecord> records = new ArrayList<>();
        final FlowSink sink = new FlowSink()
        {
            @Override
            public void append(final FlowRecord record)
            {
                records.add(record);
            }

            @Override
            public void appendUntracked(
                final long wallNs, final long monoNs, final int worker, final long untracked, final long evicted)
            {
            }
        };
        final CachedNanoClock clock = new CachedNanoClock();
        new FlowSampler(new FlowTable[]{ table }, sink, fx.publisher, List.of("core", "edge"), clock,
            clock::nanoTime, 1).sample(1);
        final Map<String, String> counted = new TreeMap<>();
        for (final FlowRecord r : records)
        {
            counted.put(r.flowKey(), r.packets() + " packets " + r.bytes() + " bytes");
        }
        return counted;
    }

    private byte[] frame(final boolean edge, final String algebra)
    {
        final long src = edge ? EDGE_PEER_MAC : CORE_PEER_MAC;
        final long dst = edge ? EDGE_MAC : CORE_MAC;
        final byte[] l3 = Packets.build(algebra, 20, fx.book);
        final UnsafeBuffer f = new UnsafeBuffer(new byte[14 + l3.length]);
        for (int i = 0; i < 6; i++)
        {
            f.putByte(i, (byte)(dst >>> (40 - 8 * i)));
            f.putByte(6 + i, (byte)(src >>> (40 - 8 * i)));
        }
        f.putShort(12, (short)(algebra.startsWith("IPv4") ? 0x0800 : 0x86DD), ByteOrder.BIG_ENDIAN);
        f.putBytes(14, l3);
        return f.byteArray();
    }
}
