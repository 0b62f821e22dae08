package net.srv6epe.dataplane.port;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface.PromiscuousMode;
import org.pcap4j.core.PcapStat;
import org.pcap4j.core.RawPacketListener;

/**
 * A port on a live interface through libpcap (pcap4j): promiscuous (we are our own Ethernet host with our own MAC
 * on a link the kernel also owns), immediate mode, non-blocking, and direction "in" only so that we never read
 * back the frames we transmit.
 *
 * <p>Two I/O paths. <b>Zero copy</b> (the default when {@link LibPcap} binds): RX calls {@code pcap_next_ex}
 * through JNA direct mapping and hands the handler a buffer over the frame where it lies in libpcap's ring, TX
 * calls {@code pcap_sendpacket} on native memory (the caller's, if off-heap; else one reused direct buffer):
 * nothing is allocated per frame. <b>pcap4j</b> (fallback): RX uses {@code pcap_dispatch} with a raw listener,
 * which copies each frame into a new {@code byte[]}; TX copies into one reused array and calls
 * {@code sendPacket}.
 */
public final class PcapLivePort implements Port, RawPacketListener
{
    static
    {
        PcapLogging.quiet();
    }

    /** Capture length: the largest frame plus headroom for tags. */
    public static final int SNAPLEN = MAX_FRAME_LENGTH + 256;
    private static final int KERNEL_BUFFER_BYTES = 16 * 1024 * 1024;
    private static final long STATS_INTERVAL_NS = 1_000_000_000L;
    private static final int TIMEVAL_SIZE = 16; // 64-bit Linux: two longs
    private static final int PKTHDR_SIZE = TIMEVAL_SIZE + 8;

    private final String name;
    private final String interfaceName;
    private final long mac;
    private final int mtu;
    private final PcapHandle handle;
    private final PortCounters counters = new PortCounters();
    private final UnsafeBuffer rxBuffer = new UnsafeBuffer(new byte[0]);
    private final byte[] txArray = new byte[SNAPLEN];
    private final UnsafeBuffer txBuffer = new UnsafeBuffer(txArray);
    private final boolean zeroCopy;
    private final long pcap;
    private final UnsafeBuffer nextExOut;
    private final UnsafeBuffer headerView = new UnsafeBuffer(new byte[0]);
    private final UnsafeBuffer txDirect;
    private FrameHandler handler;
    private int statsCountdown;
    private long lastStatsNs;
    private boolean closed;

    private PcapLivePort(
        final String name,
        final String interfaceName,
        final long mac,
        final int mtu,
        final PcapHandle handle,
        final boolean zeroCopy)
    {
        this.name = name;
        this.interfaceName = interfaceName;
        this.mac = mac;
        this.mtu = mtu;
        this.handle = handle;
        this.zeroCopy = zeroCopy;
        if (zeroCopy)
        {
            pcap = LibPcap.pcapPointer(handle);
            nextExOut = new UnsafeBuffer(ByteBuffer.allocateDirect(16).order(ByteOrder.nativeOrder()));
            txDirect = new UnsafeBuffer(ByteBuffer.allocateDirect(SNAPLEN));
        }
        else
        {
            pcap = 0;
            nextExOut = null;
            txDirect = null;
        }
    }

    /**
     * Opens {@code interfaceName} for capture and injection.
     *
     * @param name the port's configured name.
     * @param interfaceName the Linux interface, e.g. {@code veth0}.
     * @param mac our MAC on the link; a negative value takes the interface's own MAC.
     * @param mtu the IP MTU of the link.
     * @throws PortException when the interface does not exist or capture is not permitted, with what to check.
     */
    public static PcapLivePort open(final String name, final String interfaceName, final long mac, final int mtu)
    {
        return open(name, interfaceName, mac, mtu, LibPcap.AVAILABLE);
    }

    /**
     * As {@link #open(String, String, long, int)}, choosing the I/O path.
     *
     * @param zeroCopy true for the zero-copy path (ignored if libpcap could not be bound), false for pcap4j's.
     */
    public static PcapLivePort open(
        final String name, final String interfaceName, final long mac, final int mtu, final boolean zeroCopy)
    {
        if (interfaceName == null || interfaceName.isEmpty() || interfaceName.contains("/") ||
            !Files.exists(Path.of("/sys/class/net", interfaceName)))
        {
            throw new PortException("port '" + name + "': no such interface '" + interfaceName + "' (ip link show)");
        }
        final long ourMac = mac >= 0 ? mac : InterfaceMac.of(name, interfaceName);
        PcapHandle handle = null;
        try
        {
            handle = new PcapHandle.Builder(interfaceName)
                .snaplen(SNAPLEN)
                .promiscuousMode(PromiscuousMode.PROMISCUOUS)
                .immediateMode(true)
                .timeoutMillis(1)
                .bufferSize(KERNEL_BUFFER_BYTES)
                .build();
            // We must never re-read the frames we transmit.
            handle.setDirection(PcapHandle.PcapDirection.IN);
            handle.setBlockingMode(PcapHandle.BlockingMode.NONBLOCKING);
            return new PcapLivePort(name, interfaceName, ourMac, mtu, handle, zeroCopy && LibPcap.AVAILABLE);
        }
        catch (final PcapNativeException | org.pcap4j.core.NotOpenException | RuntimeException ex)
        {
            if (handle != null)
            {
                handle.close();
            }
            throw describe(name, interfaceName, ex);
        }
    }

