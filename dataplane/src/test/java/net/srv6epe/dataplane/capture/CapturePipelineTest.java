package net.srv6epe.dataplane.capture;

import net.srv6epe.dataplane.pipeline.PipelineCounters;
import net.srv6epe.dataplane.pipeline.PipelineFixture;
import net.srv6epe.srv6.DropReason;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static net.srv6epe.dataplane.pipeline.PipelineFixture.CORE;
import static net.srv6epe.dataplane.pipeline.PipelineFixture.EDGE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pipeline with a capture on: which frames are copied (by port, SID and point), as what, and what a dropped
 * frame carries. The fixture's two ports are {@code core} (#0) and {@code edge} (#1); {@code S2} is its End SID,
 * {@code S1} its End.DT6 SID, {@code S3} a remote SID behind the core neighbor.
 */
class CapturePipelineTest
{
    private static final String END_TO_S3 = "IPv6(SRC,S2;hl=10)/SRH(S3,S2;SL=1)/IPv6(H,C)/UDP(1,2)";
    private static final long WALL_AT_START_NS = 1_764_000_000_000_000_000L;

    private final PipelineFixture fx = new PipelineFixture();
    private final CaptureFrames frames = new CaptureFrames();
    private final long[] nowNs = { 5_000 };
    private final CaptureService service = new CaptureService(List.of("core", "edge"), fx.pipeline.captureSwitch(),
        () -> nowNs[0], () -> WALL_AT_START_NS);

    @Test
    void capturesTheFramesOfOnePortAsReceivedAndAsSent()
    {
        final long id = start("core", null, "all", null, null);
        final byte[] received = frames.receive(fx, CORE, END_TO_S3);
        frames.receive(fx, EDGE, "IPv6(H,C;hl=64)/TCP(40000,80)"); // edge in, edge out: another port

        final List<CapturedFrame> captured = service.read(id).frames();
        assertEquals(2, captured.size(), captured.toString());
        assertEquals(CapturePoint.IN, captured.get(0).point());
        assertArrayEquals(received, captured.get(0).data());
        assertEquals(CapturePoint.OUT, captured.get(1).point());
        assertEquals("IPv6(SRC,S3;hl=9)SRH(S3,S2;SL=0)IPv6(H,C)/UDP(1,2)", CaptureFrames.describe(captured.get(1)));
        assertEquals(List.of("in core", "out core"),
            captured.stream().map(f -> f.comment(service.portNames())).toList());
        assertEquals(2, fx.counters.total(PipelineCounters.CAPTURE_FRAMES));
    }

    @Test
    void aSidSelectsFramesToItAndWhatTheRouterSendsForThem()
    {
        final long id = start("any", "fc00:a::1", "all", null, null);
        frames.receive(fx, CORE, END_TO_S3);
        frames.receive(fx, CORE, "IPv6(SRC,S3;hl=10)/UDP(1,2)"); // routed through: neither to S2 nor from it
        frames.receive(fx, EDGE, "IPv6(H,C;hl=64)/TCP(40000,80)");

        final List<CapturedFrame> captured = service.read(id).frames();
        assertEquals(List.of(CapturePoint.IN, CapturePoint.OUT), captured.stream().map(CapturedFrame::point).toList());
        assertTrue(CaptureFrames.describe(captured.get(0)).startsWith("IPv6(SRC,S2"), captured.toString());
        assertTrue(CaptureFrames.describe(captured.get(1)).startsWith("IPv6(SRC,S3"), captured.toString());
    }

    @Test
    void aPacketEncapsulatedTowardsTheSidIsSeenAsItLeaves()
    {
        final long id = start("any", "fc00:b::100", "out", null, null);
        frames.receive(fx, EDGE, "IPv6(EPE,C;hl=64,fl=5)/TCP(40000,80)"); // PBR -> H.Encaps with S3

        final List<CapturedFrame> captured = service.read(id).frames();
        assertEquals(1, captured.size(), captured.toString());
        assertEquals("out core", captured.get(0).comment(service.portNames()));
        assertEquals("IPv6(SRC,S3;fl=5)SRH(S3;SL=0)IPv6(EPE,C;hl=63,fl=5)/TCP(40000,80)",
            CaptureFrames.describe(captured.get(0)));
    }

    @Test
    void aDroppedFrameIsCapturedAsReceivedWithItsReason()
    {
        final long id = start("core", null, "drop", null, null);
        final byte[] dropped = frames.receive(fx, CORE, "IPv6(N,fc00:a::99)/IPv6(H,C)/UDP(1,2)");
        frames.receive(fx, CORE, END_TO_S3); // forwarded: no drop

        final List<CapturedFrame> captured = service.read(id).frames();
        assertEquals(1, captured.size(), captured.toString());
        assertEquals(DropReason.SRV6_SID_UNKNOWN, captured.get(0).reason());
        assertArrayEquals(dropped, captured.get(0).data());
        assertEquals(dropped.length, captured.get(0).originalLength());
        assertEquals("drop core: drop.srv6.sid-unknown", captured.get(0).comment(service.portNames()));
    }

