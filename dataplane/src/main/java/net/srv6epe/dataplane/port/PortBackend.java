package net.srv6epe.dataplane.port;

/** The frame I/O backends a port can be opened with, by their configuration names. */
public enum PortBackend
{
    /** A live interface through libpcap: {@link PcapLivePort}. */
    PCAP("pcap"),
    /** Capture files: {@link PcapFilePort}. */
    PCAP_FILE("pcap-file"),
    /** In-memory queues: {@link MemoryPort}. */
    MEMORY("memory");

    private final String configName;

    PortBackend(final String configName)
    {
        this.configName = configName;
    }

    /** The name used in configuration files, e.g. {@code pcap-file}. */
    public String configName()
    {
        return configName;
    }

    /**
     * The backend for a configuration name.
     *
     * @throws IllegalArgumentException listing the known names
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
        throw new IllegalArgumentException("unknown port backend '" + name + "' (known: pcap, pcap-file, memory)");
    }
}
