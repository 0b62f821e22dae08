package net.srv6epe.dataplane.port;

import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import net.srv6epe.dataplane.port.afpacket.AfPacketPort;
import net.srv6epe.dataplane.port.afpacket.AfPacketSettings;
import net.srv6epe.dataplane.port.afpacket.RxRingKind;
import net.srv6epe.dataplane.port.afxdp.XdpRedirect;
import net.srv6epe.dataplane.port.afxdp.XskSocket;
import net.srv6epe.dataplane.port.afxdp.XskUmem;

/** Opens ports from their configuration. */
public final class PortFactory
{
    /** The MAC value meaning "use the interface's own MAC" (live backends only). */
    public static final long INTERFACE_MAC = -1L;

    private static final Logger LOG = LoggerFactory.getLogger(PortFactory.class);
    /** Ethernet header and one VLAN tag: what a frame adds to the IP MTU. */
    private static final int VLAN_FRAME_OVERHEAD = 18;
    /** UMEM chunks of an {@code af-xdp} port: half to receive into, half to send from. */
    private static final int XSK_FRAMES = 8192;

    private PortFactory()
    {
    }

    /**
     * Opens one port.
     *
     * <p>{@code af-packet} opens an {@link AfPacketPort}; where packet sockets cannot be used at all (not Linux,
     * {@code socket(AF_PACKET)} refused: {@link AfPacketPort#unavailableReason()}) it opens a {@link PcapLivePort}
     * instead and logs one line saying why. Any other failure (no such interface, a refused socket option) is an
     * error, as it is for every backend.
     *
     * @param name the port's configured name.
     * @param backend {@code af-packet}, {@code pcap}, {@code pcap-file} or {@code memory} (see {@link PortBackend}).
     * @param interfaceName the Linux interface (live backends); ignored otherwise.
     * @param readPath capture file to replay ({@code pcap-file}), or null.
     * @param writePath capture file receiving sent frames ({@code pcap-file}), or null.
     * @param mac our MAC on the link; {@link #INTERFACE_MAC} takes the interface's MAC (live backends only).
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
        return open(name, backend, interfaceName, readPath, writePath, mac, mtu, RxRingKind.BLOCKS, null);
    }

    /**
     * As {@link #open(String, String, String, String, String, long, int)}, an {@code af-packet} port with the
     * receive ring {@code rxRing} (the other backends have no ring), an {@code af-xdp} port in {@code xdpUmem}
     * when it is not null ({@link #sharedXdpUmem}; else in a UMEM of its own).
     */
    public static Port open(
        final String name,
        final String backend,
        final String interfaceName,
        final String readPath,
        final String writePath,
        final long mac,
        final int mtu,
        final RxRingKind rxRing,
        final XskUmem xdpUmem)
    {
        return open(name, backend, interfaceName, readPath, writePath, mac, mtu, rxRing, xdpUmem,
            AfPacketPort::unavailableReason);
    }

    /**
     * As {@link #open(String, String, String, String, String, long, int, RxRingKind, XskUmem)}, asking
     * {@code afPacketUnavailable}.
     */
    static Port open(
        final String name,
        final String backend,
        final String interfaceName,
        final String readPath,
        final String writePath,
        final long mac,
        final int mtu,
        final RxRingKind rxRing,
        final XskUmem xdpUmem,
        final Supplier<String> afPacketUnavailable)
    {
        final PortBackend kind = PortBackend.fromConfigName(backend);
        checkMtu(name, mtu);
        if (!kind.live() && mac < 0)
        {
            throw new IllegalArgumentException("port '" + name + "': backend " + backend + " needs an explicit mac");
        }
        switch (kind)
        {
            case AF_PACKET:
            {
                final String unavailable = afPacketUnavailable.get();
                if (unavailable != null)
                {
                    LOG.warn("port '{}' on '{}': af-packet unavailable ({}); using pcap", name, interfaceName,
                        unavailable);
                    return PcapLivePort.open(name, interfaceName, mac, mtu);
                }
                return AfPacketPort.open(name, interfaceName, mac, mtu, AfPacketSettings.DEFAULT.withRxRing(rxRing));
            }
            case AF_XDP:
                return XskSocket.open(name, interfaceName, mac >= 0 ? mac : InterfaceMac.of(name, interfaceName), mtu,
                    0, XSK_FRAMES, xdpMultiBuffer(mtu), xdpUmem);
            case PCAP:
                return PcapLivePort.open(name, interfaceName, mac, mtu);
            case PCAP_FILE:
                return PcapFilePort.open(name, readPath, writePath, mac, mtu);
            case MEMORY:
            default:
                return new MemoryPort(name, mac, mtu);
        }
    }

