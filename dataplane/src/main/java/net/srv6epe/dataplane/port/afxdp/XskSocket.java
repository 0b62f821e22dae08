package net.srv6epe.dataplane.port.afxdp;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import java.nio.ByteBuffer;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import net.srv6epe.dataplane.port.FrameHandler;
import net.srv6epe.dataplane.port.Port;
import net.srv6epe.dataplane.port.PortBackend;
import net.srv6epe.dataplane.port.PortCounter;
import net.srv6epe.dataplane.port.PortCounters;
import net.srv6epe.dataplane.port.PortException;
import net.srv6epe.dataplane.port.linux.Libc;

/**
 * An AF_XDP socket on one receive queue of an interface, in copy mode, with an XDP program that redirects that
 * queue's frames to it ({@link Bpf}): the experimental {@code af-xdp} port backend (no fanout, no offload
 * metadata: a frame arrives as the kernel peer sent it, partial checksums unfinished, super-frames never).
 *
 * <p>The socket's packet memory is an {@link XskUmem} of its own or one it shares with the other sockets of its
 * worker: at open it lends half its ring's worth of chunks to the kernel through its fill ring. Receive hands each
 * frame in place in its chunk, lent ({@link XskUmem#lend}) while the handler runs, and gives the chunk back to the
 * fill ring after (a chunk a sender of the same UMEM claimed is replaced from the pool). Transmit queues a frame
 * that lies in the chunk being lent as it is, without a copy, and copies any other frame into a chunk from the
 * pool; {@link #flush} publishes the descriptors and kicks the kernel ({@code sendto}), and the completion ring
 * returns the chunks to the pool. A multi-buffer socket takes frames larger than a chunk: put back together from
 * their descriptors into one buffer on receive, split over chunks on transmit (such a frame is always copied).
 * Nothing is allocated per frame. One thread.
 */
public final class XskSocket implements Port
{
    /** Receive calls between two reads of the kernel's drop counts ({@link #readKernelStatistics}). */
    private static final int STATS_EVERY_CALLS = 1024;
    /** Send calls per flush at most; a ring not drained by then is sent on the next flush. */
    private static final int MAX_KICKS = 64;

    /** UMEM chunk size: a page. A larger frame spans several chunks when the socket is multi-buffer. */
    public static final int FRAME_SIZE = 4096;
    /** Octets the kernel keeps in front of a received frame in its chunk (XDP_PACKET_HEADROOM). */
    private static final int KERNEL_HEADROOM = 256;
    /** Our share of each chunk's headroom ({@code xdp_umem_reg.headroom}), before the kernel's. */
    private static final int UMEM_HEADROOM = 256;
    /** Writable octets in front of each received frame: the worker processes it in its chunk. */
    public static final int RX_HEADROOM = UMEM_HEADROOM + KERNEL_HEADROOM;
    /** The largest frame a chunk takes on receive in copy mode. */
    public static final int RX_FRAME_MAX = FRAME_SIZE - RX_HEADROOM;
    /** The largest multi-buffer frame put back together on receive or split on transmit: MTU 9216 and headers. */
    public static final int JUMBO_MAX = 16 * 1024;
    /** {@link #chainLength}: not inside a multi-buffer frame. */
    private static final int NO_CHAIN = -1;
    /** {@link #chainLength}: inside a multi-buffer frame larger than {@link #JUMBO_MAX}, to be dropped. */
    private static final int CHAIN_TOO_LARGE = -2;

    private final String name;
    private final String interfaceName;
    private final long mac;
    private final int mtu;
    private final int fd;
    private final XdpRedirect redirect;
    private final XskUmem pool;
    private final long umemAddress;
    private final long umemLength;
    private final UnsafeBuffer umem;
    private final XskRing rx;
    private final XskRing fill;
    private final XskRing tx;
    private final XskRing completion;
    /** Entries of each ring. */
    private final int ringSize;
    private final PortCounters counters = new PortCounters();
    private final UnsafeBuffer stats = new UnsafeBuffer(ByteBuffer.allocateDirect(XdpAbi.STATISTICS_LENGTH + 8));
    private final boolean multiBuffer;
    /** Where a multi-buffer frame's chunks are put back together (multi-buffer sockets only). */
    private final UnsafeBuffer chain;
    private int chainLength = NO_CHAIN;
    /** The chunk of the frame being handed over: the handler may write all of it (see {@link #writableHeadroom}). */
    private final UnsafeBuffer chunk = new UnsafeBuffer(0, 0);

