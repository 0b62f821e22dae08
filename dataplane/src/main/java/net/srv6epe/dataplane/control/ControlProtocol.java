package net.srv6epe.dataplane.control;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The control protocol's encoding: one JSON object per line (UTF-8, terminated by {@code \n}) each way.
 * <pre>
 * request:  {"command":"show","topic":"route","args":{"vrf":"peer-a"}}
 * response: {"ok":true,"data":[...]}   or   {"ok":false,"error":"no VRF named 'x'"}
 * </pre>
 */
public final class ControlProtocol
{
    /** Longest accepted line in bytes; a longer request is answered with an error and the connection closed. */
    public static final int MAX_LINE_BYTES = 64 * 1024;

    /** The mapper used for both directions; compact output, keys in insertion order. */
    public static final ObjectMapper MAPPER = new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT);

    private ControlProtocol()
    {
    }

    /** Encodes a request line, without the newline. */
    public static String encodeRequest(final ControlRequest request)
    {
        final ObjectNode node = MAPPER.createObjectNode();
        node.put("command", request.command());
        node.put("topic", request.topic());
        node.set("args", request.args());
        return write(node);
    }

    /**
     * Decodes a request line.
     *
     * @throws ControlException when the line is not a request object.
     */
    public static ControlRequest decodeRequest(final String line) throws ControlException
    {
        final JsonNode node;
        try
        {
            node = MAPPER.readTree(line);
        }
        catch (final JsonProcessingException ex)
        {
            throw new ControlException("malformed request: not JSON");
        }
        if (node == null || !node.isObject())
        {
            throw new ControlException("malformed request: expected a JSON object");
        }
        final JsonNode command = node.get("command");
        if (command == null || !command.isTextual())
        {
            throw new ControlException("malformed request: 'command' must be a string");
        }
        final JsonNode topic = node.get("topic");
        if (topic != null && !topic.isTextual() && !topic.isNull())
        {
            throw new ControlException("malformed request: 'topic' must be a string");
        }
        final JsonNode args = node.get("args");
        if (args != null && !args.isObject() && !args.isNull())
        {
            throw new ControlException("malformed request: 'args' must be an object");
        }
        return new ControlRequest(command.asText(), topic == null || topic.isNull() ? null : topic.asText(),
            args == null || args.isNull() ? null : (ObjectNode)args);
    }

    /** Encodes a success response line, without the newline. */
    public static String encodeOk(final JsonNode data)
    {
        final ObjectNode node = MAPPER.createObjectNode();
        node.put("ok", true);
        node.set("data", data == null ? MAPPER.nullNode() : data);
        return write(node);
    }

    /** Encodes an error response line, without the newline. */
    public static String encodeError(final String error)
    {
        final ObjectNode node = MAPPER.createObjectNode();
        node.put("ok", false);
        node.put("error", error);
        return write(node);
    }

    /**
     * Decodes a response line and returns its data.
     *
     * @throws ControlException carrying the router's error, or when the line is not a response.
     */
    public static JsonNode decodeResponse(final String line) throws ControlException
    {
        final JsonNode node;
        try
        {
            node = MAPPER.readTree(line);
        }
        catch (final JsonProcessingException ex)
        {
            throw new ControlException("malformed response from the router: not JSON");
        }
        if (node == null || !node.isObject() || !node.path("ok").isBoolean())
        {
            throw new ControlException("malformed response from the router: no 'ok'");
        }
        if (!node.get("ok").booleanValue())
        {
            throw new ControlException(node.path("error").asText("unknown error"));
        }
        return node.path("data");
    }

    private static String write(final JsonNode node)
    {
        try
        {
            return MAPPER.writeValueAsString(node);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException("cannot encode control message", ex);
        }
    }
}
