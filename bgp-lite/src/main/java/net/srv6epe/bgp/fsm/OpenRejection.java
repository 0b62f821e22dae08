package net.srv6epe.bgp.fsm;

import net.srv6epe.bgp.wire.message.NotificationMessage;

/**
 * Why a peer's OPEN is refused: the NOTIFICATION to send (RFC 4271 6.2) and a readable reason.
 *
 * @param notification what to send before closing
 * @param reason       what is wrong, e.g. {@code expected 65001, got 65002}
 */
public record OpenRejection(NotificationMessage notification, String reason)
{
}
