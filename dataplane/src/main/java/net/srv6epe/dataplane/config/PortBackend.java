package net.srv6epe.dataplane.config;

/** How a port reads and writes frames ({@code ports[].backend}). */
public enum PortBackend
{
    /** Live capture and injection on a kernel interface through libpcap. */
    PCAP("pcap"),
    /** Offline: frames are read from a pcap file and written to another one. */
    PCAP_FILE("pcap-file");

    private final String configName;

    PortBackend(final String configName)
    {
        this.configName = configName;
    }

    /** The spelling used in the configuration file. */
    public String configName()
    {
        return configName;
    }

    /**
     * Finds a backend by its configuration spelling.
     *
     * @throws IllegalArgumentException naming the value and the accepted ones.
     */
    public static PortBackend fromConfigName(final String name)
    {
        for (final PortBackend b : values())
        {
            if (b.configName.equals(name))
            {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown backend '" + name + "' (known: pcap, pcap-file)");
    }

    @Override
    public String toString()
    {
        return configName;
    }
}
