package net.srv6epe.bgp.fsm;

import net.srv6epe.bgp.wire.nlri.AddressFamily;

import java.util.List;

/**
 * What one BGP session is configured with, independent of transport addresses.
 *
 * @param localAs              our AS (1..4294967295); My AS carries AS_TRANS when it needs 4 octets (RFC 6793)
 * @param bgpIdentifier        our BGP identifier, non-zero (RFC 4271 4.2)
 * @param peerAs               the AS the peer must announce (RFC 4271 6.2 Bad Peer AS otherwise)
 * @param holdTimeS            the hold time we propose: 0 (no keepalives, no hold timer) or 3..65535 (RFC 4271 4.2)
 * @param connectRetryTimeS    first ConnectRetry interval (RFC 4271 10 suggests 120 s)
 * @param maxConnectRetryTimeS ceiling of the exponential back-off of ConnectRetry and of the automatic restart
 * @param passive              true: never connect, only accept (RFC 4271 8.1.1 PassiveTcpEstablishment)
 * @param families             address families offered with the multiprotocol capability (RFC 4760 8)
 * @param extendedMessage      true: offer the RFC 8654 Extended Message capability
 */
public record SessionConfig(long localAs, int bgpIdentifier, long peerAs, int holdTimeS, int connectRetryTimeS,
    int maxConnectRetryTimeS, boolean passive, List<AddressFamily> families, boolean extendedMessage)
{
    /** RFC 4271 10: suggested hold time. */
    public static final int DEFAULT_HOLD_TIME_S = 90;
    /** RFC 4271 10: suggested ConnectRetry interval. */
    public static final int DEFAULT_CONNECT_RETRY_TIME_S = 120;
    /** Back-off ceiling: 8 x the suggested ConnectRetry. */
    public static final int DEFAULT_MAX_CONNECT_RETRY_TIME_S = 960;
    private static final long MAX_AS = 0xFFFF_FFFFL;

    /**
     * @throws IllegalArgumentException naming the field that is out of range
     */
    public SessionConfig
    {
        families = List.copyOf(families);
        requireAs("local-as", localAs);
        requireAs("peer-as", peerAs);
        if (bgpIdentifier == 0)
        {
            throw new IllegalArgumentException("router-id: 0.0.0.0 is not a valid BGP identifier (RFC 4271 4.2)");
        }
        if (holdTimeS < 0 || holdTimeS > 0xFFFF || holdTimeS == 1 || holdTimeS == 2)
        {
            throw new IllegalArgumentException("hold-time: " + holdTimeS + " s, must be 0 or 3..65535 (RFC 4271 4.2)");
        }
        if (connectRetryTimeS < 1)
        {
            throw new IllegalArgumentException("connect-retry-time: " + connectRetryTimeS + " s, must be >= 1");
        }
        if (maxConnectRetryTimeS < connectRetryTimeS)
        {
            throw new IllegalArgumentException("max-connect-retry-time: " + maxConnectRetryTimeS +
                " s is below connect-retry-time " + connectRetryTimeS + " s");
        }
        if (families.isEmpty())
        {
            throw new IllegalArgumentException("address-families: at least one is needed");
        }
    }

    /** A session with the RFC's suggested timers, active, offering IPv6 unicast and VPN-IPv6, Extended Message. */
    public static SessionConfig of(final long localAs, final int bgpIdentifier, final long peerAs)
    {
        return new SessionConfig(localAs, bgpIdentifier, peerAs, DEFAULT_HOLD_TIME_S, DEFAULT_CONNECT_RETRY_TIME_S,
            DEFAULT_MAX_CONNECT_RETRY_TIME_S, false, List.of(AddressFamily.IPV6_UNICAST, AddressFamily.VPN_IPV6),
            true);
    }

    /** The same with another proposed hold time. */
    public SessionConfig withHoldTimeS(final int seconds)
    {
        return new SessionConfig(localAs, bgpIdentifier, peerAs, seconds, connectRetryTimeS, maxConnectRetryTimeS,
            passive, families, extendedMessage);
    }

    /** The same with other ConnectRetry bounds. */
    public SessionConfig withConnectRetryTimeS(final int seconds, final int maxSeconds)
    {
        return new SessionConfig(localAs, bgpIdentifier, peerAs, holdTimeS, seconds, maxSeconds, passive, families,
            extendedMessage);
    }

    /** The same, passive or not. */
    public SessionConfig withPassive(final boolean isPassive)
    {
        return new SessionConfig(localAs, bgpIdentifier, peerAs, holdTimeS, connectRetryTimeS, maxConnectRetryTimeS,
            isPassive, families, extendedMessage);
    }

    /** The same with other families offered. */
    public SessionConfig withFamilies(final List<AddressFamily> offered)
    {
        return new SessionConfig(localAs, bgpIdentifier, peerAs, holdTimeS, connectRetryTimeS, maxConnectRetryTimeS,
            passive, offered, extendedMessage);
    }

    /** True for an eBGP session. */
    public boolean external()
    {
        return localAs != peerAs;
    }

    private static void requireAs(final String field, final long as)
    {
        if (as < 1 || as > MAX_AS)
        {
            throw new IllegalArgumentException(field + ": " + as + " not in 1..4294967295");
        }
    }
}
