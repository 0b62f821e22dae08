package net.srv6epe.dataplane.capture;

import net.srv6epe.srv6.DropReason;

import java.util.List;

/**
 * One captured frame as the control plane hands it out: when, where, why (for a drop) and its first bytes.
 *
 * @param timestampNs    wall-clock time the worker copied it, ns since the epoch
 * @param point          where in the path it was copied
 * @param port           the port's index: received on ({@code in}, {@code drop}) or sent on ({@code out})
 * @param reason         why it was dropped ({@code drop}), else null
 * @param originalLength the frame's length on the wire
 * @param data           its first bytes (at most the capture's snap length)
 */
public record CapturedFrame(
    long timestampNs, CapturePoint point, int port, DropReason reason, int originalLength, byte[] data)
{
    /**
     * Checks the fields.
     *
     * @throws IllegalArgumentException when a drop has no reason, another point has one, or the lengths disagree
     */
    public CapturedFrame
    {
        if ((point == CapturePoint.DROP) != (reason != null))
        {
            throw new IllegalArgumentException(point.label() + " frame " + (reason == null ? "without" : "with") +
                " a drop reason");
        }
        if (port < 0 || data.length > originalLength)
        {
            throw new IllegalArgumentException("captured frame with port " + port + ", " + data.length +
                " bytes of " + originalLength);
        }
    }

    /**
     * The frame's comment in the pcapng file, as Wireshark shows it ({@code frame.comment}): {@code in core},
     * {@code out edge}, {@code drop core: drop.srh.sl-nonzero}.
     *
     * @param portNames the router's ports by index
     */
    public String comment(final List<String> portNames)
    {
        final String portName = port < portNames.size() ? portNames.get(port) : "port#" + port;
        return point.label() + " " + portName + (reason == null ? "" : ": " + reason.label());
    }
}
