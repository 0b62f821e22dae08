package net.srv6epe.dataplane.port.afpacket;

import java.nio.ByteBuffer;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import net.srv6epe.dataplane.port.FrameHandler;
import net.srv6epe.dataplane.port.InterfaceMac;
import net.srv6epe.dataplane.port.MacAddress;
import net.srv6epe.dataplane.port.Port;
import net.srv6epe.dataplane.port.PortBackend;
import net.srv6epe.dataplane.port.PortCounter;
import net.srv6epe.dataplane.port.PortCounters;
import net.srv6epe.dataplane.port.PortException;
import net.srv6epe.dataplane.port.linux.Libc;

/**
 * A port on a Linux interface through an {@code AF_PACKET} socket ({@code SOCK_RAW}, {@code ETH_P_ALL}) with a
 * PACKET_MMAP receive ring (TPACKET_V3 blocks, {@link RxRing}, or TPACKET_V2 frames, {@link FrameRing}: see
 * {@link RxRingKind}) and batched {@code sendmmsg(2)} transmit, driven through JNA direct mapping
 * ({@link Libc}): no C of our own, nothing allocated per frame.
 *
 * <p>The socket is bound to the interface by index, joins it as a promiscuous member
 * ({@code PACKET_ADD_MEMBERSHIP PACKET_MR_PROMISC}: we are our own Ethernet host with our own MAC on a link the
 * kernel also owns), never reads back frames the host sends ({@code PACKET_IGNORE_OUTGOING}, and
 * {@code sll_pkttype == PACKET_OUTGOING} skipped), and asks for a {@code virtio_net_hdr} before each frame
 * ({@code PACKET_VNET_HDR}) so that frames a kernel peer left to checksum offload are finished and GSO
 * super-frames are split before the handler sees them ({@link RxPacket}). Optionally the socket joins a
 * {@code PACKET_FANOUT} group ({@link AfPacketSettings#fanoutGroup()}) so that several workers can each own one
 * socket of the same interface.
 *
 * <p>Receive hands frames zero copy from the ring, returns blocks to the kernel as soon as their frames are handed,
 * and, if {@link AfPacketSettings#pollTimeoutMs()} is not 0, waits in {@code poll(2)} that long at most when
 * nothing is ready (by default it never waits: the worker's idle strategy idles). With the block ring a quiet
 * link's frames wait at most {@link AfPacketSettings#retireTimeoutMs()} in a block the kernel has not handed over
 * yet; the frame ring hands each frame over at once. {@link #rxTimestampNs()} gives the kernel's receive time of
 * the frame being handed.
 * {@link #send} queues a copy; {@link #flush} (and a full batch) sends the queue in one {@code sendmmsg} call.
 * Kernel ring drops ({@code PACKET_STATISTICS}) are read into {@link PortCounter#RX_DROPPED} and
 * {@link PortCounter#RX_RING_FREEZES} on the receiving thread about every {@value #STATS_INTERVAL_MS} ms.
 *
 * <p>Needs Linux 4.20 or later (PACKET_IGNORE_OUTGOING) on a 64-bit little-endian machine, and CAP_NET_RAW.
 */
public final class AfPacketPort implements Port
{
    /** How often the receiving thread reads the kernel's ring statistics. */
    public static final long STATS_INTERVAL_MS = 100;

    private static final int STATS_CHECK_EVERY_CALLS = 64;
    private static final int SEND_BUFFER_BYTES = 4 * 1024 * 1024;
    private static final int CONTROL_BYTES = 128;

    private final String name;
    private final String interfaceName;
    private final int ifindex;
    private final long mac;
    private final int mtu;
    private final AfPacketSettings settings;
    private final int fd;
    private final long ringAddress;
    private final long ringLength;
    private final PortCounters counters = new PortCounters();
    private final ReceiveRing rx;
    private final TxBatch tx;
    /** Native scratch for poll and getsockopt: pollfd at 0, option length at 16, statistics at 32. */
    private final UnsafeBuffer control;
    private int statsCountdown = STATS_CHECK_EVERY_CALLS;
    private long lastStatsNs;
    private boolean closed;