    private int statsCountdown = STATS_EVERY_CALLS;
    private int rxConsumer;
    private int fillProducer;
    /** Chunks owed to the fill ring: frames whose chunk a sender claimed while the pool was empty. */
    private int fillOwed;
    private int txProducer;
    /** The kernel's transmit consumer index as last read. */
    private int txConsumer;
    private int txPending;
    private int completionConsumer;
    private boolean closed;

    private XskSocket(final String name, final String interfaceName, final long mac, final int mtu, final int fd,
        final XdpRedirect redirect, final XskUmem pool, final XskRing rx, final XskRing fill, final XskRing tx,
        final XskRing completion, final int ringSize, final int fillProducer)
    {
        this.multiBuffer = pool.multiBuffer();
        this.chain = this.multiBuffer ? new UnsafeBuffer(ByteBuffer.allocateDirect(RX_HEADROOM + JUMBO_MAX)) : null;
        this.name = name;
        this.interfaceName = interfaceName;
        this.mac = mac;
        this.mtu = mtu;
        this.fd = fd;
        this.redirect = redirect;
        this.pool = pool;
        this.umemAddress = pool.address();
        this.umemLength = pool.length();
        this.umem = new UnsafeBuffer(umemAddress, (int)umemLength);
        this.rx = rx;
        this.fill = fill;
        this.tx = tx;
        this.completion = completion;
        this.ringSize = ringSize;
        this.fillProducer = fillProducer;
    }

    /**
     * Opens a socket on queue {@code queue} of {@code interfaceName} with a redirect program of its own, detached
     * when the socket closes. Receiving takes no system call: the queue's NAPI (a softirq, or a kernel thread with
     * the interface's {@code threaded} on) fills the RX ring by itself. Busy polling is not asked for: the kernel
     * gives a socket a NAPI id to busy-poll only in zero-copy mode (on this 6.18 kernel a copy-mode socket's
     * {@code SO_INCOMING_NAPI_ID} reads 0).
     *
     * @param name the port's configured name.
     * @param mac our MAC on the link.
     * @param mtu the IP MTU of the link.
     * @param frames UMEM chunks, a power of two of at least 64: half to receive into, half to send from.
     * @param multiBuffer frames larger than a chunk ({@value #RX_FRAME_MAX} octets on receive, {@value #FRAME_SIZE}
     *     on transmit), up to {@value #JUMBO_MAX}: the program loaded multi-buffer aware (a veth whose MTU exceeds a
     *     page needs it) and the socket bound with {@code XDP_USE_SG} (Linux 6.6 and later), each such frame put
     *     back together from its chunks on receive and split over chunks on transmit.
     * @throws PortException naming the step and errno that failed (nothing is left attached or mapped).
     */
    public static XskSocket open(final String name, final String interfaceName, final long mac, final int mtu,
        final int queue, final int frames, final boolean multiBuffer)
    {
        return open(name, interfaceName, mac, mtu, queue, frames, multiBuffer, null);
    }

    /**
     * As {@link #open(String, String, long, int, int, int, boolean)}, in {@code shared} when it is not null (see
     * {@link #open(String, String, long, int, int, int, XdpRedirect, XskUmem)}).
     */
    public static XskSocket open(final String name, final String interfaceName, final long mac, final int mtu,
        final int queue, final int frames, final boolean multiBuffer, final XskUmem shared)
    {
        checkFrames(frames);
        final XdpRedirect own = XdpRedirect.attach(interfaceName, queue + 1, multiBuffer);
        try
        {
            return open(name, interfaceName, mac, mtu, queue, frames, own, shared);
        }
        finally
        {
            own.release(); // the socket holds it now, or nothing does
        }
    }

