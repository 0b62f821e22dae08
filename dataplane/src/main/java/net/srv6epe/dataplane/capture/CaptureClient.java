package net.srv6epe.dataplane.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.srv6epe.dataplane.control.ControlClient;
import net.srv6epe.dataplane.control.ControlException;
import net.srv6epe.dataplane.control.ControlRequest;

import java.util.ArrayList;
import java.util.List;

/** The {@code capture} requests from the CLI's side of the control socket (see {@link CaptureControlHandler}). */
public final class CaptureClient
{
    private static final String COMMAND = "capture";

    private final ControlClient client;

    /**
     * @param client the router's control socket
     */
    public CaptureClient(final ControlClient client)
    {
        this.client = client;
    }

    /**
     * A capture the router started.
     *
     * @param id         its id
     * @param portNames  the router's ports by index: the file's interfaces
     * @param snapLength bytes kept of each frame
     * @param filter     the router's one-line description of what it copies
     */
    public record Started(long id, List<String> portNames, int snapLength, String filter)
    {
        /** Copies the list. */
        public Started
        {
            portNames = List.copyOf(portNames);
        }
    }

    /**
     * Asks the router to start capturing.
     *
     * @param port       a port name or {@code any}
     * @param sid        the SID frames must carry as their outer IPv6 destination, or null
     * @param points     {@code in}, {@code out}, {@code drop}, {@code all} or a comma list
     * @param snapLength bytes kept of each frame
     * @param count      frames to capture, or null for no limit
     * @throws ControlException the router's refusal (unknown port, bad SID, a capture already running) or a
     *     socket failure, in one line
     */
    public Started start(final String port, final String sid, final String points, final int snapLength,
        final Long count) throws ControlException
    {
        final ObjectNode args = JsonNodeFactory.instance.objectNode();
        args.put(CaptureControlHandler.ARG_PORT, port);
        if (sid != null)
        {
            args.put(CaptureControlHandler.ARG_SID, sid);
        }
        args.put(CaptureControlHandler.ARG_POINT, points);
        args.put(CaptureControlHandler.ARG_SNAPLEN, snapLength);
        if (count != null)
        {
            args.put(CaptureControlHandler.ARG_COUNT, count);
        }
        final JsonNode data = client.request(new ControlRequest(COMMAND, "start", args));
        try
        {
            final List<String> ports = new ArrayList<>();
            CaptureJson.required(data, "ports").forEach(p -> ports.add(p.asText()));
            return new Started(CaptureJson.required(data, "id").asLong(), ports,
                CaptureJson.required(data, "snaplen").asInt(), CaptureJson.required(data, "filter").asText());
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ControlException("unexpected answer from the router: " + ex.getMessage());
        }
    }

    /** The frames captured since the last read; renews the capture's lease. */
    public CaptureBatch read(final long id) throws ControlException
    {
        return batch("read", id);
    }

    /** Stops the capture and returns the frames its ring still holds. */
    public CaptureBatch stop(final long id) throws ControlException
    {
        return batch("stop", id);
    }

    private CaptureBatch batch(final String topic, final long id) throws ControlException
    {
        final ObjectNode args = JsonNodeFactory.instance.objectNode();
        args.put(CaptureControlHandler.ARG_ID, id);
        final JsonNode data = client.request(new ControlRequest(COMMAND, topic, args));
        try
        {
            return CaptureJson.batch(data);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ControlException("unexpected answer from the router: " + ex.getMessage());
        }
    }
}
