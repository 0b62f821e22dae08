package net.srv6epe.dataplane.worker;

import net.srv6epe.dataplane.neighbor.NeighborAgent;
import net.srv6epe.dataplane.neighbor.NeighborCounter;
import net.srv6epe.dataplane.neighbor.NeighborSettings;
import net.srv6epe.dataplane.neighbor.NeighborTable;
import net.srv6epe.dataplane.pipeline.Pipeline;
import net.srv6epe.dataplane.pipeline.PipelineCounters;
import net.srv6epe.dataplane.pipeline.PortInfo;
import net.srv6epe.dataplane.pipeline.PortTable;
import net.srv6epe.dataplane.port.MemoryPort;
import net.srv6epe.dataplane.port.Port;
import net.srv6epe.srv6.Ipv4Address;
import net.srv6epe.srv6.behavior.IcmpRateLimiter;
import net.srv6epe.vrf.ForwardingStatePublisher;
import net.srv6epe.vrf.Vrf;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Two workers wired as {@code router.workers: 2} wires them: one port each (a socket of the same link), their
 * own pipelines and counters, one neighbor agent. Driven by hand: {@code doWork()} of each agent in turn.
 */
class WorkerTest
{
    private static final long OUR_MAC = 0x0200_0000_0001L;
    private static final long PEER_MAC = 0x0200_0000_00A1L;
    private static final long OTHER_MAC = 0x0200_0000_00B7L;
    private static final int OUR_IPV4 = Ipv4Address.parse("198.18.1.1");
    private static final int PEER_IPV4 = Ipv4Address.parse("198.18.1.2");

    private final long[] now = { 1_000_000_000L };
    private final ForwardingStatePublisher publisher = new ForwardingStatePublisher();
    private final NeighborTable table = new NeighborTable();
    private final NeighborAgent agent = new NeighborAgent(() -> now[0], table, NeighborSettings.defaults(), 1);
    private final MemoryPort[] sockets = { new MemoryPort("p0", OUR_MAC, 1500), new MemoryPort("p0", OUR_MAC, 1500) };
    private final PipelineCounters[] counters = { new PipelineCounters(), new PipelineCounters() };
    private final Worker[] workers = new Worker[2];

    WorkerTest()
    {
        agent.configurePort(0, OUR_MAC);
        agent.addAddress(0, OUR_IPV4);
        for (int w = 0; w < 2; w++)
        {
            final Port[] own = { sockets[w] };
            final Pipeline pipeline = new Pipeline(publisher, new PortTable(List.of(new PortInfo(0, "p0", OUR_MAC,
                1500, Vrf.DEFAULT_NAME, false, 0, 0, true, OUR_IPV4))), table, agent.proxy(), counters[w],
                new IcmpRateLimiter(() -> now[0], 100, 10, true),
                (port, buffer, offset, length) -> own[port].send(buffer, offset, length));
            workers[w] = new Worker("srv6-epe-worker-" + w, own, pipeline, agent.proxy(), counters[w],
                new WorkerCounters(), w == 0);
        }
    }

    @Test
    void puntsOfEveryWorkerReachTheOneAgentAndOnlyWorkerZeroSendsItsAnswers()
    {
        sockets[0].inject(arpRequest());
        sockets[1].inject(arpRequest());
        sockets[1].inject(arpRequest());

        workers[0].doWork();
        workers[1].doWork();
        agent.doWork();

        assertEquals(3, agent.counters().get(NeighborCounter.ARP_REQUESTS_RECEIVED));
        assertEquals(1, counters[0].total(PipelineCounters.PUNTED));
        assertEquals(2, counters[1].total(PipelineCounters.PUNTED));

        assertEquals(0, workers[1].doWork(), "worker 1 leaves the agent's output to worker 0");
        assertNull(sockets[1].pollSent());
        assertEquals(3, workers[0].doWork());
        for (int i = 0; i < 3; i++)
        {
            final byte[] reply = sockets[0].pollSent();
            assertNotNull(reply, "ARP reply " + i);
            assertEquals(2, ((reply[20] & 0xFF) << 8) | (reply[21] & 0xFF), "ARP opcode reply");
        }
        assertNull(sockets[0].pollSent());
        assertEquals(3, workers[0].loopCounters().get(WorkerCounter.NEIGHBOR_FRAMES_SENT));
        assertEquals(0, workers[1].loopCounters().get(WorkerCounter.NEIGHBOR_FRAMES_SENT));
    }

    @Test
    void countsBusyAndIdleLoopsAndBatchSizesPerWorker()
    {
        for (int i = 0; i < Worker.BATCH + 6; i++)
        {
            sockets[1].inject(notForUs(i));
        }

        assertEquals(Worker.BATCH, workers[1].doWork());
        assertEquals(6, workers[1].doWork());
        assertEquals(0, workers[1].doWork());
        assertEquals(0, workers[0].doWork());

        final WorkerCounters loop = workers[1].loopCounters();
        assertEquals(Worker.BATCH + 6, loop.get(WorkerCounter.RX_FRAMES));
        assertEquals(2, loop.get(WorkerCounter.RX_BATCHES));
        assertEquals(1, loop.get(WorkerCounter.RX_FULL_BATCHES));
        assertEquals(2, loop.get(WorkerCounter.BUSY_LOOPS));
        assertEquals(1, loop.get(WorkerCounter.IDLE_LOOPS));
        assertEquals(Worker.BATCH + 6, counters[1].total(PipelineCounters.RX_FRAMES));
        assertEquals(0, counters[0].total(PipelineCounters.RX_FRAMES));
        final WorkerCounters other = workers[0].loopCounters();
        assertEquals(0, other.get(WorkerCounter.RX_FRAMES));
        assertEquals(0, other.get(WorkerCounter.BUSY_LOOPS));
        assertEquals(1, other.get(WorkerCounter.IDLE_LOOPS));
    }

    @Test
    void aWorkerStatsReadsItsOwnSocketsRingDrops()
    {
        sockets[1].counters().add(net.srv6epe.dataplane.port.PortCounter.RX_DROPPED, 5);
        final WorkerStats zero = new WorkerStats(0, workers[0].loopCounters(), new Port[] {sockets[0]});
        final WorkerStats one = new WorkerStats(1, workers[1].loopCounters(), new Port[] {sockets[1]});

        assertEquals(0, zero.rxRingDrops());
        assertEquals(5, one.rxRingDrops());
    }

    /** Who has 198.18.1.1? Tell 198.18.1.2 (broadcast). */
    private static byte[] arpRequest()
    {
        final ByteBuffer b = ByteBuffer.allocate(42);
        putMac(b, 0xFFFF_FFFF_FFFFL);
        putMac(b, PEER_MAC);
        b.putShort((short)0x0806);
        b.putShort((short)1).putShort((short)0x0800).put((byte)6).put((byte)4).putShort((short)1);
        putMac(b, PEER_MAC);
        b.putInt(PEER_IPV4);
        putMac(b, 0);
        b.putInt(OUR_IPV4);
        return b.array();
    }

    /** An IPv6 frame to another host's MAC: the pipeline ignores it ({@code ignore.eth.not-for-us}). */
    private static byte[] notForUs(final int i)
    {
        final ByteBuffer b = ByteBuffer.allocate(14 + 40);
        putMac(b, OTHER_MAC);
        putMac(b, PEER_MAC + i);
        b.putShort((short)0x86DD);
        b.put((byte)0x60);
        return b.array();
    }

    private static void putMac(final ByteBuffer b, final long mac)
    {
        for (int shift = 40; shift >= 0; shift -= 8)
        {
            b.put((byte)(mac >>> shift));
        }
    }
}