    /**
     * Opens a socket on queue {@code queue} of {@code interfaceName} and registers it with {@code redirect}, the
     * interface's program shared by the sockets of its queues (one per worker); the socket holds a reference to it
     * until it closes. Multi-buffer as the program is ({@link XdpRedirect#multiBuffer()}: see the other
     * {@code open}).
     *
     * @throws PortException naming the step and errno that failed (nothing is left registered or mapped).
     */
    public static XskSocket open(final String name, final String interfaceName, final long mac, final int mtu,
        final int queue, final int frames, final XdpRedirect redirect)
    {
        return open(name, interfaceName, mac, mtu, queue, frames, redirect, null);
    }

    /**
     * As {@link #open(String, String, long, int, int, int, XdpRedirect)}, the socket's packet memory being
     * {@code shared} (a UMEM the other sockets of the same worker use too: a frame received on one is sent on another
     * from its chunk, without a copy), or a UMEM of {@code frames} chunks of its own when {@code shared} is null.
     * The socket takes {@code frames / 2} chunks from a shared UMEM for its fill ring, so the UMEM needs
     * {@code frames} chunks per socket for their fill rings and transmit. The socket is multi-buffer as the UMEM is
     * (the kernel binds a socket to another's UMEM with that one's {@code XDP_USE_SG}); a multi-buffer program
     * needs a multi-buffer UMEM.
     *
     * @throws PortException naming the step and errno that failed (nothing is left registered or mapped, the shared
     *     UMEM's pool as it was).
     */
    public static XskSocket open(final String name, final String interfaceName, final long mac, final int mtu,
        final int queue, final int frames, final XdpRedirect redirect, final XskUmem shared)
    {
        checkFrames(frames); // Libc is there: the redirect was attached through it
        final String where = "af-xdp on '" + interfaceName + "' queue " + queue + ": ";
        if (shared != null && redirect.multiBuffer() && !shared.multiBuffer())
        {
            throw new IllegalArgumentException(where + "frames larger than a chunk need a multi-buffer UMEM");
        }
        final boolean multiBuffer = shared != null ? shared.multiBuffer() : redirect.multiBuffer();
        final int ringSize = frames / 2;
        if (shared != null && shared.available() < ringSize)
        {
            throw new PortException(where + "the shared UMEM has " + shared.available() + " free chunks, the fill " +
                "ring needs " + ringSize);
        }
        final int ifindex = Libc.if_nametoindex(interfaceName);
        if (ifindex <= 0)
        {
            throw new PortException(where + "no such interface (ip link show)");
        }
        final Resources r = new Resources();
        try
        {
            r.fd = Libc.socket(XdpAbi.AF_XDP, Libc.SOCK_RAW | Libc.SOCK_CLOEXEC, 0);
            if (r.fd < 0)
            {
                throw new PortException(where + "socket(AF_XDP) refused: " + Libc.describe(Libc.errno()));
            }
            r.umem = shared != null ? shared.retain() : XskUmem.allocate(frames, multiBuffer);
            final boolean register = r.umem.registeredFd() < 0;
            final UnsafeBuffer scratch = new UnsafeBuffer(ByteBuffer.allocateDirect(256));
            if (register)
            {
                scratch.putLong(0, r.umem.address(), LITTLE_ENDIAN);
                scratch.putLong(8, r.umem.length(), LITTLE_ENDIAN);
                scratch.putInt(16, FRAME_SIZE, LITTLE_ENDIAN);
                scratch.putInt(20, UMEM_HEADROOM, LITTLE_ENDIAN);
                scratch.putInt(24, 0, LITTLE_ENDIAN);
                setsockopt(r.fd, XdpAbi.XDP_UMEM_REG, scratch, XdpAbi.UMEM_REG_LENGTH, where + "XDP_UMEM_REG");
            }
            for (final int option : new int[] {XdpAbi.XDP_UMEM_FILL_RING, XdpAbi.XDP_UMEM_COMPLETION_RING,
                XdpAbi.XDP_RX_RING, XdpAbi.XDP_TX_RING})
            {
                scratch.putInt(0, ringSize, LITTLE_ENDIAN);
                setsockopt(r.fd, option, scratch, 4, where + "ring size option " + option);
            }
            scratch.putInt(200, XdpAbi.MMAP_OFFSETS_LENGTH, LITTLE_ENDIAN);
            if (Libc.getsockopt(r.fd, XdpAbi.SOL_XDP, XdpAbi.XDP_MMAP_OFFSETS, scratch.addressOffset(),
                scratch.addressOffset() + 200) != 0)
            {
                throw new PortException(where + "XDP_MMAP_OFFSETS refused: " + Libc.describe(Libc.errno()));
            }
            r.rx = map(r.fd, scratch, 0, ringSize, XdpAbi.DESC_LENGTH, XdpAbi.XDP_PGOFF_RX_RING, where + "RX ring");
            r.tx = map(r.fd, scratch, 32, ringSize, XdpAbi.DESC_LENGTH, XdpAbi.XDP_PGOFF_TX_RING, where + "TX ring");
            r.fill = map(r.fd, scratch, 64, ringSize, 8, XdpAbi.XDP_UMEM_PGOFF_FILL_RING, where + "fill ring");
            r.completion = map(r.fd, scratch, 96, ringSize, 8, XdpAbi.XDP_UMEM_PGOFF_COMPLETION_RING,
                where + "completion ring");
            scratch.setMemory(0, XdpAbi.SOCKADDR_XDP_LENGTH, (byte)0);
            scratch.putShort(0, (short)XdpAbi.AF_XDP, LITTLE_ENDIAN);
            // a socket binding to another's UMEM names no mode: it takes the registering socket's (copy, wake-up)
            scratch.putShort(2, (short)(register ? XdpAbi.XDP_COPY | XdpAbi.XDP_USE_NEED_WAKEUP |
                (multiBuffer ? XdpAbi.XDP_USE_SG : 0) : XdpAbi.XDP_SHARED_UMEM), LITTLE_ENDIAN);
            scratch.putInt(4, ifindex, LITTLE_ENDIAN);
            scratch.putInt(8, queue, LITTLE_ENDIAN);
            scratch.putInt(12, register ? 0 : r.umem.registeredFd(), LITTLE_ENDIAN);
            // lend half the socket's share of the UMEM to the kernel for receiving
            for (int i = 0; i < ringSize; i++)
            {
                r.fill.memory.putLong(r.fill.entry(i), r.umem.take(), LITTLE_ENDIAN);
                r.lentToFill++;
            }
            r.fill.publishProducer(ringSize);
            if (Libc.bind(r.fd, scratch.addressOffset(), XdpAbi.SOCKADDR_XDP_LENGTH) != 0)
            {
                throw new PortException(where + "bind (copy mode" + (multiBuffer ? ", multi-buffer: Linux 6.6 or " +
                    "later" : "") + (register ? "" : ", to a shared UMEM: Linux 5.10 or later") + ") refused: " +
                    Libc.describe(Libc.errno()));
            }
            redirect.register(queue, r.fd, where);
            if (register)
            {
                r.umem.registeredBy(r.fd);
            }
            final XskSocket socket = new XskSocket(name, interfaceName, mac, mtu, r.fd, redirect.retain(), r.umem,
                r.rx, r.fill, r.tx, r.completion, ringSize, ringSize);
            r.fd = -1; // owned by the socket now
            return socket;
        }
        finally
        {
            r.release();
        }
    }

