package net.srv6epe.dataplane.capture;

import net.srv6epe.srv6.DropReason;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.TimeUnit;

import static net.srv6epe.dataplane.pipeline.PipelineFixture.CORE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The control plane's side of captures: one at a time, ids, the lease that stops a capture nobody reads, and
 * draining the ring in bounded batches. The worker is played by calling the switch's tap directly.
 */
class CaptureServiceTest
{
    private final CaptureSwitch captureSwitch = new CaptureSwitch();
    private final long[] nowNs = { 1_000 };
    private final CaptureService service = new CaptureService(List.of("core", "edge"), captureSwitch,
        () -> nowNs[0], () -> 1_764_000_000_000_000_000L);
    private final byte[] frame = CaptureFrames.frame(CORE, "IPv6(N,S2)/UDP(1,2)", 100);

    @Test
    void oneCaptureRunsAtATime()
    {
        final long first = service.start(filter("core", "all"));

        final IllegalStateException refused =
            assertThrows(IllegalStateException.class, () -> service.start(filter("edge", "in")));
        assertEquals("a capture is already running (capture 1: port core points all snaplen 2048); one at a time",
            refused.getMessage());
        service.stop(first);
        assertEquals(2, service.start(filter("edge", "in")));
    }

    @Test
    void aRequestForAnotherCaptureNamesTheOneRunning()
    {
        assertEquals("no capture 7 (none is running)",
            assertThrows(IllegalArgumentException.class, () -> service.read(7)).getMessage());
        service.start(filter("core", "all"));
        assertEquals("no capture 7 (capture 1 is running)",
            assertThrows(IllegalArgumentException.class, () -> service.stop(7)).getMessage());
    }

    @Test
    void aCaptureNobodyReadsForTheLeaseIsStopped()
    {
        final long id = service.start(filter("core", "all"));
        nowNs[0] += TimeUnit.MILLISECONDS.toNanos(CaptureService.LEASE_MS) - 1;
        assertFalse(service.expireIdle());
        service.read(id); // renews the lease
        nowNs[0] += TimeUnit.MILLISECONDS.toNanos(CaptureService.LEASE_MS) - 1;
        assertFalse(service.expireIdle());
        nowNs[0] += 1;

        assertTrue(service.expireIdle());
        assertNull(captureSwitch.current());
        final CaptureBatch batch = service.read(id);
        assertEquals(CaptureState.EXPIRED, batch.state());
        assertEquals("the router stopped the capture: no request from this client for 5 s",
            batch.state().problem());
        assertEquals(0, service.runningId());
    }

    @Test
    void stopTurnsTheWorkerOffAndReturnsTheFramesLeftInTheRing()
    {
        final long id = service.start(filter("core", "all"));
        final CaptureTap tap = captureSwitch.current();
        tap.received(CORE, new UnsafeBuffer(frame), 0, frame.length);
        tap.dropped(DropReason.IPV6_NO_ROUTE);

        final CaptureBatch last = service.stop(id);
        assertNull(captureSwitch.current());
        assertEquals(CaptureState.STOPPED, last.state());
        assertEquals(List.of(CapturePoint.IN, CapturePoint.DROP),
            last.frames().stream().map(CapturedFrame::point).toList());
        assertEquals(DropReason.IPV6_NO_ROUTE, last.frames().get(1).reason());
        assertEquals(2, last.captured());
        assertTrue(service.read(id).frames().isEmpty());
    }

    @Test
    void aReadReturnsAboutAMegabyteAndSaysWhenMoreIsWaiting()
    {
        final long id = service.start(filter("core", "in"));
        final CaptureTap tap = captureSwitch.current();
        final byte[] big = CaptureFrames.frame(CORE, "IPv6(N,S2)/UDP(1,2)", 2000);
        final int frames = 2 * CaptureService.MAX_READ_BYTES / 2048;
        for (int i = 0; i < frames; i++)
        {
            assertEquals(CaptureTap.CAPTURED, tap.received(CORE, new UnsafeBuffer(big), 0, big.length));
        }

        final CaptureBatch first = service.read(id);
        assertTrue(first.more());
        assertTrue(first.frames().size() * (long)big.length <= CaptureService.MAX_READ_BYTES,
            first.frames().size() + " frames");
        int total = first.frames().size();
        CaptureBatch next;
        do
        {
            next = service.read(id);
            total += next.frames().size();
        }
        while (next.more());
        assertEquals(frames, total);
    }

    private CaptureFilter filter(final String port, final String points)
    {
        return CaptureFilter.parse(port, null, points, null, null, service.portNames());
    }
}
