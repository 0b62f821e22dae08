package net.srv6epe.dataplane.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One entry of {@code vrfs[].routes:}. A valid route is exactly one of:
 * <ul>
 *     <li>forward: {@code via} (with an optional {@code port} when the next hop is not resolvable otherwise);</li>
 *     <li>connected: {@code port} alone;</li>
 *     <li>encap: {@code encap};</li>
 *     <li>drop: {@code action};</li>
 *     <li>bond: {@code bond} (docs/BONDING.md).</li>
 * </ul>
 * {@link #kind()} tells which.
 *
 * @param prefix {@code prefix}: required, IPv6 or IPv4 prefix in canonical form (no host bits set).
 * @param via    {@code via}: next hop address, same family as the prefix; null when absent.
 * @param port   {@code port}: name of the output port; null when absent.
 * @param encap  {@code encap}: SRv6 headend policy; null when absent.
 * @param action {@code action}: {@code blackhole} or {@code unreachable}; null when absent.
 * @param bond   {@code bond}: name of a {@code bonds:} entry; null when absent.
 */
public record RouteConfig(String prefix, String via, String port, EncapConfig encap, RouteAction action, String bond)
{
    /** A route that is not a bond's. */
    public RouteConfig(
        final String prefix, final String via, final String port, final EncapConfig encap, final RouteAction action)
    {
        this(prefix, via, port, encap, action, null);
    }

    /** What a route does with a matching packet. */
    public enum Kind
    {
        /** Forward to the next hop {@link RouteConfig#via()}. */
        FORWARD,
        /** The prefix is on the link of {@link RouteConfig#port()}; the destination is its own next hop. */
        CONNECTED,
        /** Encapsulate per {@link RouteConfig#encap()}. */
        ENCAP,
        /** Drop per {@link RouteConfig#action()}. */
        DROP,
        /** Spread over the members of the bond {@link RouteConfig#bond()}. */
        BOND
    }

    /** Binds the YAML mapping. */
    @JsonCreator
    static RouteConfig of(
        @JsonProperty("prefix") final String prefix,
        @JsonProperty("via") final String via,
        @JsonProperty("port") final String port,
        @JsonProperty("encap") final EncapConfig encap,
        @JsonProperty("action") final RouteAction action,
        @JsonProperty("bond") final String bond)
    {
        return new RouteConfig(prefix, via, port, encap, action, bond);
    }

    /**
     * The route's kind, judged in the order bond, encap, action, via, port. Meaningful on validated configurations,
     * where exactly one applies.
     *
     * @return the kind, or null when the route has none of via, port, encap, action and bond.
     */
    public Kind kind()
    {
        if (bond != null)
        {
            return Kind.BOND;
        }
        if (encap != null)
        {
            return Kind.ENCAP;
        }
        if (action != null)
        {
            return Kind.DROP;
        }
        if (via != null)
        {
            return Kind.FORWARD;
        }
        return port != null ? Kind.CONNECTED : null;
    }
}
