package net.srv6epe.dataplane.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.srv6epe.srv6.DropReason;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The capture's JSON on the control socket, both ways (the router encodes, {@code srv6 capture} decodes):
 * <pre>
 * start: {"id":1,"ports":["core","edge"],"snaplen":2048,"filter":"port core points all snaplen 2048"}
 * batch: {"id":1,"state":"running","captured":3,"ring-full":0,"more":false,"frames":[
 *          {"time-ns":1764000000123456789,"point":"drop","port":0,"reason":"drop.srh.sl-nonzero","length":118,
 *           "data":"AgAAAAABAgAAAADBht1g..."}]}
 * </pre>
 * Frame bytes travel as base64; at capture rates the control socket carries that easily.
 */
public final class CaptureJson
{
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private CaptureJson()
    {
    }

    /** The answer to {@code capture start}. */
    public static ObjectNode started(final long id, final CaptureFilter filter, final List<String> portNames)
    {
        final ObjectNode node = JSON.objectNode();
        node.put("id", id);
        final ArrayNode ports = node.putArray("ports");
        portNames.forEach(ports::add);
        node.put("snaplen", filter.snapLength());
        node.put("filter", filter.describe(portNames));
        return node;
    }

    /** The answer to {@code capture read} and {@code capture stop}. */
    public static ObjectNode batch(final CaptureBatch batch)
    {
        final ObjectNode node = JSON.objectNode();
        node.put("id", batch.id());
        node.put("state", batch.state().label());
        node.put("captured", batch.captured());
        node.put("ring-full", batch.ringFull());
        node.put("more", batch.more());
        final ArrayNode frames = node.putArray("frames");
        for (final CapturedFrame f : batch.frames())
        {
            final ObjectNode frame = frames.addObject();
            frame.put("time-ns", f.timestampNs());
            frame.put("point", f.point().label());
            frame.put("port", f.port());
            if (f.reason() != null)
            {
                frame.put("reason", f.reason().label());
            }
            frame.put("length", f.originalLength());
            frame.put("data", f.data());
        }
        return node;
    }

    /**
     * Decodes a batch.
     *
     * @throws IllegalArgumentException when the JSON is not a batch (a router of another version)
     */
    public static CaptureBatch batch(final JsonNode node)
    {
        final List<CapturedFrame> frames = new ArrayList<>();
        for (final JsonNode f : required(node, "frames"))
        {
            final String reason = f.path("reason").asText(null);
            frames.add(new CapturedFrame(required(f, "time-ns").asLong(),
                CapturePoint.ofLabel(required(f, "point").asText()), required(f, "port").asInt(),
                reason == null ? null : dropReason(reason), required(f, "length").asInt(), bytes(required(f, "data"))));
        }
        return new CaptureBatch(required(node, "id").asLong(), CaptureState.ofLabel(required(node, "state").asText()),
            required(node, "captured").asLong(), required(node, "ring-full").asLong(),
            required(node, "more").asBoolean(), frames);
    }

    private static DropReason dropReason(final String label)
    {
        for (final DropReason r : DropReason.values())
        {
            if (r.label().equals(label))
            {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown drop reason '" + label + "'");
    }

    private static byte[] bytes(final JsonNode data)
    {
        try
        {
            return data.binaryValue();
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("frame data is not base64", ex);
        }
    }

    /** A member that must be there. */
    static JsonNode required(final JsonNode node, final String name)
    {
        final JsonNode value = node.get(name);
        if (value == null || value.isNull())
        {
            throw new IllegalArgumentException("capture response without '" + name + "'");
        }
        return value;
    }
}