    private AfPacketPort(
        final String name,
        final String interfaceName,
        final int ifindex,
        final long mac,
        final int mtu,
        final AfPacketSettings settings,
        final int fd,
        final long ringAddress,
        final UnsafeBuffer control)
    {
        this.name = name;
        this.interfaceName = interfaceName;
        this.ifindex = ifindex;
        this.mac = mac;
        this.mtu = mtu;
        this.settings = settings;
        this.fd = fd;
        this.ringAddress = ringAddress;
        this.ringLength = (long)settings.blockSize() * settings.blockCount();
        this.control = control;
        final UnsafeBuffer mapped = new UnsafeBuffer(ringAddress, (int)ringLength);
        final int slot = frameSlotSize(mtu);
        this.rx = settings.rxRing() == RxRingKind.FRAMES ?
            new FrameRing(mapped, slot, (int)(ringLength / slot), counters) :
            new RxRing(mapped, settings.blockSize(), settings.blockCount(), counters);
        this.tx = new TxBatch(fd, settings.txBatch(), MAX_FRAME_LENGTH, true, counters);
        control.putInt(Libc.POLLFD_FD_OFFSET, fd);
        control.putShort(Libc.POLLFD_EVENTS_OFFSET, Libc.POLLIN);
        lastStatsNs = System.nanoTime();
    }

    /**
     * Why this backend cannot be used on this machine, or null when it can: not Linux, not 64-bit
     * little-endian, the C library not bindable, or {@code socket(AF_PACKET, SOCK_RAW)} refused (no CAP_NET_RAW,
     * packet sockets not built in).
     */
    public static String unavailableReason()
    {
        if (Libc.UNAVAILABLE_REASON != null)
        {
            return Libc.UNAVAILABLE_REASON;
        }
        final int probe = Libc.socket(Libc.AF_PACKET, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, 0);
        if (probe < 0)
        {
            return "socket(AF_PACKET, SOCK_RAW) refused: " + Libc.describe(Libc.errno());
        }
        Libc.close(probe);
        return null;
    }

    /**
     * Opens {@code interfaceName} with {@link AfPacketSettings#DEFAULT}.
     *
     * @see #open(String, String, long, int, AfPacketSettings)
     */
    public static AfPacketPort open(final String name, final String interfaceName, final long mac, final int mtu)
    {
        return open(name, interfaceName, mac, mtu, AfPacketSettings.DEFAULT);
    }

