package net.srv6epe.dataplane.config;

/** Terminal route actions ({@code routes[].action}), spelled as iproute2 route types. */
public enum RouteAction
{
    /** Silently discard matching packets. */
    BLACKHOLE("blackhole"),
    /** Discard matching packets and answer with ICMP destination unreachable. */
    UNREACHABLE("unreachable");

    private final String configName;

    RouteAction(final String configName)
    {
        this.configName = configName;
    }

    /** The spelling used in the configuration file and in {@code show route}. */
    public String configName()
    {
        return configName;
    }

    /**
     * Finds an action by its configuration spelling.
     *
     * @throws IllegalArgumentException naming the value and the accepted ones.
     */
    public static RouteAction fromConfigName(final String name)
    {
        for (final RouteAction a : values())
        {
            if (a.configName.equals(name))
            {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown route action '" + name + "' (known: blackhole, unreachable)");
    }

    @Override
    public String toString()
    {
        return configName;
    }
}
