package net.srv6epe.bgp.rib;

import java.util.HashMap;
import java.util.Map;

/**
 * Shares identical {@link PathAttributes} between routes: a full VPNv6 table from one route reflector typically
 * has a handful of distinct attribute sets for a million routes. Reference counted: a set is forgotten when the
 * last route holding it goes. Not thread safe.
 */
public final class AttributeInterner
{
    private final Map<PathAttributes, PathAttributes> sets = new HashMap<>();

    /** The shared instance equal to {@code attributes}, its reference count incremented. */
    public PathAttributes acquire(final PathAttributes attributes)
    {
        final PathAttributes shared = sets.computeIfAbsent(attributes, a -> a);
        shared.references++;
        return shared;
    }

    /** Adds one reference to an already shared set (a route copied into a second table). */
    public void retain(final PathAttributes shared)
    {
        shared.references++;
    }

    /** Drops one reference; the set is forgotten at zero. */
    public void release(final PathAttributes shared)
    {
        if (shared != null && --shared.references <= 0)
        {
            sets.remove(shared);
        }
    }

    /** Distinct sets held. */
    public int size()
    {
        return sets.size();
    }
}