    /**
     * Opens a packet socket on {@code interfaceName}: ring, bind, promiscuous membership, fanout.
     *
     * @param name the port's configured name.
     * @param interfaceName the Linux interface, e.g. {@code veth0}.
     * @param mac our MAC on the link; a negative value takes the interface's own MAC.
     * @param mtu the IP MTU of the link.
     * @param settings ring sizes, batch size and fanout group.
     * @throws PortException when the backend is unavailable, the interface does not exist, or a socket option is
     *                       refused, naming the step and the errno.
     */
    public static AfPacketPort open(
        final String name,
        final String interfaceName,
        final long mac,
        final int mtu,
        final AfPacketSettings settings)
    {
        final String unavailable = Libc.UNAVAILABLE_REASON;
        if (unavailable != null)
        {
            throw new PortException("port '" + name + "': af-packet unavailable: " + unavailable);
        }
        if (interfaceName == null || interfaceName.isEmpty() || interfaceName.length() > 15 ||
            interfaceName.contains("/"))
        {
            throw new PortException("port '" + name + "': no such interface '" + interfaceName + "' (ip link show)");
        }
        final int ifindex = Libc.if_nametoindex(interfaceName);
        if (ifindex <= 0)
        {
            throw new PortException("port '" + name + "': no such interface '" + interfaceName + "' (ip link show)");
        }
        final long ourMac = mac >= 0 ? mac : InterfaceMac.of(name, interfaceName);
        final UnsafeBuffer control = new UnsafeBuffer(ByteBuffer.allocateDirect(CONTROL_BYTES));
        final int fd = Libc.socket(Libc.AF_PACKET, Libc.SOCK_RAW | Libc.SOCK_NONBLOCK | Libc.SOCK_CLOEXEC, 0);
        if (fd < 0)
        {
            final int errno = Libc.errno();
            throw new PortException("port '" + name + "': socket(AF_PACKET, SOCK_RAW) refused: " +
                Libc.describe(errno) + (errno == Libc.EPERM || errno == Libc.EACCES ?
                " (run as root or grant CAP_NET_RAW and CAP_NET_ADMIN)" : ""));
        }
        long ring = Libc.MAP_FAILED;
        final long ringLength = (long)settings.blockSize() * settings.blockCount();
        try
        {
            final String where = "port '" + name + "' on '" + interfaceName + "': ";
            final boolean frames = settings.rxRing() == RxRingKind.FRAMES;
            setInt(control, fd, PacketAbi.PACKET_VERSION, frames ? PacketAbi.TPACKET_V2 : PacketAbi.TPACKET_V3,
                where + "PACKET_VERSION " + (frames ? "V2" : "V3"));
            // Must precede the ring (EBUSY after): every ring frame then carries its virtio_net_hdr.
            setInt(control, fd, PacketAbi.PACKET_VNET_HDR, 1, where + "PACKET_VNET_HDR");
            setInt(control, fd, PacketAbi.PACKET_IGNORE_OUTGOING, 1, where + "PACKET_IGNORE_OUTGOING");

            control.setMemory(0, CONTROL_BYTES, (byte)0);
            control.putInt(PacketAbi.REQ3_BLOCK_SIZE_OFFSET, settings.blockSize());
            control.putInt(PacketAbi.REQ3_BLOCK_NR_OFFSET, settings.blockCount());
            // V3 packs frames of any size into a block, the kernel still wants frame_size * frame_nr consistent;
            // V2 cuts each block into slots of frame_size (the V3-only fields after frame_nr are not read).
            final int frameSize = frames ? frameSlotSize(mtu) : 2048;
            control.putInt(PacketAbi.REQ3_FRAME_SIZE_OFFSET, frameSize);
            control.putInt(PacketAbi.REQ3_FRAME_NR_OFFSET, settings.blockSize() / frameSize * settings.blockCount());
            control.putInt(PacketAbi.REQ3_RETIRE_BLK_TOV_OFFSET, settings.retireTimeoutMs());
            control.putInt(PacketAbi.REQ3_SIZEOF_PRIV_OFFSET, 0);
            control.putInt(PacketAbi.REQ3_FEATURE_REQ_WORD_OFFSET, 0);
            check(Libc.setsockopt(fd, PacketAbi.SOL_PACKET, PacketAbi.PACKET_RX_RING, control.addressOffset(),
                PacketAbi.REQ3_LENGTH), where + "PACKET_RX_RING of " + settings.blockCount() + " x " +
                settings.blockSize() + " bytes" + (frames ? " in frames of " + frameSize : ""));

            ring = Libc.mmap(0L, ringLength, Libc.PROT_READ | Libc.PROT_WRITE, Libc.MAP_SHARED | Libc.MAP_POPULATE,
                fd, 0L);
            if (ring == Libc.MAP_FAILED)
            {
                throw new PortException(where + "mmap of the ring failed: " + Libc.describe(Libc.errno()));
            }

            control.setMemory(0, CONTROL_BYTES, (byte)0);
            control.putShort(PacketAbi.SLL_FAMILY_OFFSET, (short)Libc.AF_PACKET);
            control.putShort(PacketAbi.SLL_PROTOCOL_OFFSET, Libc.ETH_P_ALL_NETWORK_ORDER);
            control.putInt(PacketAbi.SLL_IFINDEX_OFFSET, ifindex);
            check(Libc.bind(fd, control.addressOffset(), PacketAbi.SOCKADDR_LL_LENGTH), where + "bind");

            control.setMemory(0, CONTROL_BYTES, (byte)0);
            control.putInt(PacketAbi.MREQ_IFINDEX_OFFSET, ifindex);
            control.putShort(PacketAbi.MREQ_TYPE_OFFSET, (short)PacketAbi.PACKET_MR_PROMISC);
            check(Libc.setsockopt(fd, PacketAbi.SOL_PACKET, PacketAbi.PACKET_ADD_MEMBERSHIP, control.addressOffset(),
                PacketAbi.MREQ_LENGTH), where + "PACKET_ADD_MEMBERSHIP promiscuous");

            if (settings.fanoutGroup() != AfPacketSettings.NO_FANOUT)
            {
                final int typeFlags = PacketAbi.PACKET_FANOUT_HASH | PacketAbi.PACKET_FANOUT_FLAG_DEFRAG;
                setInt(control, fd, PacketAbi.PACKET_FANOUT, settings.fanoutGroup() | typeFlags << 16,
                    where + "PACKET_FANOUT group " + settings.fanoutGroup() +
                    " (a group of another protocol, type or interface has this id?)");
            }

            // Room for a few batches in flight; best effort (SO_SNDBUFFORCE needs CAP_NET_ADMIN, SO_SNDBUF is
            // capped by net.core.wmem_max). Back-pressure beyond it is retried and counted by TxBatch.
            control.putInt(0, SEND_BUFFER_BYTES);
            if (Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_SNDBUFFORCE, control.addressOffset(), 4) != 0)
            {
                Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_SNDBUF, control.addressOffset(), 4);
            }

