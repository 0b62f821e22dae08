package net.srv6epe.dataplane.port.afpacket;

/**
 * How an {@link AfPacketPort} sizes its rings and whether it joins a fanout group.
 *
 * @param rxRing          the receive ring: TPACKET_V3 blocks or TPACKET_V2 frames ({@link RxRingKind}).
 * @param blockSize       {@code tp_block_size} of the receive ring: a power of two, at least 128 KiB so that a
 *                        64 KiB GSO super-frame fits one block (the frame ring packs slots sized for the MTU into
 *                        blocks of this size).
 * @param blockCount      {@code tp_block_nr}: blocks in the ring (the ring is {@code blockSize * blockCount} bytes
 *                        of unswappable kernel memory per port).
 * @param retireTimeoutMs {@code tp_retire_blk_tov} (block ring): the kernel hands over a block that is not full after this many
 *                        milliseconds, so a quiet link's frames wait at most this long.
 * @param pollTimeoutMs   how long {@code receive} waits in {@code poll(2)} when no block is ready; 0 (the default)
 *                        never waits and leaves idling to the worker's idle strategy. A wait suits a thread that
 *                        owns one port only: a worker that polls each of several ports in turn would wait on every
 *                        idle port once per round while another one has traffic (measured in interleaved runs of
 *                        the namespace demo: TCP at 0.30..0.42 Gbit/s with 1 ms, 0.78..1.25 Gbit/s with 0).
 * @param txBatch         frames per {@code sendmmsg(2)} call; a full batch is sent at once, the rest on
 *                        {@code flush()}.
 * @param fanoutGroup     {@code PACKET_FANOUT} group id, 0..65535, or {@link #NO_FANOUT}: sockets
 *                        on one interface (of one network namespace) with the same id share its frames by flow hash
 *                        ({@code PACKET_FANOUT_HASH | PACKET_FANOUT_FLAG_DEFRAG}), each frame to exactly one of
 *                        them and each flow always to the same one. With DEFRAG the kernel reassembles IPv4
 *                        fragments before it picks the socket (so all of a datagram's fragments hash alike):
 *                        they arrive as one packet, which the pipeline drops if it exceeds the egress MTU (it
 *                        does not fragment).
 */
public record AfPacketSettings(
    RxRingKind rxRing,
    int blockSize,
    int blockCount,
    int retireTimeoutMs,
    int pollTimeoutMs,
    int txBatch,
    int fanoutGroup)
{
    /** {@link #fanoutGroup()} value for a socket of its own. */
    public static final int NO_FANOUT = -1;

    /**
     * A block ring of 64 blocks of 256 KiB (16 MiB), 1 ms block timeout, no poll wait, batches of 64, no fanout.
     */
    public static final AfPacketSettings DEFAULT =
        new AfPacketSettings(RxRingKind.BLOCKS, 256 * 1024, 64, 1, 0, 64, NO_FANOUT);

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException naming the value that is out of range.
     */
    public AfPacketSettings
    {
        if (rxRing == null)
        {
            throw new IllegalArgumentException("rx ring kind missing: blocks or frames");
        }
        if (blockSize < 128 * 1024 || Integer.bitCount(blockSize) != 1)
        {
            throw new IllegalArgumentException("block size " + blockSize + ": a power of two, at least 131072");
        }
        if (blockCount < 2 || (long)blockSize * blockCount > 1L << 30)
        {
            throw new IllegalArgumentException("block count " + blockCount + ": at least 2, ring at most 1 GiB");
        }
        if (retireTimeoutMs < 1 || retireTimeoutMs > 1000)
        {
            throw new IllegalArgumentException("block retire timeout " + retireTimeoutMs + " ms: 1..1000");
        }
        if (pollTimeoutMs < 0 || pollTimeoutMs > 1000)
        {
            throw new IllegalArgumentException("poll timeout " + pollTimeoutMs + " ms: 0..1000");
        }
        if (txBatch < 1 || txBatch > 1024)
        {
            throw new IllegalArgumentException("tx batch " + txBatch + ": 1..1024");
        }
        if (fanoutGroup != NO_FANOUT && (fanoutGroup < 0 || fanoutGroup > 0xFFFF))
        {
            throw new IllegalArgumentException("fanout group " + fanoutGroup + ": 0..65535 or none (-1)");
        }
    }

    /** These settings in fanout group {@code group} (0..65535). */
    public AfPacketSettings withFanoutGroup(final int group)
    {
        return new AfPacketSettings(rxRing, blockSize, blockCount, retireTimeoutMs, pollTimeoutMs, txBatch, group);
    }

    /** These settings with a {@code poll(2)} wait of up to {@code timeoutMs} when no block is ready. */
    public AfPacketSettings withPollTimeout(final int timeoutMs)
    {
        return new AfPacketSettings(rxRing, blockSize, blockCount, retireTimeoutMs, timeoutMs, txBatch, fanoutGroup);
    }

    /** These settings with a ring of {@code count} blocks of {@code size} bytes. */
    public AfPacketSettings withRing(final int size, final int count)
    {
        return new AfPacketSettings(rxRing, size, count, retireTimeoutMs, pollTimeoutMs, txBatch, fanoutGroup);
    }

    /** These settings with the receive ring {@code kind}. */
    public AfPacketSettings withRxRing(final RxRingKind kind)
    {
        return new AfPacketSettings(kind, blockSize, blockCount, retireTimeoutMs, pollTimeoutMs, txBatch, fanoutGroup);
    }
}