    private static void checkFrames(final int frames)
    {
        if (frames < 64 || Integer.bitCount(frames) != 1)
        {
            throw new IllegalArgumentException("frames " + frames + ": a power of two, at least 64");
        }
    }

    private static void setsockopt(final int fd, final int option, final UnsafeBuffer value, final int length,
        final String what)
    {
        if (Libc.setsockopt(fd, XdpAbi.SOL_XDP, option, value.addressOffset(), length) != 0)
        {
            throw new PortException(what + " refused: " + Libc.describe(Libc.errno()));
        }
    }

    private static XskRing map(final int fd, final UnsafeBuffer offsets, final int at, final int size,
        final int entryLength, final long pageOffset, final String what)
    {
        final long producer = offsets.getLong(at, LITTLE_ENDIAN);
        final long consumer = offsets.getLong(at + 8, LITTLE_ENDIAN);
        final long desc = offsets.getLong(at + 16, LITTLE_ENDIAN);
        final long flags = offsets.getLong(at + 24, LITTLE_ENDIAN);
        final long length = desc + (long)size * entryLength;
        final long address = Libc.mmap(0L, length, Libc.PROT_READ | Libc.PROT_WRITE,
            Libc.MAP_SHARED | Libc.MAP_POPULATE, fd, pageOffset);
        if (address == Libc.MAP_FAILED)
        {
            throw new PortException(what + ": mmap failed: " + Libc.describe(Libc.errno()));
        }
        return new XskRing(address, length, (int)producer, (int)consumer, (int)flags, (int)desc, size, entryLength);
    }

