package net.srv6epe.dataplane.capture;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.List;

import static net.srv6epe.dataplane.pipeline.PipelineFixture.CORE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * A capture on a router of two workers: one tap per worker, each with its own ring, one shared count; reads drain
 * both rings and stop turns both workers off. The workers are played by calling their switches' taps directly.
 */
class CaptureServiceWorkersTest
{
    private final CaptureSwitch worker0 = new CaptureSwitch();
    private final CaptureSwitch worker1 = new CaptureSwitch();
    private final long[] nowNs = { 1_000 };
    private final CaptureService service = new CaptureService(List.of("core", "edge"), List.of(worker0, worker1),
        () -> nowNs[0], () -> 1_764_000_000_000_000_000L, 1 << 16);
    private final byte[] frame = CaptureFrames.frame(CORE, "IPv6(N,S2)/UDP(1,2)", 100);
    private final UnsafeBuffer buffer = new UnsafeBuffer(frame);

    @Test
    void everyWorkerGetsATapOfItsOwnAndAReadDrainsThemAll()
    {
        final long id = service.start(filter(null));
        final CaptureTap tap0 = worker0.current();
        final CaptureTap tap1 = worker1.current();
        assertNotNull(tap0);
        assertNotNull(tap1);
        assertNotSame(tap0, tap1);

        tap0.received(CORE, buffer, 0, frame.length);
        tap1.received(CORE, buffer, 0, frame.length);
        tap1.received(CORE, buffer, 0, frame.length);

        final CaptureBatch batch = service.read(id);
        assertEquals(3, batch.frames().size());
        assertEquals(3, batch.captured());
        final CaptureBatch last = service.stop(id);
        assertEquals(CaptureState.STOPPED, last.state());
        assertNull(worker0.current());
        assertNull(worker1.current());
    }

    @Test
    void theWorkersShareTheCountAndTheCaptureFinishesWhenTogetherTheyReachIt()
    {
        final long id = service.start(filter(3L));
        final CaptureTap tap0 = worker0.current();
        final CaptureTap tap1 = worker1.current();

        assertEquals(CaptureTap.CAPTURED, tap0.received(CORE, buffer, 0, frame.length));
        assertEquals(CaptureTap.CAPTURED, tap1.received(CORE, buffer, 0, frame.length));
        assertEquals(CaptureTap.CAPTURED, tap0.received(CORE, buffer, 0, frame.length));
        assertEquals(CaptureTap.NONE, tap1.received(CORE, buffer, 0, frame.length), "the count is used up");

        final CaptureBatch batch = service.read(id);
        assertEquals(CaptureState.FINISHED, batch.state());
        assertEquals(3, batch.frames().size());
        assertNull(worker0.current());
        assertNull(worker1.current());
    }

    @Test
    void aWorkerStillHoldingAnotherTapRefusesTheStartAndLeavesNoWorkerOn()
    {
        final CaptureTap stale = new CaptureTap(filter(null), 1 << 16, () -> nowNs[0], 0);
        worker1.activate(stale);

        assertEquals("worker 1 still has a capture on; try again",
            assertThrows(IllegalStateException.class, () -> service.start(filter(null))).getMessage());
        assertNull(worker0.current());
        worker1.deactivate(stale);
        assertEquals(1, service.start(filter(null)), "a refused start uses no id");
        assertNotNull(worker0.current());
        assertNotNull(worker1.current());
    }

    private CaptureFilter filter(final Long count)
    {
        return CaptureFilter.parse("core", null, "in", null, count, service.portNames());
    }
}
