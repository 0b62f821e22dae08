package net.srv6epe.dataplane.port;

/** Opens ports from their configuration. */
public final class PortFactory
{
    /** The MAC value meaning "use the interface's own MAC" (live backends only). */
    public static final long INTERFACE_MAC = -1L;

    private PortFactory()
    {
    }

    /**
     * Opens one port.
     *
     * @param name the port's configured name.
     * @param backend {@code pcap}, {@code pcap-file} or {@code memory} (see {@link PortBackend}).
     * @param interfaceName the Linux interface ({@code pcap}); ignored otherwise.
     * @param readPath capture file to replay ({@code pcap-file}), or null.
     * @param writePath capture file receiving sent frames ({@code pcap-file}), or null.
     * @param mac our MAC on the link; {@link #INTERFACE_MAC} takes the interface's MAC ({@code pcap} only).
     * @param mtu IP MTU of the link.
     * @throws PortException or IllegalArgumentException saying what is wrong with the configuration.
     */
    public static Port open(
        final String name,
        final String backend,
        final String interfaceName,
        final String readPath,
        final String writePath,
        final long mac,
        final int mtu)
    {
        final PortBackend kind = PortBackend.fromConfigName(backend);
        if (mtu < 68 || mtu > 9216)
        {
            throw new IllegalArgumentException("port '" + name + "': mtu " + mtu + " outside 68..9216");
        }
        if (kind != PortBackend.PCAP && mac < 0)
        {
            throw new IllegalArgumentException("port '" + name + "': backend " + backend + " needs an explicit mac");
        }
        switch (kind)
        {
            case PCAP:
                return PcapLivePort.open(name, interfaceName, mac, mtu);
            case PCAP_FILE:
                return PcapFilePort.open(name, readPath, writePath, mac, mtu);
            case MEMORY:
            default:
                return new MemoryPort(name, mac, mtu);
        }
    }
}
