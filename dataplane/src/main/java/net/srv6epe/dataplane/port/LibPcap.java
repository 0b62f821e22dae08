package net.srv6epe.dataplane.port;

import java.lang.reflect.Field;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;

import org.pcap4j.core.PcapHandle;

/**
 * The two libpcap calls of the packet path, bound with JNA direct mapping and only primitive arguments, so a call
 * allocates nothing: {@code pcap_next_ex} (the frame stays in libpcap's ring and is read in place) and
 * {@code pcap_sendpacket} (from native memory). pcap4j still opens and configures the handle; its {@code pcap_t}
 * pointer is read from the handle.
 */
final class LibPcap
{
    /** True when the library bound and the pcap4j handle pointer is reachable. */
    static final boolean AVAILABLE;

    private static final Field HANDLE_FIELD;

    static
    {
        boolean available = false;
        Field field = null;
        try
        {
            Native.register(LibPcap.class, NativeLibrary.getInstance("pcap"));
            field = PcapHandle.class.getDeclaredField("handle");
            field.setAccessible(true);
            available = true;
        }
        catch (final Throwable ex)
        {
            // Fall back to pcap4j's own calls.
        }
        AVAILABLE = available;
        HANDLE_FIELD = field;
    }

    private LibPcap()
    {
    }

    /** The native {@code pcap_t *} of an open pcap4j handle. */
    static long pcapPointer(final PcapHandle handle)
    {
        try
        {
            return Pointer.nativeValue((Pointer)HANDLE_FIELD.get(handle));
        }
        catch (final IllegalAccessException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * {@code int pcap_next_ex(pcap_t *p, struct pcap_pkthdr **pkt_header, const u_char **pkt_data)}: 1 frame read,
     * 0 none (non-blocking or timeout), -1 error, -2 end of file.
     */
    static native int pcap_next_ex(long pcap, long headerOut, long dataOut);

    /** {@code int pcap_sendpacket(pcap_t *p, const u_char *buf, int size)}: 0 sent, -1 error. */
    static native int pcap_sendpacket(long pcap, long buffer, int size);
}