            control.setMemory(0, CONTROL_BYTES, (byte)0);
            final AfPacketPort port = new AfPacketPort(name, interfaceName, ifindex, ourMac, mtu, settings, fd, ring,
                control);
            ring = Libc.MAP_FAILED; // owned by the port now
            return port;
        }
        catch (final RuntimeException ex)
        {
            if (ring != Libc.MAP_FAILED)
            {
                Libc.munmap(ring, ringLength);
            }
            Libc.close(fd);
            throw ex;
        }
    }

    private static void setInt(final UnsafeBuffer control, final int fd, final int option, final int value,
        final String what)
    {
        control.putInt(0, value);
        check(Libc.setsockopt(fd, PacketAbi.SOL_PACKET, option, control.addressOffset(), 4), what);
    }

    private static void check(final int result, final String what)
    {
        if (result != 0)
        {
            throw new PortException(what + " refused: " + Libc.describe(Libc.errno()));
        }
    }

    /**
     * The slot size of a frame ring for a link of IP MTU {@code mtu}: the kernel's offset of the frame in a TPACKET_V2
     * slot ({@link RxLayout#macOffset()}) plus an Ethernet header with an 802.1Q tag plus the MTU, rounded up to a
     * power of two (2048 for 1500, 16384 for 9216): a frame up to the MTU fits, a super-frame does not.
     */
    static int frameSlotSize(final int mtu)
    {
        return Integer.highestOneBit(RxLayout.V2.macOffset() + 18 + mtu - 1) << 1;
    }

    @Override
    public PortBackend backend()
    {
        return PortBackend.AF_PACKET;
    }

    @Override
    public int readableFd()
    {
        return fd;
    }

    @Override
    public String rxRing()
    {
        return settings.rxRing().configName();
    }

    @Override
    public String name()
    {
        return name;
    }

    /** The Linux interface this port is open on. */
    public String interfaceName()
    {
        return interfaceName;
    }

    /** The interface's index, as bound. */
    public int ifindex()
    {
        return ifindex;
    }

    /** The settings the port was opened with. */
    public AfPacketSettings settings()
    {
        return settings;
    }

    @Override
    public long mac()
    {
        return mac;
    }

    @Override
    public int mtu()
    {
        return mtu;
    }

    /**
     * The kernel's receive time of the frame being handed to the handler, {@code CLOCK_REALTIME} nanoseconds (the
     * ring's {@code tp_sec}/{@code tp_nsec}): call it inside {@link FrameHandler#onFrame}.
     */
    public long rxTimestampNs()
    {
        return rx.timestampNs();
    }

    @Override
    public int receive(final FrameHandler handler, final int limit)
    {
        if (closed)
        {
            return 0;
        }
        int count = rx.read(handler, limit);
        if (count == 0 && settings.pollTimeoutMs() > 0 && !rx.ready())
        {
            awaitBlock();
            count = rx.read(handler, limit);
        }
        if (--statsCountdown <= 0)
        {
            statsCountdown = STATS_CHECK_EVERY_CALLS;
            final long nowNs = System.nanoTime();
            if (nowNs - lastStatsNs >= STATS_INTERVAL_MS * 1_000_000L)
            {
                lastStatsNs = nowNs;
                refreshStatistics();
            }
        }
        return count;
    }

    private void awaitBlock()
    {
        control.putShort(Libc.POLLFD_REVENTS_OFFSET, (short)0);
        final int result = Libc.poll(control.addressOffset(), 1, settings.pollTimeoutMs());
        if (result < 0)
        {
            if (Libc.errno() != Libc.EINTR)
            {
                counters.add(PortCounter.RX_ERRORS, 1);
            }
            return;
        }
        final short revents = control.getShort(Libc.POLLFD_REVENTS_OFFSET);
        if ((revents & (Libc.POLLERR | Libc.POLLHUP | Libc.POLLNVAL)) != 0)
        {
            // e.g. ENETDOWN when the link went down: count it and clear it, or poll would return at once forever.
            counters.add(PortCounter.RX_ERRORS, 1);
            control.putInt(16, 4);
            Libc.getsockopt(fd, Libc.SOL_SOCKET, Libc.SO_ERROR, control.addressOffset() + 32,
                control.addressOffset() + 16);
        }
    }

    /**
     * Reads the kernel's ring statistics ({@code PACKET_STATISTICS}, which resets them) into
     * {@link PortCounter#RX_DROPPED} and {@link PortCounter#RX_RING_FREEZES}. Receive does this periodically;
     * call it only from the receiving thread.
     */
    public void refreshStatistics()
    {
        if (closed)
        {
            return;
        }
        control.putInt(16, PacketAbi.STATS_V3_LENGTH);
        // a V2 socket writes struct tpacket_stats (no freeze count): start from zeros
        control.setMemory(32, PacketAbi.STATS_V3_LENGTH, (byte)0);
        final long stats = control.addressOffset() + 32;
        if (Libc.getsockopt(fd, PacketAbi.SOL_PACKET, PacketAbi.PACKET_STATISTICS, stats,
            control.addressOffset() + 16) != 0)
        {
            counters.add(PortCounter.RX_ERRORS, 1);
            return;
        }
        final long drops = control.getInt(32 + PacketAbi.STATS_DROPS_OFFSET) & 0xFFFF_FFFFL;
        final long freezes = control.getInt(32 + PacketAbi.STATS_FREEZE_Q_CNT_OFFSET) & 0xFFFF_FFFFL;
        if (drops != 0)
        {
            counters.add(PortCounter.RX_DROPPED, drops);
        }
        if (freezes != 0)
        {
            counters.add(PortCounter.RX_RING_FREEZES, freezes);
        }
    }

    /**
     * Queues a copy of the frame for the next {@code sendmmsg}; a full batch is sent at once.
     *
     * @return false when the frame is empty, larger than {@link Port#MAX_FRAME_LENGTH} or the port is closed
     *         (counted in {@link PortCounter#TX_ERRORS}); a frame the kernel refuses later is counted by
     *         {@link #flush()}.
     */
    @Override
    public boolean send(final DirectBuffer buffer, final int offset, final int length)
    {
        if (closed)
        {
            counters.add(PortCounter.TX_ERRORS, 1);
            return false;
        }
        return tx.add(buffer, offset, length);
    }

    /** Sends every queued frame, one {@code sendmmsg} call per batch. */
    @Override
    public void flush()
    {
        if (!closed)
        {
            tx.flush();
        }
    }

    @Override
    public PortCounters counters()
    {
        return counters;
    }

    /** Sends what is queued, reads the last statistics, unmaps the ring and closes the socket. Idempotent. */
    @Override
    public void close()
    {
        if (!closed)
        {
            tx.flush();
            refreshStatistics();
            closed = true;
            Libc.munmap(ringAddress, ringLength);
            Libc.close(fd);
        }
    }

    @Override
    public String toString()
    {
        return "AfPacketPort{" + name + " on " + interfaceName + " (ifindex " + ifindex + "), mac=" +
            MacAddress.format(mac) + ", " + settings.rxRing().configName() + " ring" +
            (settings.fanoutGroup() == AfPacketSettings.NO_FANOUT ? "" :
            ", fanout group " + settings.fanoutGroup()) + "}";
    }
}
