package net.srv6epe.dataplane.port;

import org.agrona.DirectBuffer;

/**
 * One frame I/O backend attached to a link: the forwarder's own Ethernet host on that link (its own MAC).
 *
 * <p>A port is used by one worker thread: {@link #receive} and {@link #send} are not thread safe. Its
 * {@link #counters()} are readable by any thread. Neither receiving nor sending ever throws per packet: failures
 * are counted.
 */
public interface Port extends AutoCloseable
{
    /** Largest frame a port carries: a 9216-byte jumbo MTU, Ethernet header and one 802.1Q tag. */
    int MAX_FRAME_LENGTH = 9216 + 14 + 4;

    /** The configured name of the port (e.g. {@code uplink0}). */
    String name();

    /** Our MAC on this link, 48 bits in the low bits of the long (see {@link MacAddress}). */
    long mac();

    /** The IP MTU of the link in bytes. */
    int mtu();

    /** The backend this port runs on: the configured one, or the one it fell back to ({@link PortFactory}). */
    PortBackend backend();

    /** The receive ring, {@code blocks} or {@code frames}, of a port with one ({@code af-packet}); else null. */
    default String rxRing()
    {
        return null;
    }

    /**
     * Octets before each frame {@link #receive} hands over that the handler may overwrite (0: none): when positive
     * the frame sits in a {@code MutableDirectBuffer} of its own, those octets before it and the rest of that buffer
     * after it the handler's to use until it returns, so the handler may process the frame in place instead of
     * copying it out.
     */
    default int writableHeadroom()
    {
        return 0;
    }

    /**
     * A file descriptor that {@code poll(2)} reports readable ({@code POLLIN}) when frames wait to be received, so a
     * worker with nothing to do can sleep until then ({@code router.worker-idle: wait}); -1 when the port has none
     * (pcap, memory). The port keeps it open; the caller only polls it.
     */
    default int readableFd()
    {
        return -1;
    }

    /**
     * Hands up to {@code limit} received frames to {@code handler}, zero copy, and returns how many. Never blocks
     * longer than a short poll (about a millisecond at most).
     */
    int receive(FrameHandler handler, int limit);

    /**
     * Sends one complete Ethernet frame. A port may send a frame that lies in the buffer a port lent to a
     * {@link FrameHandler} from where it is, reading it at the next {@link #flush()} (an {@code af-xdp} port sharing
     * its UMEM): the caller does not write to the frame's octets after sending it; any other buffer is copied
     * before this returns.
     *
     * @return false if the frame was not sent (back-pressure, too large, backend error); counted in
     * {@link PortCounter#TX_ERRORS}.
     */
    boolean send(DirectBuffer buffer, int offset, int length);

    /** Pushes out frames a batching backend may still hold. */
    void flush();

    /** Per-port counters, readable by any thread. */
    PortCounters counters();

    /** Releases the backend. Idempotent. */
    @Override
    void close();
}
