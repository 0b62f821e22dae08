package net.srv6epe.dataplane.port.afxdp;

import net.srv6epe.dataplane.port.PortException;
import net.srv6epe.dataplane.port.linux.Libc;

/**
 * The packet memory of AF_XDP sockets (a UMEM): {@code chunks} chunks of {@value XskSocket#FRAME_SIZE} octets and
 * the pool of those neither lent to the kernel nor in flight. Its first socket registers it ({@code XDP_UMEM_REG});
 * the others bind to it with {@code XDP_SHARED_UMEM}, each with its own fill and completion rings (Linux 5.10 and
 * later for another interface or queue), so a frame received on one socket can be sent on another from the chunk it
 * arrived in: the receiving socket lends the chunk while its handler runs ({@link #lend}), a socket of the same UMEM
 * asked to send from that chunk claims it ({@link #claim}) and queues it without a copy, and the chunk comes back
 * to the pool through the sender's completion ring; a chunk not claimed goes straight back to the receiver's fill
 * ring. The sockets of one worker share one UMEM; one thread uses it.
 *
 * <p>Counted references: each socket holds one, the creator one until it {@link #release}s it; the memory is unmapped
 * when the last goes.
 */
public final class XskUmem
{
    /** {@link #lent}: no chunk is being handed over. */
    private static final long NONE = -1;

    private final long address;
    private final long length;
    private final int chunks;
    private final boolean multiBuffer;
    private final long[] free;
    private int freeTop;
    private int references = 1;
    /** The socket that registered this UMEM, the one the others bind to; -1 before the first socket. */
    private int registeredFd = -1;
    private long lent = NONE;
    private boolean claimed;

    private XskUmem(final long address, final long length, final int chunks, final boolean multiBuffer)
    {
        this.address = address;
        this.length = length;
        this.chunks = chunks;
        this.multiBuffer = multiBuffer;
        this.free = new long[chunks];
        for (int i = 0; i < chunks; i++)
        {
            free[i] = (long)(chunks - 1 - i) * XskSocket.FRAME_SIZE;
        }
        this.freeTop = chunks;
    }

    /**
     * Maps a UMEM of {@code chunks} chunks, all in the pool.
     *
     * @param chunks a power of two of at least 64.
     * @param multiBuffer whether its sockets take frames larger than a chunk: its first socket binds with
     *     {@code XDP_USE_SG} and the kernel gives every socket bound to it the same (Linux 6.6 and later).
     * @throws PortException when the memory cannot be mapped.
     */
    public static XskUmem allocate(final int chunks, final boolean multiBuffer)
    {
        if (chunks < 64 || Integer.bitCount(chunks) != 1)
        {
            throw new IllegalArgumentException("UMEM chunks " + chunks + ": a power of two, at least 64");
        }
        final long length = (long)chunks * XskSocket.FRAME_SIZE;
        final long address = Libc.mmap(0L, length, Libc.PROT_READ | Libc.PROT_WRITE,
            XdpAbi.MAP_PRIVATE | XdpAbi.MAP_ANONYMOUS | Libc.MAP_POPULATE, -1, 0L);
        if (address == Libc.MAP_FAILED)
        {
            throw new PortException("af-xdp: mmap of a UMEM of " + chunks + " chunks failed: " +
                Libc.describe(Libc.errno()));
        }
        return new XskUmem(address, length, chunks, multiBuffer);
    }

    /** Where the memory is mapped. */
    long address()
    {
        return address;
    }

    /** Its length in octets. */
    long length()
    {
        return length;
    }

    /** Its chunks. */
    public int chunks()
    {
        return chunks;
    }

    /** Whether its sockets are multi-buffer (see {@link #allocate}). */
    public boolean multiBuffer()
    {
        return multiBuffer;
    }

    /** Chunks in the pool: neither lent to the kernel (fill rings, receive rings) nor in flight on a transmit ring. */
    public int available()
    {
        return freeTop;
    }

    /** A chunk from the pool (its offset in the UMEM), or -1 when it is empty. */
    long take()
    {
        return freeTop == 0 ? -1 : free[--freeTop];
    }

    /** Puts the chunk at {@code offset} (any address inside it) back into the pool. */
    void give(final long offset)
    {
        free[freeTop++] = offset & -XskSocket.FRAME_SIZE;
    }

    /** The socket the others bind to, or -1 when no socket registered this UMEM yet. */
    int registeredFd()
    {
        return registeredFd;
    }

    /** {@code fd} registered this UMEM ({@code XDP_UMEM_REG}). */
    void registeredBy(final int fd)
    {
        registeredFd = fd;
    }

    /** A receiving socket hands the chunk at {@code chunkOffset} to its handler: a sender may {@link #claim} it. */
    void lend(final long chunkOffset)
    {
        lent = chunkOffset;
        claimed = false;
    }

    /**
     * The handler returned: whether a sender claimed the lent chunk (then it comes back through that sender's
     * completion ring; else the receiver keeps it).
     */
    boolean endLend()
    {
        lent = NONE;
        return claimed;
    }

    /**
     * Claims the lent chunk for sending a frame from it in place, when the frame of {@code length} octets at
     * {@code offset} of a buffer at memory address {@code bufferAddress} lies in that chunk and nobody claimed it
     * yet; returns the frame's UMEM address, or -1 (the sender copies).
     */
    long claim(final long bufferAddress, final int offset, final int length)
    {
        if (lent == NONE || claimed)
        {
            return -1;
        }
        final long start = bufferAddress + offset - address;
        if (start < lent || start + length > lent + XskSocket.FRAME_SIZE)
        {
            return -1;
        }
        claimed = true;
        return start;
    }

    /** One more holder (a socket). */
    XskUmem retain()
    {
        if (references == 0)
        {
            throw new IllegalStateException("af-xdp: a UMEM used after its last holder released it");
        }
        references++;
        return this;
    }

    /** A holder is done with it; the last one unmaps the memory. */
    public void release()
    {
        if (references == 0)
        {
            throw new IllegalStateException("af-xdp: a UMEM released more often than held");
        }
        if (--references == 0)
        {
            Libc.munmap(address, length);
        }
    }
}