    @Test
    void aDropAnsweredWithAnIcmpErrorIsOneDropAndTheErrorGoesOut()
    {
        final long id = start("core", null, "all", null, null);
        final byte[] received = frames.receive(fx, CORE, "IPv6(N,S1)/SRH(S3,S1;SL=1)/IPv6(H,C)/UDP(1,2)");

        final List<CapturedFrame> captured = service.read(id).frames();
        assertEquals(List.of(CapturePoint.IN, CapturePoint.DROP, CapturePoint.OUT),
            captured.stream().map(CapturedFrame::point).toList());
        assertEquals(DropReason.SRH_SL_NONZERO, captured.get(1).reason());
        assertArrayEquals(received, captured.get(1).data());
        assertTrue(CaptureFrames.describe(captured.get(2)).startsWith("IPv6(R,N)/ICMPv6"), captured.toString());
        assertNull(captured.get(2).reason());
    }

    @Test
    void theSnapLengthCutsTheCopyAndKeepsTheOriginalLength()
    {
        final long id = start("core", null, "in", 64, null);
        final byte[] received = frames.receive(fx, CORE, "IPv6(SRC,S2;hl=10)/SRH(S3,S2;SL=1)/IPv6(H,C)/UDP(1,2)");

        final CapturedFrame frame = service.read(id).frames().get(0);
        assertEquals(64, frame.data().length);
        assertEquals(received.length, frame.originalLength());
        assertArrayEquals(java.util.Arrays.copyOf(received, 64), frame.data());
    }

    @Test
    void theWorkerStopsCopyingAtTheCount()
    {
        final long id = start("core", null, "in", null, 2L);
        for (int i = 0; i < 3; i++)
        {
            frames.receive(fx, CORE, END_TO_S3);
        }

        final CaptureBatch batch = service.read(id);
        assertEquals(2, batch.frames().size());
        assertEquals(CaptureState.FINISHED, batch.state());
        assertEquals(2, fx.counters.total(PipelineCounters.CAPTURE_FRAMES));
        assertEquals(0, service.runningId());
    }

    @Test
    void aFullRingCountsWhatItCouldNotTakeAndTakesFramesAgainOnceRead()
    {
        final CaptureService small = new CaptureService(List.of("core", "edge"), fx.pipeline.captureSwitch(),
            () -> nowNs[0], () -> WALL_AT_START_NS, 1024);
        final long id = small.start(CaptureFilter.parse("core", null, "in", 64, null, small.portNames()));
        fx.pipeline.beginBatch();
        for (int i = 0; i < 30; i++)
        {
            frames.receive(fx, CORE, END_TO_S3);
        }

        final CaptureBatch full = small.read(id);
        assertTrue(full.ringFull() > 0, "ring of 1024 bytes took " + full.captured() + " frames of 30");
        assertEquals(30, full.captured() + full.ringFull());
        assertEquals(full.frames().size(), full.captured());
        assertEquals(full.ringFull(), fx.counters.total(PipelineCounters.CAPTURE_RING_FULL));
        frames.receive(fx, CORE, END_TO_S3);
        assertEquals(1, small.read(id).frames().size());
    }

    @Test
    void nothingIsCopiedOnceTheCaptureIsStopped()
    {
        final long id = start("core", null, "all", null, null);
        frames.receive(fx, CORE, END_TO_S3);
        final CaptureBatch last = service.stop(id);
        assertEquals(CaptureState.STOPPED, last.state());
        assertEquals(2, last.frames().size());

        fx.pipeline.beginBatch();
        frames.receive(fx, CORE, END_TO_S3);
        assertEquals(2, fx.counters.total(PipelineCounters.CAPTURE_FRAMES));
        assertTrue(service.read(id).frames().isEmpty());
    }

    @Test
    void framesTheNeighborAgentSendsAreSeenOnTheirPort()
    {
        final long id = start("edge", null, "out", null, null);
        final byte[] frame = CaptureFrames.frame(EDGE, "IPv6(E,P)/ICMPv6Echo(1,1)", 8);
        fx.pipeline.sentByNeighborAgent(EDGE, new UnsafeBuffer(frame), 0, frame.length);
        fx.pipeline.sentByNeighborAgent(CORE, new UnsafeBuffer(frame), 0, frame.length);

        final List<CapturedFrame> captured = service.read(id).frames();
        assertEquals(1, captured.size());
        assertEquals("out edge", captured.get(0).comment(service.portNames()));
        assertArrayEquals(frame, captured.get(0).data());
    }

    @Test
    void recordsCarryTheWallClockTimeTheWorkerCopiedThem()
    {
        final long id = start("core", null, "in", null, null);
        nowNs[0] += 2_000;
        frames.receive(fx, CORE, END_TO_S3);

        assertEquals(WALL_AT_START_NS + 2_000, service.read(id).frames().get(0).timestampNs());
    }

    @Test
    void withoutACaptureNothingIsCopied()
    {
        frames.receive(fx, CORE, END_TO_S3);
        assertEquals(0, fx.counters.total(PipelineCounters.CAPTURE_FRAMES));
        assertFalse(fx.pipeline.captureSwitch().current() != null);
    }

    private long start(final String port, final String sid, final String points, final Integer snap, final Long count)
    {
        final long id = service.start(CaptureFilter.parse(port, sid, points, snap, count, service.portNames()));
        fx.pipeline.beginBatch(); // the worker takes the capture at its next batch
        return id;
    }
}
