package net.srv6epe.dataplane.control;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Answers control requests; implemented by the router. Called on the control thread only, one request at a
 * time, so an implementation needs no locking of its own (but must read data-plane state through the same
 * snapshots and counters the workers publish).
 */
@FunctionalInterface
public interface ControlHandler
{
    /**
     * Answers one request.
     *
     * @param request the decoded request.
     * @return the {@code data} of the response (conventionally an array of row objects for {@code show}).
     * @throws ControlException for requests the operator can fix (unknown topic, unknown VRF); its message is
     *                          sent back as the response's {@code error}.
     */
    JsonNode handle(ControlRequest request) throws ControlException;
}
