package net.srv6epe.dataplane.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Immutable copies of lists bound from YAML. Null elements ({@code - ~}) are kept so the validator can name
 * them; a valid configuration has none.
 */
final class ConfigLists
{
    private ConfigLists()
    {
    }

    static <T> List<T> copyOf(final List<T> list)
    {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
