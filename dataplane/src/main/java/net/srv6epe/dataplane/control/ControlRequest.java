package net.srv6epe.dataplane.control;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One request line: {@code {"command":"show","topic":"route","args":{"vrf":"peer-a"}}}.
 *
 * @param command the verb: {@code show}, {@code clear}.
 * @param topic   what it applies to: {@code interfaces}, {@code neighbors}, {@code route}, {@code sids},
 *                {@code pbr}, {@code errors}, {@code counters}.
 * @param args    options, never null (empty when absent): {@code vrf} (string), {@code family}
 *                ({@code inet} or {@code inet6}).
 */
public record ControlRequest(String command, String topic, ObjectNode args)
{
    /** Argument key naming a VRF. */
    public static final String ARG_VRF = "vrf";
    /** Argument key restricting to one address family: {@link #FAMILY_INET} or {@link #FAMILY_INET6}. */
    public static final String ARG_FAMILY = "family";
    /** IPv4, as iproute2 names it. */
    public static final String FAMILY_INET = "inet";
    /** IPv6, as iproute2 names it. */
    public static final String FAMILY_INET6 = "inet6";

    /** Makes a request; null args become empty. */
    public ControlRequest
    {
        args = args == null ? JsonNodeFactory.instance.objectNode() : args;
    }

    /** A string argument, or null when absent. */
    public String arg(final String name)
    {
        return args.hasNonNull(name) ? args.get(name).asText() : null;
    }
}
