package net.srv6epe.dataplane.capture;

import net.srv6epe.srv6.Ipv6Address;

import java.util.List;

/**
 * What one capture copies: frames on one port (or any), optionally only those whose outer IPv6 destination is one
 * SID, at the chosen points, each cut to a snap length, up to a number of frames.
 *
 * @param portIndex  the port's index, or {@link #ANY_PORT}
 * @param hasSid     whether frames must match {@code sidHi}/{@code sidLo}
 * @param sidHi      the SID, high 64 bits (0 without a SID)
 * @param sidLo      the SID, low 64 bits (0 without a SID)
 * @param pointMask  the {@link CapturePoint}s, as a mask of their bits
 * @param snapLength bytes kept of each frame, {@value #MIN_SNAP_LENGTH}..{@value #MAX_SNAP_LENGTH}
 * @param count      frames to capture before the worker stops copying, or {@link #UNLIMITED}
 */
public record CaptureFilter(
    int portIndex, boolean hasSid, long sidHi, long sidLo, int pointMask, int snapLength, long count)
{
    /** Port index meaning every port. */
    public static final int ANY_PORT = -1;
    /** The {@code --port} word for every port. */
    public static final String ANY_PORT_NAME = "any";
    /** Count meaning no limit. */
    public static final long UNLIMITED = 0;
    /** Bytes kept of each frame when the operator does not say. */
    public static final int DEFAULT_SNAP_LENGTH = 2048;
    /** Smallest snap length: an Ethernet header. */
    public static final int MIN_SNAP_LENGTH = 14;
    /** Largest snap length (the largest frame a port carries is smaller). */
    public static final int MAX_SNAP_LENGTH = 65535;

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException naming the value that is out of range
     */
    public CaptureFilter
    {
        if (portIndex < ANY_PORT)
        {
            throw new IllegalArgumentException("port index " + portIndex + " is negative");
        }
        if ((pointMask & CapturePoint.ALL) == 0 || (pointMask & ~CapturePoint.ALL) != 0)
        {
            throw new IllegalArgumentException("capture point mask " + pointMask + " selects no point");
        }
        if (snapLength < MIN_SNAP_LENGTH || snapLength > MAX_SNAP_LENGTH)
        {
            throw new IllegalArgumentException("snaplen must be between " + MIN_SNAP_LENGTH + " and " +
                MAX_SNAP_LENGTH + ", not " + snapLength);
        }
        if (count < 0)
        {
            throw new IllegalArgumentException("count must be at least 1, not " + count);
        }
        if (!hasSid && (sidHi != 0 || sidLo != 0))
        {
            throw new IllegalArgumentException("a SID value without hasSid");
        }
    }

    /**
     * The filter of an operator's request.
     *
     * @param port       a port name, or {@value #ANY_PORT_NAME}
     * @param sid        an IPv6 address, or null for any destination
     * @param points     as {@link CapturePoint#parseMask}, or null for all
     * @param snapLength bytes kept of each frame, or null for {@value #DEFAULT_SNAP_LENGTH}
     * @param count      frames to capture, or null for no limit
     * @param portNames  the router's ports, by index
     * @throws IllegalArgumentException one line naming what is wrong: unknown port, bad SID, unknown point, a
     *     snap length or count out of range
     */
    public static CaptureFilter parse(
        final String port,
        final String sid,
        final String points,
        final Integer snapLength,
        final Long count,
        final List<String> portNames)
    {
        if (port == null || port.isBlank())
        {
            throw new IllegalArgumentException("capture needs a port (one of: " + known(portNames) + ")");
        }
        final int portIndex = ANY_PORT_NAME.equals(port) ? ANY_PORT : portNames.indexOf(port);
        if (portIndex == -1 && !ANY_PORT_NAME.equals(port))
        {
            throw new IllegalArgumentException("no port named '" + port + "' (known: " + known(portNames) + ")");
        }
        long hi = 0;
        long lo = 0;
        if (sid != null)
        {
            if (sid.indexOf('/') >= 0)
            {
                throw new IllegalArgumentException("bad SID '" + sid + "': give one address, without a prefix length");
            }
            try
            {
                final byte[] address = Ipv6Address.parse(sid);
                hi = Ipv6Address.bytesToLong(address, 0);
                lo = Ipv6Address.bytesToLong(address, 8);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException("bad SID '" + sid + "': not an IPv6 address", ex);
            }
        }
        if (count != null && count < 1)
        {
            throw new IllegalArgumentException("count must be at least 1, not " + count);
        }
        return new CaptureFilter(portIndex, sid != null, hi, lo,
            points == null ? CapturePoint.ALL : CapturePoint.parseMask(points),
            snapLength == null ? DEFAULT_SNAP_LENGTH : snapLength,
            count == null ? UNLIMITED : count);
    }

    /** Whether the filter takes frames of this port. */
    public boolean matchesPort(final int port)
    {
        return portIndex == ANY_PORT || portIndex == port;
    }

    /** One line for the operator: {@code port core sid fc00:a::1 points all snaplen 2048 count 10}. */
    public String describe(final List<String> portNames)
    {
        return "port " + (portIndex == ANY_PORT ? ANY_PORT_NAME : portNames.get(portIndex)) +
            (hasSid ? " sid " + Ipv6Address.format(sidHi, sidLo) : "") +
            " points " + CapturePoint.formatMask(pointMask) +
            " snaplen " + snapLength +
            (count == UNLIMITED ? "" : " count " + count);
    }

    private static String known(final List<String> portNames)
    {
        return String.join(", ", portNames) + (portNames.isEmpty() ? "" : ", ") + ANY_PORT_NAME;
    }
}
