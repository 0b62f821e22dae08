package net.srv6epe.dataplane.capture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.srv6epe.dataplane.control.ControlException;
import net.srv6epe.dataplane.control.ControlProtocol;
import net.srv6epe.dataplane.control.ControlRequest;
import net.srv6epe.srv6.DropReason;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static net.srv6epe.dataplane.pipeline.PipelineFixture.EDGE;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The {@code capture} requests of the control socket: what they answer, and the one line for each mistake. */
class CaptureControlHandlerTest
{
    private final CaptureSwitch captureSwitch = new CaptureSwitch();
    private final CaptureService service = new CaptureService(List.of("core", "edge"), captureSwitch,
        () -> 0, () -> 1_764_000_000_000_000_000L);
    private final CaptureControlHandler handler = new CaptureControlHandler(service);

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "start | {\"sid\":\"fc00:a::1\"}            | capture needs a port (one of: core, edge, any)",
        "start | {\"port\":\"uplink9\"}             | no port named 'uplink9' (known: core, edge, any)",
        "start | {\"port\":\"core\",\"sid\":\"fc00::zz\"} | bad SID 'fc00::zz': not an IPv6 address",
        "start | {\"port\":\"core\",\"sid\":\"fc00:a::/64\"} " +
            "| bad SID 'fc00:a::/64': give one address, without a prefix length",
        "start | {\"port\":\"core\",\"point\":\"sideways\"} " +
            "| unknown capture point 'sideways' (known: in, out, drop, all)",
        "start | {\"port\":\"core\",\"snaplen\":10}  | snaplen must be between 14 and 65535, not 10",
        "start | {\"port\":\"core\",\"count\":0}     | count must be at least 1, not 0",
        "start | {\"port\":\"core\",\"count\":\"ten\"} | count must be a whole number, not 'ten'",
        "read  | {}                                 | capture read needs the capture's id",
        "stop  | {\"id\":3}                         | no capture 3 (none is running)",
        "pause | {}                                 | unknown capture request 'pause' (known: start, read, stop)",
    })
    void aMistakeIsAnsweredWithOneLineNamingIt(final String topic, final String args, final String message)
        throws Exception
    {
        final ControlRequest request = new ControlRequest("capture", topic,
            (ObjectNode)ControlProtocol.MAPPER.readTree(args));
        assertEquals(message, assertThrows(ControlException.class, () -> handler.handle(request)).getMessage());
    }

    @Test
    void startAnswersTheIdThePortsAndTheFilter() throws Exception
    {
        final JsonNode started = handler.handle(request("start",
            "{\"port\":\"edge\",\"sid\":\"fc00:a::1\",\"point\":\"in,drop\",\"snaplen\":128,\"count\":5}"));

        assertEquals("{\"id\":1,\"ports\":[\"core\",\"edge\"],\"snaplen\":128," +
            "\"filter\":\"port edge sid fc00:a::1 points in,drop snaplen 128 count 5\"}", started.toString());
    }

    @Test
    void readCarriesTheFramesTheCliDecodesAsTheRouterTookThem() throws Exception
    {
        final long id = handler.handle(request("start", "{\"port\":\"any\"}")).get("id").asLong();
        final byte[] frame = CaptureFrames.frame(EDGE, "IPv6(H,fc00:a::99)/UDP(1,2)", 64);
        final CaptureTap tap = captureSwitch.current();
        tap.received(EDGE, new UnsafeBuffer(frame), 0, frame.length);
        tap.dropped(DropReason.SRV6_SID_UNKNOWN);

        final JsonNode json = ControlProtocol.MAPPER.readTree(
            ControlProtocol.MAPPER.writeValueAsString(handler.handle(request("read", "{\"id\":" + id + "}"))));
        final CaptureBatch batch = CaptureJson.batch(json);

        assertEquals(CaptureState.RUNNING, batch.state());
        assertEquals(2, batch.captured());
        assertEquals(List.of("in edge", "drop edge: drop.srv6.sid-unknown"),
            batch.frames().stream().map(f -> f.comment(service.portNames())).toList());
        assertArrayEquals(frame, batch.frames().get(1).data());
        assertEquals(frame.length, batch.frames().get(1).originalLength());
        assertEquals(1_764_000_000_000_000_000L, batch.frames().get(1).timestampNs());
        assertEquals("drop.srv6.sid-unknown", json.at("/frames/1/reason").asText());
    }

    private static ControlRequest request(final String topic, final String args) throws Exception
    {
        return new ControlRequest("capture", topic, (ObjectNode)ControlProtocol.MAPPER.readTree(args));
    }
}