    private static PortException describe(final String name, final String interfaceName, final Exception ex)
    {
        final String message = String.valueOf(ex.getMessage());
        final String lower = message.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("permission") || lower.contains("not permitted") || lower.contains("eperm"))
        {
            return new PortException("port '" + name + "': not permitted to capture on '" + interfaceName +
                "' (run as root or grant CAP_NET_RAW and CAP_NET_ADMIN): " + message, ex);
        }
        if (lower.contains("no such device") || lower.contains("doesn't exist"))
        {
            return new PortException(
                "port '" + name + "': no such interface '" + interfaceName + "' (ip link show): " + message, ex);
        }
        return new PortException("port '" + name + "': cannot open '" + interfaceName + "': " + message, ex);
    }

    @Override
    public PortBackend backend()
    {
        return PortBackend.PCAP;
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

    @Override
    public int receive(final FrameHandler handler, final int limit)
    {
        if (closed)
        {
            return 0;
        }
        if (zeroCopy)
        {
            return receiveZeroCopy(handler, limit);
        }
        this.handler = handler;
        int count;
        try
        {
            count = handle.dispatch(limit, this);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            count = 0;
        }
        catch (final Exception ex)
        {
            counters.add(PortCounter.RX_ERRORS, 1);
            count = 0;
        }
        finally
        {
            this.handler = null;
        }
        if (--statsCountdown <= 0)
        {
            statsCountdown = 1024;
            refreshDrops();
        }
        return Math.max(count, 0);
    }

    private int receiveZeroCopy(final FrameHandler handler, final int limit)
    {
        final long out = nextExOut.addressOffset();
        int count = 0;
        while (count < limit)
        {
            final int result = LibPcap.pcap_next_ex(pcap, out, out + 8);
            if (result != 1)
            {
                if (result < 0)
                {
                    counters.add(PortCounter.RX_ERRORS, 1);
                }
                break;
            }
            final long header = nextExOut.getLong(0);
            final long data = nextExOut.getLong(8);
            // struct pcap_pkthdr { struct timeval ts; bpf_u_int32 caplen; bpf_u_int32 len; }
            headerView.wrap(header, PKTHDR_SIZE);
            final int capturedLength = headerView.getInt(TIMEVAL_SIZE);
            rxBuffer.wrap(data, capturedLength);
            counters.onReceived(capturedLength);
            handler.onFrame(rxBuffer, 0, capturedLength);
            count++;
        }
        if (--statsCountdown <= 0)
        {
            statsCountdown = 1024;
            refreshDrops();
        }
        return count;
    }

    /** pcap4j callback inside {@link #receive}: not for callers. */
    @Override
    public void gotPacket(final byte[] packet)
    {
        rxBuffer.wrap(packet);
        counters.onReceived(packet.length);
        handler.onFrame(rxBuffer, 0, packet.length);
    }

    private void refreshDrops()
    {
        final long nowNs = System.nanoTime();
        if (nowNs - lastStatsNs < STATS_INTERVAL_NS)
        {
            return;
        }
        lastStatsNs = nowNs;
        try
        {
            final PcapStat stat = handle.getStats();
            counters.set(PortCounter.RX_DROPPED, stat.getNumPacketsDropped() + stat.getNumPacketsDroppedByIf());
        }
        catch (final Exception ex)
        {
            counters.add(PortCounter.RX_ERRORS, 1);
        }
    }

    @Override
    public boolean send(final DirectBuffer buffer, final int offset, final int length)
    {
        if (closed || length <= 0 || length > txArray.length)
        {
            counters.add(PortCounter.TX_ERRORS, 1);
            return false;
        }
        if (zeroCopy)
        {
            return sendZeroCopy(buffer, offset, length);
        }
        buffer.getBytes(offset, txBuffer, 0, length);
        try
        {
            handle.sendPacket(txArray, length);
            counters.onSent(length);
            return true;
        }
        catch (final Exception ex)
        {
            counters.add(PortCounter.TX_ERRORS, 1);
            return false;
        }
    }

    private boolean sendZeroCopy(final DirectBuffer buffer, final int offset, final int length)
    {
        final long address;
        if (buffer.byteArray() == null)
        {
            address = buffer.addressOffset() + offset; // already off-heap: send in place
        }
        else
        {
            buffer.getBytes(offset, txDirect, 0, length);
            address = txDirect.addressOffset();
        }
        if (LibPcap.pcap_sendpacket(pcap, address, length) != 0)
        {
            counters.add(PortCounter.TX_ERRORS, 1);
            return false;
        }
        counters.onSent(length);
        return true;
    }

    /** True if this port uses the zero-copy path, false for pcap4j's copying one. */
    public boolean zeroCopy()
    {
        return zeroCopy;
    }

    @Override
    public void flush()
    {
        // pcap_sendpacket writes immediately.
    }

    @Override
    public PortCounters counters()
    {
        return counters;
    }

    @Override
    public void close()
    {
        if (!closed)
        {
            closed = true;
            handle.close();
        }
    }

    @Override
    public String toString()
    {
        return "PcapLivePort{" + name + " on " + interfaceName + ", mac=" + MacAddress.format(mac) + "}";
    }
}
