package net.srv6epe.bgp.fsm;

/**
 * Connection collision resolution (RFC 4271 6.8): of two connections between the same pair of speakers, the one
 * opened by the speaker with the higher BGP identifier survives. Identifiers compare as unsigned 32-bit integers
 * in host byte order.
 */
public final class CollisionResolver
{
    private CollisionResolver()
    {
    }

    /**
     * @param localBgpId  our BGP identifier
     * @param remoteBgpId the peer's BGP identifier
     * @return true when the connection we initiated survives, false when the one the peer initiated does
     */
    public static boolean keepsLocallyInitiated(final int localBgpId, final int remoteBgpId)
    {
        // RFC 4271 6.8: local < remote -> close the connection the local system opened
        return Integer.compareUnsigned(localBgpId, remoteBgpId) > 0;
    }
}