    /** What {@link #open} has made so far; {@link #release} undoes whatever the socket did not take over. */
    private static final class Resources
    {
        int fd = -1;
        XskUmem umem;
        /** Chunks taken from {@link #umem}'s pool for the fill ring. */
        int lentToFill;
        XskRing rx;
        XskRing tx;
        XskRing fill;
        XskRing completion;

        void release()
        {
            if (fd < 0)
            {
                return; // success: the socket owns everything
            }
            Libc.close(fd);
            if (umem != null)
            {
                // the chunks the fill ring held go back to the pool (the kernel let go of them with the socket)
                for (int i = 0; i < lentToFill; i++)
                {
                    umem.give(fill.memory.getLong(fill.entry(i), LITTLE_ENDIAN));
                }
                umem.release();
            }
            for (final XskRing ring : new XskRing[] {rx, tx, fill, completion})
            {
                if (ring != null)
                {
                    Libc.munmap(ring.mapped, ring.mappedLength);
                }
            }
        }
    }

    @Override
    public int receive(final FrameHandler handler, final int limit)
    {
        if (closed)
        {
            return 0;
        }
        if (--statsCountdown <= 0)
        {
            statsCountdown = STATS_EVERY_CALLS;
            readKernelStatistics();
        }
        final int produced = rx.producerAcquire();
        int n = 0;
        while (n < limit && rxConsumer != produced)
        {
            final int entry = rx.entry(rxConsumer);
            final long address = rx.memory.getLong(entry, LITTLE_ENDIAN);
            final int length = rx.memory.getInt(entry + 8, LITTLE_ENDIAN);
            final int options = rx.memory.getInt(entry + 12, LITTLE_ENDIAN);
            // the descriptor is consumed before the handler runs (published after the batch): a handler that throws
            // does not get the same frame again
            rxConsumer++;
            n++;
            if (address < 0 || address + length > umemLength)
            {
                counters.add(PortCounter.RX_ERRORS, 1);
                fillOwed++; // not a chunk of ours: the fill ring gets one from the pool instead
                if (chainLength != NO_CHAIN)
                {
                    chainLength = CHAIN_TOO_LARGE; // a frame with a bad piece is dropped whole
                }
            }
            else if (chainLength == NO_CHAIN && (options & XdpAbi.XDP_PKT_CONTD) == 0)
            {
                counters.onReceived(length);
                final long base = address & -FRAME_SIZE;
                chunk.wrap(umemAddress + base, FRAME_SIZE);
                pool.lend(base);
                try
                {
                    handler.onFrame(chunk, (int)(address - base), length);
                }
                finally
                {
                    if (pool.endLend())
                    {
                        fillOwed++; // sent from where it is: it comes back through a completion ring
                    }
                    else
                    {
                        fill.memory.putLong(fill.entry(fillProducer++), base, LITTLE_ENDIAN);
                    }
                }
            }
            else
            {
                fill.memory.putLong(fill.entry(fillProducer++), address & -FRAME_SIZE, LITTLE_ENDIAN);
                chainPiece(handler, address, length, options);
            }
        }
        if (rxConsumer == produced && n == 0 && fillOwed == 0)
        {
            return 0;
        }
        repayFill();
        rx.publishConsumer(rxConsumer);
        fill.publishProducer(fillProducer);
        return n;
    }

