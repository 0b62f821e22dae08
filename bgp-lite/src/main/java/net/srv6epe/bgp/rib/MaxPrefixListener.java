package net.srv6epe.bgp.rib;

import net.srv6epe.bgp.wire.message.NotificationMessage;

/**
 * Told when a peer's route count crosses its max-prefix warning threshold and when it exceeds the limit. On the
 * latter the session layer is expected to send {@code notification} (Cease, Maximum Number of Prefixes Reached,
 * RFC 4486 4) and close the session; the RIB accepts nothing more from the peer until {@link Rib#peerDown}.
 */
public interface MaxPrefixListener
{
    /** The count reached the warning threshold (once per crossing). */
    default void onMaxPrefixWarning(final RibPeer peer, final int count, final int limit)
    {
    }

    /**
     * The count went above the limit.
     *
     * @param notification Cease 6/1 with the RFC 4486 data: AFI (2), SAFI (1), prefix upper bound (4)
     */
    void onMaxPrefixExceeded(RibPeer peer, int count, int limit, NotificationMessage notification);
}