    /**
     * Opens one of the sockets several workers share a port through: an {@link AfPacketPort} in
     * {@code PACKET_FANOUT} group {@code fanoutGroup} (the kernel hands each frame to one socket of the group, each
     * flow always to the same one). Never falls back to pcap: a pcap handle sees every frame, so N of them would
     * forward each frame N times.
     *
     * @param name the port's configured name.
     * @param interfaceName the Linux interface.
     * @param mac our MAC on the link, or {@link #INTERFACE_MAC}.
     * @param mtu IP MTU of the link.
     * @param fanoutGroup the port's group id, 0..65535, the same for every socket of the port.
     * @param rxRing the receive ring of each socket.
     * @throws PortException when af-packet is unavailable or the socket cannot join the group.
     */
    public static Port openFanoutSocket(
        final String name,
        final String interfaceName,
        final long mac,
        final int mtu,
        final int fanoutGroup,
        final RxRingKind rxRing)
    {
        checkMtu(name, mtu);
        return AfPacketPort.open(name, interfaceName, mac, mtu,
            AfPacketSettings.DEFAULT.withFanoutGroup(fanoutGroup).withRxRing(rxRing));
    }

    /**
     * Opens the sockets several workers share an {@code af-xdp} port through: one AF_XDP socket per receive queue of
     * the interface, socket {@code w} on queue {@code w} for worker {@code w}, under one redirect program. Which queue
     * (so which worker) a frame reaches is the interface's choice: a NIC's RSS hash, a veth's sender's transmit
     * queue; a flow stays on one. Never falls back: nothing is left open or attached when one socket fails.
     *
     * @throws PortException naming the interface and what failed, e.g. fewer receive queues than workers.
     */
    public static Port[] openXdpQueueSockets(final String name, final String interfaceName, final long mac,
        final int mtu, final int workers)
    {
        return openXdpQueueSockets(name, interfaceName, mac, mtu, new XskUmem[workers]);
    }

    /**
     * As {@link #openXdpQueueSockets(String, String, long, int, int)} for {@code umems.length} workers, worker w's
     * socket in {@code umems[w]} (the UMEM its other ports share: {@link #sharedXdpUmem}), or in one of its own where
     * that is null.
     */
    public static Port[] openXdpQueueSockets(final String name, final String interfaceName, final long mac,
        final int mtu, final XskUmem[] umems)
    {
        checkMtu(name, mtu);
        final int workers = umems.length;
        final long ourMac = mac >= 0 ? mac : InterfaceMac.of(name, interfaceName);
        final XdpRedirect redirect = XdpRedirect.attach(interfaceName, workers, xdpMultiBuffer(mtu));
        final Port[] sockets = new Port[workers];
        try
        {
            for (int w = 0; w < workers; w++)
            {
                sockets[w] = XskSocket.open(name, interfaceName, ourMac, mtu, w, XSK_FRAMES, redirect, umems[w]);
            }
            return sockets;
        }
        catch (final RuntimeException ex)
        {
            closeOpened(sockets);
            throw ex;
        }
        finally
        {
            redirect.release(); // the sockets hold it now
        }
    }

    /**
     * Opens the {@code workers} sockets of an {@code af-packet} port shared by several workers, all in fanout group
     * {@code fanoutGroup} ({@link #openFanoutSocket}); nothing is left open when one fails.
     */
    public static Port[] openFanoutSockets(final String name, final String interfaceName, final long mac,
        final int mtu, final int fanoutGroup, final RxRingKind rxRing, final int workers)
    {
        final Port[] sockets = new Port[workers];
        try
        {
            for (int w = 0; w < workers; w++)
            {
                sockets[w] = openFanoutSocket(name, interfaceName, mac, mtu, fanoutGroup, rxRing);
            }
            return sockets;
        }
        catch (final RuntimeException ex)
        {
            closeOpened(sockets);
            throw ex;
        }
    }

    private static void checkMtu(final String name, final int mtu)
    {
        if (mtu < 68 || mtu > 9216)
        {
            throw new IllegalArgumentException("port '" + name + "': mtu " + mtu + " outside 68..9216");
        }
    }

    private static void closeOpened(final Port[] sockets)
    {
        for (final Port opened : sockets)
        {
            if (opened != null)
            {
                opened.close();
            }
        }
    }

    /**
     * A UMEM for the {@code af-xdp} ports of one worker, of IP MTUs {@code mtus}: each port's socket takes its fill
     * ring's chunks from it and sends from it, a frame forwarded between them sent from the chunk it arrived in;
     * multi-buffer when one of them needs it. The caller {@link XskUmem#release}s it once the ports are open (each
     * socket holds it).
     */
    public static XskUmem sharedXdpUmem(final int... mtus)
    {
        boolean multiBuffer = false;
        for (final int mtu : mtus)
        {
            multiBuffer |= xdpMultiBuffer(mtu);
        }
        return XskUmem.allocate(Integer.highestOneBit(mtus.length * XSK_FRAMES * 2 - 1), multiBuffer);
    }

    /** Whether an {@code af-xdp} port of IP MTU {@code mtu} needs frames over several UMEM chunks. */
    private static boolean xdpMultiBuffer(final int mtu)
    {
        return mtu + VLAN_FRAME_OVERHEAD > XskSocket.RX_FRAME_MAX;
    }
}
