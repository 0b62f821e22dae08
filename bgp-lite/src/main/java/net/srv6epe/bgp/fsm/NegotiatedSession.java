package net.srv6epe.bgp.fsm;

import net.srv6epe.bgp.wire.WireOptions;
import net.srv6epe.bgp.wire.capability.MultiprotocolCapability;
import net.srv6epe.bgp.wire.message.OpenMessage;
import net.srv6epe.bgp.wire.nlri.AddressFamily;
import net.srv6epe.srv6.Ipv4Address;

import java.util.List;

/**
 * What both OPENs agreed on (RFC 4271 4.2, RFC 5492): the result of capability negotiation handed to the listener.
 *
 * @param peerAs          the peer's AS (from the 4-octet AS capability when present, RFC 6793 4.1)
 * @param peerBgpId       the peer's BGP identifier
 * @param holdTimeMs      negotiated hold time: the smaller of both proposals, 0 = no hold timer (RFC 4271 4.2)
 * @param keepaliveTimeMs KEEPALIVE interval: a third of the hold time, 0 when the hold time is 0 (RFC 4271 10)
 * @param families        families both sides offered, in our configured order (IPv4 unicast implied by a peer
 *                        that offers no multiprotocol capability, RFC 4760 8)
 * @param fourOctetAs     both sides offered the 4-octet AS capability (RFC 6793)
 * @param routeRefresh    the peer offered route refresh (RFC 2918): it will accept ROUTE-REFRESH
 * @param extendedMessage both sides offered Extended Message (RFC 8654): messages up to 65535 octets
 * @param peerOpen        the peer's OPEN as received
 */
public record NegotiatedSession(long peerAs, int peerBgpId, long holdTimeMs, long keepaliveTimeMs,
    List<AddressFamily> families, boolean fourOctetAs, boolean routeRefresh, boolean extendedMessage,
    OpenMessage peerOpen)
{
    public NegotiatedSession
    {
        families = List.copyOf(families);
    }

    /**
     * Negotiates from our configuration and the peer's (already validated) OPEN.
     */
    public static NegotiatedSession negotiate(final SessionConfig config, final OpenMessage peerOpen)
    {
        // RFC 4271 4.2: the smaller of the two proposals; 0 means no hold timer and no KEEPALIVEs
        final long holdTimeMs = Math.min(config.holdTimeS(), peerOpen.holdTimeS()) * 1000L;
        final boolean peerOffersMp = peerOpen.capabilities().stream()
            .anyMatch(c -> c instanceof MultiprotocolCapability);
        final List<AddressFamily> families = config.families().stream()
            .filter(f -> peerOffersMp ? peerOpen.supports(f) : f.equals(AddressFamily.IPV4_UNICAST))
            .toList();
        return new NegotiatedSession(peerOpen.asNumber(), peerOpen.bgpIdentifier(), holdTimeMs, holdTimeMs / 3,
            families, peerOpen.supportsFourOctetAs(), peerOpen.supportsRouteRefresh(),
            config.extendedMessage() && peerOpen.supportsExtendedMessage(), peerOpen);
    }

    /** How bytes are read and written on this session. */
    public WireOptions wireOptions()
    {
        return new WireOptions(extendedMessage ? WireOptions.EXTENDED_MAX_MESSAGE_LENGTH :
            WireOptions.STANDARD_MAX_MESSAGE_LENGTH, fourOctetAs);
    }

    @Override
    public String toString()
    {
        return "peer-as " + peerAs + " id " + Ipv4Address.format(peerBgpId) + " hold " + holdTimeMs / 1000 +
            " s keepalive " + keepaliveTimeMs / 1000 + " s families " + families +
            (fourOctetAs ? " 4-octet-as" : "") + (routeRefresh ? " route-refresh" : "") +
            (extendedMessage ? " extended-message" : "");
    }
}