    /** Gives the fill ring the chunks it is owed, as far as the pool has them. */
    private void repayFill()
    {
        while (fillOwed > 0)
        {
            final long spare = pool.take();
            if (spare < 0)
            {
                return;
            }
            fill.memory.putLong(fill.entry(fillProducer++), spare, LITTLE_ENDIAN);
            fillOwed--;
        }
    }

    /**
     * One descriptor of a multi-buffer frame: appended to {@link #chain}; the frame's last one hands the whole frame
     * to {@code handler}, or counts it in {@link PortCounter#RX_TRUNCATED} when it outgrew {@value #JUMBO_MAX}.
     */
    private void chainPiece(final FrameHandler handler, final long address, final int length, final int options)
    {
        if (chainLength == NO_CHAIN)
        {
            chainLength = 0;
        }
        if (chainLength >= 0)
        {
            if (!multiBuffer || chainLength + length > JUMBO_MAX)
            {
                chainLength = CHAIN_TOO_LARGE;
            }
            else
            {
                chain.putBytes(RX_HEADROOM + chainLength, umem, (int)address, length);
                chainLength += length;
            }
        }
        if ((options & XdpAbi.XDP_PKT_CONTD) == 0)
        {
            final int frameLength = chainLength;
            chainLength = NO_CHAIN;
            if (frameLength == CHAIN_TOO_LARGE)
            {
                counters.add(PortCounter.RX_TRUNCATED, 1);
            }
            else
            {
                counters.onReceived(frameLength);
                handler.onFrame(chain, RX_HEADROOM, frameLength);
            }
        }
    }

    /**
     * Queues the frame: as it is when it lies in the chunk a socket of this socket's UMEM is handing to its handler
     * (the frame then must not be written to until the handler returns), else a copy (over several chunks when it
     * is larger than one and the socket is multi-buffer); false when it is too large, or the transmit ring or the
     * pool has no room (counted).
     */
    @Override
    public boolean send(final DirectBuffer buffer, final int offset, final int length)
    {
        if (closed || length <= 0 || length > (multiBuffer ? JUMBO_MAX : FRAME_SIZE))
        {
            counters.add(PortCounter.TX_ERRORS, 1);
            return false;
        }
        final int chunks = (length + FRAME_SIZE - 1) / FRAME_SIZE;
        if (txProducer - txConsumer > ringSize - chunks)
        {
            txConsumer = tx.consumerAcquire();
            if (txProducer - txConsumer > ringSize - chunks)
            {
                counters.add(PortCounter.TX_BACKPRESSURE_DROPS, 1);
                return false;
            }
        }
        final long inPlace = pool.claim(buffer.addressOffset(), offset, length);
        if (inPlace >= 0)
        {
            final int entry = tx.entry(txProducer++);
            tx.memory.putLong(entry, inPlace, LITTLE_ENDIAN);
            tx.memory.putInt(entry + 8, length, LITTLE_ENDIAN);
            tx.memory.putInt(entry + 12, 0, LITTLE_ENDIAN);
            txPending++;
            counters.add(PortCounter.TX_IN_PLACE, 1);
            counters.onSent(length);
            return true;
        }
        if (pool.available() < chunks)
        {
            reclaim();
            if (pool.available() < chunks)
            {
                counters.add(PortCounter.TX_BACKPRESSURE_DROPS, 1);
                return false;
            }
        }
        for (int done = 0; done < length; done += FRAME_SIZE)
        {
            final int piece = Math.min(FRAME_SIZE, length - done);
            final long address = pool.take();
            umem.putBytes((int)address, buffer, offset + done, piece);
            final int entry = tx.entry(txProducer++);
            tx.memory.putLong(entry, address, LITTLE_ENDIAN);
            tx.memory.putInt(entry + 8, piece, LITTLE_ENDIAN);
            tx.memory.putInt(entry + 12, done + piece < length ? XdpAbi.XDP_PKT_CONTD : 0, LITTLE_ENDIAN);
        }
        txPending++;
        counters.onSent(length);
        return true;
    }

