package net.srv6epe.bgp.role;

import net.srv6epe.vrf.sid.LocalSid;

/**
 * Where the ASBR role puts the SIDs it allocates (one per egress peer VRF); the wiring implements it over the
 * local SID table of the forwarding state. Used from the speaker thread.
 */
public interface LocalSidSink
{
    /**
     * Installs or replaces a local SID.
     *
     * @param cause for the route-event journal
     */
    void install(LocalSid sid, String cause);

    /** Removes a local SID; removing an absent SID is not an error. */
    void remove(long sidHi, long sidLo, String cause);
}
