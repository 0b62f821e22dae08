package net.srv6epe.dataplane.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import net.srv6epe.dataplane.config.RouterConfig;

/**
 * What a configuration reload may change. The forwarding tables — {@code vrfs} (and their routes),
 * {@code locators}, {@code sids}, {@code pbr} — are applied by a reload; the other sections are bound to threads,
 * sockets and ports opened at start ({@code router}, {@code ports}, the static {@code neighbors} the neighbor agent
 * was given, {@code bgp}), and a change there needs a restart.
 */
final class ReloadScope
{
    private ReloadScope()
    {
    }

    /** The top-level sections that differ between the two configurations and only a restart applies; empty if none. */
    static List<String> restartOnly(final RouterConfig running, final RouterConfig next)
    {
        final List<String> sections = new ArrayList<>();
        if (!Objects.equals(running.router(), next.router()))
        {
            sections.add("router");
        }
        if (!Objects.equals(running.ports(), next.ports()))
        {
            sections.add("ports");
        }
        if (!Objects.equals(running.neighbors(), next.neighbors()))
        {
            sections.add("neighbors");
        }
        if (!Objects.equals(running.bgp(), next.bgp()))
        {
            sections.add("bgp");
        }
        return sections;
    }
}