    /** Publishes the queued descriptors and asks the kernel to send them ({@code sendto}, copy mode). */
    @Override
    public void flush()
    {
        if (closed)
        {
            return;
        }
        if (txPending > 0)
        {
            tx.publishProducer(txProducer);
            txPending = 0;
        }
        // copy mode sends at most 32 descriptors per call (TX_BATCH_SIZE): kick until the kernel took them all
        for (int kick = 0; kick < MAX_KICKS && tx.consumerAcquire() != txProducer; kick++)
        {
            Libc.sendto(fd, 0L, 0L, Libc.MSG_DONTWAIT, 0L, 0);
        }
        reclaim();
    }

    private void reclaim()
    {
        final int produced = completion.producerAcquire();
        if (completionConsumer == produced)
        {
            return;
        }
        while (completionConsumer != produced)
        {
            pool.give(completion.memory.getLong(completion.entry(completionConsumer++), LITTLE_ENDIAN));
        }
        completion.publishConsumer(completionConsumer);
    }

    /**
     * Reads the kernel's drop counts for this socket ({@code XDP_STATISTICS}) into the port counters:
     * {@link PortCounter#RX_DROPPED}, every frame dropped before it reached the RX ring ({@code rx_dropped} +
     * {@code rx_ring_full}), and {@link PortCounter#RX_NO_BUFFER}, those dropped for want of a fill-ring chunk or
     * too large for one ({@code rx_dropped}); the rest found the RX ring full. Receive does this every
     * {@value #STATS_EVERY_CALLS} calls.
     *
     * @return false when the counts cannot be read (the counters are left as they were)
     */
    public boolean readKernelStatistics()
    {
        stats.putInt(XdpAbi.STATISTICS_LENGTH, XdpAbi.STATISTICS_LENGTH, LITTLE_ENDIAN);
        if (Libc.getsockopt(fd, XdpAbi.SOL_XDP, XdpAbi.XDP_STATISTICS, stats.addressOffset(),
            stats.addressOffset() + XdpAbi.STATISTICS_LENGTH) != 0)
        {
            return false;
        }
        final long noBuffer = stats.getLong(XdpAbi.STATISTICS_RX_DROPPED, LITTLE_ENDIAN);
        counters.set(PortCounter.RX_DROPPED, noBuffer + stats.getLong(XdpAbi.STATISTICS_RX_RING_FULL, LITTLE_ENDIAN));
        counters.set(PortCounter.RX_NO_BUFFER, noBuffer);
        return true;
    }

    @Override
    public int readableFd()
    {
        return fd;
    }

    /**
     * {@value #RX_HEADROOM}: each frame is handed over in a buffer of its own (its UMEM chunk, or the buffer a
     * multi-buffer frame is put back together in) with that many writable octets in front, the chunk going back to
     * the fill ring only after the handler returned.
     */
    @Override
    public int writableHeadroom()
    {
        return RX_HEADROOM;
    }

    /** Frames and bytes received and sent, and what was refused. */
    @Override
    public PortCounters counters()
    {
        return counters;
    }

    /**
     * Releases the redirect program (detached when this was its last socket), closes the socket, unmaps. Idempotent.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        flush();
        closed = true;
        redirect.release();
        Libc.close(fd);
        for (final XskRing ring : new XskRing[] {rx, tx, fill, completion})
        {
            Libc.munmap(ring.mapped, ring.mappedLength);
        }
        pool.release(); // what the kernel held for this socket stays out of a shared pool (a worker's close together)
    }

    @Override
    public String name()
    {
        return name;
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
    public PortBackend backend()
    {
        return PortBackend.AF_XDP;
    }

    @Override
    public String toString()
    {
        return "XskSocket{" + name + " on " + interfaceName + "}";
    }
}
