package net.srv6epe.dataplane.port.afpacket;

import java.util.Locale;

/**
 * Which receive ring an {@link AfPacketPort} maps (config {@code ports[].rx-ring}).
 */
public enum RxRingKind
{
    /**
     * TPACKET_V3: packets packed into blocks of {@link AfPacketSettings#blockSize()}; a block holds a 64 KiB GRO/GSO
     * super-frame (split before the pipeline sees it), and the reader touches one status word per block. A block is
     * handed over when full or {@link AfPacketSettings#retireTimeoutMs()} after its first frame, so on a link that
     * does not fill blocks within that time frames wait up to that long.
     */
    BLOCKS,
    /**
     * TPACKET_V2: one frame per slot, sized for the port's MTU, handed over the moment the kernel wrote it: no block
     * timeout, for low latency. A frame larger than a slot (a GRO/GSO super-frame: turn offloads off on the peer,
     * {@code ethtool -K IF gro off tso off gso off}) is dropped and counted ({@code rx-truncated}).
     */
    FRAMES;

    /** The name in configuration: {@code blocks} or {@code frames}. */
    public String configName()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The kind named {@code name} in configuration.
     *
     * @throws IllegalArgumentException naming the value and the choices.
     */
    public static RxRingKind fromConfigName(final String name)
    {
        for (final RxRingKind k : values())
        {
            if (k.configName().equals(name))
            {
                return k;
            }
        }
        throw new IllegalArgumentException("rx-ring '" + name + "': blocks or frames");
    }
}
