package net.srv6epe.bgp.fsm;

import net.srv6epe.bgp.wire.capability.MultiprotocolCapability;
import net.srv6epe.bgp.wire.capability.OptionalParameter;
import net.srv6epe.bgp.wire.error.ErrorSubcode;
import net.srv6epe.bgp.wire.message.NotificationMessage;
import net.srv6epe.bgp.wire.message.OpenMessage;
import net.srv6epe.bgp.wire.nlri.AddressFamily;
import net.srv6epe.srv6.Ipv4Address;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.List;

/**
 * Checks a received OPEN against the session configuration, in the order of RFC 4271 6.2: version, My AS, hold
 * time, BGP identifier, optional parameters; then the capabilities we cannot do without (RFC 5492 5). Stateless.
 */
public final class OpenValidator
{
    private OpenValidator()
    {
    }

    /**
     * @return null when the OPEN is acceptable, else the NOTIFICATION to answer with
     */
    public static OpenRejection validate(final SessionConfig config, final OpenMessage open)
    {
        if (open.version() != OpenMessage.VERSION)
        {
            // RFC 4271 6.2: data = the largest locally supported version number, 2 octets
            return reject(ErrorSubcode.UNSUPPORTED_VERSION_NUMBER, new byte[]{ 0, OpenMessage.VERSION },
                "version " + open.version() + ", we speak " + OpenMessage.VERSION);
        }
        final long peerAs = open.asNumber();
        if (peerAs != config.peerAs())
        {
            // RFC 4271 6.2 Bad Peer AS; RFC 6793 4.1: the AS of the 4-octet AS capability when present. The
            // data (not fixed by the RFC) is the 2-octet My AS field, as FRR sends it.
            return reject(ErrorSubcode.BAD_PEER_AS, new byte[]{ (byte)(open.myAs() >>> 8), (byte)open.myAs() },
                "expected " + config.peerAs() + ", got " + peerAs);
        }
        if (open.holdTimeS() == 1 || open.holdTimeS() == 2)
        {
            // RFC 4271 6.2: the hold time MUST be 0 or at least 3 seconds
            return reject(ErrorSubcode.UNACCEPTABLE_HOLD_TIME, new byte[0], "hold time " + open.holdTimeS() + " s");
        }
        if (open.bgpIdentifier() == 0 || open.bgpIdentifier() == config.bgpIdentifier())
        {
            // RFC 4271 6.2, RFC 6286 2.2: non-zero and different from ours
            return reject(ErrorSubcode.BAD_BGP_IDENTIFIER, new byte[0], "identifier " +
                Ipv4Address.format(open.bgpIdentifier()) + (open.bgpIdentifier() == 0 ? "" : " is ours"));
        }
        for (final OptionalParameter p : open.optionalParameters())
        {
            if (p.type() != OptionalParameter.TYPE_CAPABILITIES)
            {
                // RFC 4271 6.2: an Optional Parameter that is not recognized
                return reject(ErrorSubcode.UNSUPPORTED_OPTIONAL_PARAMETER, new byte[0], "optional parameter type " +
                    p.type());
            }
        }
        if (NegotiatedSession.negotiate(config, open).families().isEmpty())
        {
            // RFC 5492 5: Unsupported Capability, data = the capabilities we need and the peer lacks
            final List<AddressFamily> wanted = config.families();
            final UnsafeBuffer data = new UnsafeBuffer(new byte[wanted.size() * (2 + MultiprotocolCapability.LENGTH)]);
            int cursor = 0;
            for (final AddressFamily f : wanted)
            {
                cursor += new MultiprotocolCapability(f).encode(data, cursor);
            }
            return reject(ErrorSubcode.UNSUPPORTED_CAPABILITY, data.byteArray(), "no common address family: we offer " +
                wanted + ", the peer " + peerFamilies(open));
        }
        return null;
    }

    private static String peerFamilies(final OpenMessage open)
    {
        final List<AddressFamily> families = open.capabilities().stream()
            .filter(c -> c instanceof MultiprotocolCapability)
            .map(c -> ((MultiprotocolCapability)c).family())
            .toList();
        return families.isEmpty() ? "[ipv4-unicast] (no multiprotocol capability)" : families.toString();
    }

    private static OpenRejection reject(final ErrorSubcode subcode, final byte[] data, final String reason)
    {
        return new OpenRejection(NotificationMessage.of(subcode, data), reason);
    }
}
