package net.srv6epe.dataplane.journal;

/**
 * One difference between two forwarding snapshots.
 *
 * @param kind      route, SID or rule
 * @param vrf       the VRF the route is in, the SID decapsulates into (empty when none) or the rule looks up
 * @param key       the prefix, SID or rule selector in text form
 * @param oldAction the action before, or null when added
 * @param newAction the action after, or null when removed
 */
public record StateChange(ChangeKind kind, String vrf, String key, String oldAction, String newAction)
{
    /** True when the entry did not exist before. */
    public boolean added()
    {
        return oldAction == null;
    }

    /** True when the entry does not exist after. */
    public boolean removed()
    {
        return newAction == null;
    }
}
