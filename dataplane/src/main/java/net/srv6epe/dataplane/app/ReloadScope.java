package net.srv6epe.dataplane.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import net.srv6epe.dataplane.config.RouterConfig;
import net.srv6epe.dataplane.config.SidConfig;

/**
 * What a configuration reload may change. The forwarding tables — {@code vrfs} (and their routes),
 * {@code locators}, {@code sids}, {@code pbr} — are applied by a reload; the other sections are bound to threads,
 * sockets and ports opened at start ({@code router}, {@code ports}, the static {@code neighbors} the neighbor agent
 * was given, {@code bgp}, the {@code bonds} and the tail ends' {@code sids[].bond} whose state the workers keep), and a
 * change there needs a restart.
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
        if (!Objects.equals(running.bonds(), next.bonds()))
        {
            sections.add("bonds");
        }
        if (!Objects.equals(tailEnds(running), tailEnds(next)))
        {
            sections.add("sids[].bond");
        }
        return sections;
    }

    /** Each bond tail-end SID with its bond settings. */
    private static List<String> tailEnds(final RouterConfig config)
    {
        final List<String> tails = new ArrayList<>();
        for (final SidConfig s : config.sids())
        {
            if (s != null && s.bond() != null)
            {
                tails.add(s.sid() + " " + s.behavior() + " " + s.vrf() + " " + s.bond());
            }
        }
        return tails;
    }
}
