/**
 * Live capture ({@code srv6 capture}): copies of the frames a worker receives, sends or drops, for the operator's
 * Wireshark.
 *
 * <pre>
 * control thread                     worker (fast path)                      srv6 capture (CLI process)
 * CaptureService.start(filter) --&gt; CaptureSwitch (volatile, read once per batch)
 *                                    Pipeline: tap == null ? nothing : CaptureTap.received / sent / dropped
 *                                      -&gt; CaptureRecord into a preallocated OneToOneRingBuffer (never blocks)
 * CaptureService.read  &lt;-- drains the ring, frames as JSON lines ----------&gt; PcapngWriter: SHB, IDB per port,
 * (lease: no request for 5 s -&gt; stopped)                                       EPB with "in core" / "drop ..."
 * </pre>
 *
 * With no capture running the pipeline's cost is one plain read of a null field where a frame is received, sent
 * or dropped. One capture at a time per router.
 */
package net.srv6epe.dataplane.capture;
