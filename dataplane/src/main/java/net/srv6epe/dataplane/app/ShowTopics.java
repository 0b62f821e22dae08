package net.srv6epe.dataplane.app;

import com.fasterxml.jackson.databind.node.ArrayNode;

/**
 * The {@code show} topics as rows of flat JSON objects (keys documented on {@link ConfigView} and
 * {@link LiveView}). The running router answers from its live state ({@link LiveView}); a configuration alone
 * answers from what it says ({@link ConfigView}). Family filters take {@code null} (both), {@code true} (IPv6)
 * or {@code false} (IPv4).
 */
public interface ShowTopics
{
    ArrayNode interfaces(String vrf, Boolean ipv6);

    ArrayNode neighbors(String vrf, Boolean ipv6);

    ArrayNode routes(String vrf, Boolean ipv6);

    ArrayNode sids(String vrf);

    ArrayNode pbr(String vrf, Boolean ipv6);

    ArrayNode errors();

    ArrayNode counters();

    /** Sets the counters to zero; returns how many counters were cleared. */
    long clearCounters();
}
