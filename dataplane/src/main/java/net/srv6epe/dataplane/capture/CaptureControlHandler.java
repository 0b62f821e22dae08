package net.srv6epe.dataplane.capture;

import com.fasterxml.jackson.databind.JsonNode;
import net.srv6epe.dataplane.control.ControlException;
import net.srv6epe.dataplane.control.ControlHandler;
import net.srv6epe.dataplane.control.ControlRequest;

/**
 * The {@code capture} requests of the control socket:
 * <pre>
 * {"command":"capture","topic":"start",
 *  "args":{"port":"core","sid":"fc00:a::1","point":"in,drop","snaplen":128,"count":10}}
 * {"command":"capture","topic":"read","args":{"id":1}}
 * {"command":"capture","topic":"stop","args":{"id":1}}
 * </pre>
 * {@code port} is required ({@code any} for every port); the others are optional. Answers are
 * {@link CaptureJson}'s; mistakes are answered with one line naming them (unknown port, bad SID, ...).
 */
public final class CaptureControlHandler implements ControlHandler
{
    /** Argument: port name or {@code any}. */
    public static final String ARG_PORT = "port";
    /** Argument: the SID (outer IPv6 destination) frames must carry. */
    public static final String ARG_SID = "sid";
    /** Argument: capture points, see {@link CapturePoint#parseMask}. */
    public static final String ARG_POINT = "point";
    /** Argument: bytes kept of each frame. */
    public static final String ARG_SNAPLEN = "snaplen";
    /** Argument: frames to capture. */
    public static final String ARG_COUNT = "count";
    /** Argument of {@code read} and {@code stop}: the capture's id. */
    public static final String ARG_ID = "id";

    private final CaptureService service;

    /**
     * @param service the router's captures
     */
    public CaptureControlHandler(final CaptureService service)
    {
        this.service = service;
    }

    @Override
    public JsonNode handle(final ControlRequest request) throws ControlException
    {
        try
        {
            switch (request.topic() == null ? "" : request.topic())
            {
                case "start":
                {
                    final Long count = number(request, ARG_COUNT);
                    final Long snapLength = number(request, ARG_SNAPLEN);
                    final Integer snap = snapLength == null ? null :
                        (int)Math.max(Integer.MIN_VALUE, Math.min(snapLength, Integer.MAX_VALUE));
                    final CaptureFilter filter = CaptureFilter.parse(request.arg(ARG_PORT), request.arg(ARG_SID),
                        request.arg(ARG_POINT), snap, count, service.portNames());
                    return CaptureJson.started(service.start(filter), filter, service.portNames());
                }
                case "read":
                    return CaptureJson.batch(service.read(id(request)));
                case "stop":
                    return CaptureJson.batch(service.stop(id(request)));
                default:
                    throw new ControlException("unknown capture request '" + request.topic() +
                        "' (known: start, read, stop)");
            }
        }
        catch (final IllegalArgumentException | IllegalStateException ex)
        {
            throw new ControlException(ex.getMessage());
        }
    }

    private static long id(final ControlRequest request) throws ControlException
    {
        final Long id = number(request, ARG_ID);
        if (id == null)
        {
            throw new ControlException("capture " + request.topic() + " needs the capture's id");
        }
        return id;
    }

    private static Long number(final ControlRequest request, final String name) throws ControlException
    {
        final String text = request.arg(name);
        if (text == null)
        {
            return null;
        }
        try
        {
            return Long.parseLong(text.strip());
        }
        catch (final NumberFormatException ex)
        {
            throw new ControlException(name + " must be a whole number, not '" + text + "'");
        }
    }
}
