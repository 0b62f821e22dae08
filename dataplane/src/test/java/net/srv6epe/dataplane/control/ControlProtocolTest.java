package net.srv6epe.dataplane.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ControlProtocolTest
{
    @Test
    void roundTripsARequest() throws ControlException
    {
        final ObjectNode args = JsonNodeFactory.instance.objectNode().put("vrf", "peer-a");
        final String line = ControlProtocol.encodeRequest(new ControlRequest("show", "route", args));

        assertEquals("{\"command\":\"show\",\"topic\":\"route\",\"args\":{\"vrf\":\"peer-a\"}}", line);
        final ControlRequest back = ControlProtocol.decodeRequest(line);
        assertEquals("show", back.command());
        assertEquals("route", back.topic());
        assertEquals("peer-a", back.arg(ControlRequest.ARG_VRF));
        assertNull(back.arg(ControlRequest.ARG_FAMILY));
    }

    @Test
    void defaultsMissingArgsToAnEmptyObject() throws ControlException
    {
        final ControlRequest request = ControlProtocol.decodeRequest("{\"command\":\"clear\",\"topic\":\"counters\"}");

        assertTrue(request.args().isEmpty());
    }

    @Test
    void encodesResponses() throws ControlException
    {
        final String ok = ControlProtocol.encodeOk(JsonNodeFactory.instance.arrayNode().add(1));
        final String error = ControlProtocol.encodeError("no VRF named 'x'");

        assertEquals("{\"ok\":true,\"data\":[1]}", ok);
        assertEquals("{\"ok\":false,\"error\":\"no VRF named 'x'\"}", error);
        final JsonNode data = ControlProtocol.decodeResponse(ok);
        assertEquals(1, data.get(0).intValue());
        assertEquals("no VRF named 'x'",
            assertThrows(ControlException.class, () -> ControlProtocol.decodeResponse(error)).getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        not json                                   | malformed request: not JSON
        [1,2]                                      | malformed request: expected a JSON object
        {"topic":"route"}                          | malformed request: 'command' must be a string
        {"command":"show","topic":5}               | malformed request: 'topic' must be a string
        {"command":"show","topic":"x","args":[1]}  | malformed request: 'args' must be an object
        """)
    void rejectsMalformedRequests(final String line, final String message)
    {
        assertEquals(message, assertThrows(ControlException.class, () -> ControlProtocol.decodeRequest(line))
            .getMessage());
    }
}
