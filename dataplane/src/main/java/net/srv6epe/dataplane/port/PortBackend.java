package net.srv6epe.dataplane.port;

import net.srv6epe.dataplane.port.afpacket.AfPacketPort;

/**
 * The frame I/O backends a port can be opened with, by their configuration names ({@code ports[].backend} in the
 * YAML, {@link PortFactory#open}).
 */
public enum PortBackend
{
    /**
     * A live interface through an AF_PACKET socket with PACKET_MMAP rings: {@link AfPacketPort}. The default for
     * live ports; where packet sockets are unavailable {@link PortFactory} opens {@link #PCAP} instead and says why.
     */
    AF_PACKET("af-packet", true),
    /**
     * Experimental: a live interface through an AF_XDP socket in copy mode on its queue 0 ({@code XskSocket}): no
     * fanout, no offload metadata, frames up to a page; the perf suite's way to measure AF_XDP.
     */
    AF_XDP("af-xdp", true),
    /** A live interface through libpcap: {@link PcapLivePort}. */
    PCAP("pcap", true),
    /** Capture files: {@link PcapFilePort}. */
    PCAP_FILE("pcap-file", false),
    /** In-memory queues: {@link MemoryPort} (tests; refused in configuration files). */
    MEMORY("memory", false);

    private static final PortBackend[] VALUES = values();

    private final String configName;
    private final boolean live;

    PortBackend(final String configName, final boolean live)
    {
        this.configName = configName;
        this.live = live;
    }

    /** The name used in configuration files, e.g. {@code pcap-file}. */
    public String configName()
    {
        return configName;
    }

    /** True for the backends on a kernel interface ({@code interface} required, our MAC may come from it). */
    public boolean live()
    {
        return live;
    }

    /**
     * The backend for a configuration name.
     *
     * @throws IllegalArgumentException naming the value and listing the known names
     */
    public static PortBackend fromConfigName(final String name)
    {
        for (final PortBackend b : VALUES)
        {
            if (b.configName.equals(name))
            {
                return b;
            }
        }
        throw new IllegalArgumentException(
            "unknown backend '" + name + "' (known: af-packet, af-xdp, pcap, pcap-file, memory)");
    }

    @Override
    public String toString()
    {
        return configName;
    }
}
