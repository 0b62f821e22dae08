package net.srv6epe.dataplane.port.afxdp;

import org.agrona.concurrent.UnsafeBuffer;

/**
 * One of an AF_XDP socket's four mapped rings: a producer index, a consumer index, a flags word and
 * {@code size} entries ({@code struct xdp_desc} for RX and TX, a 64-bit UMEM address for fill and completion). The
 * side that produces publishes its index with a release store and the other side reads it with an acquire load;
 * the indexes run freely and wrap, entries are at {@code index & (size - 1)}.
 */
final class XskRing
{
    final UnsafeBuffer memory;
    final long mapped;
    final long mappedLength;
    private final int producer;
    private final int consumer;
    private final int flags;
    private final int entries;
    private final int entryLength;
    final int mask;

    XskRing(final long address, final long length, final int producer, final int consumer, final int flags,
        final int entries, final int size, final int entryLength)
    {
        this.memory = new UnsafeBuffer(address, (int)length);
        this.mapped = address;
        this.mappedLength = length;
        this.producer = producer;
        this.consumer = consumer;
        this.flags = flags;
        this.entries = entries;
        this.entryLength = entryLength;
        this.mask = size - 1;
    }

    int producerAcquire()
    {
        return memory.getIntVolatile(producer);
    }

    int consumerAcquire()
    {
        return memory.getIntVolatile(consumer);
    }

    void publishProducer(final int index)
    {
        memory.putIntOrdered(producer, index);
    }

    void publishConsumer(final int index)
    {
        memory.putIntOrdered(consumer, index);
    }

    int flags()
    {
        return memory.getIntVolatile(flags);
    }

    /** Offset in {@link #memory} of the entry at free-running index {@code index}. */
    int entry(final int index)
    {
        return entries + (index & mask) * entryLength;
    }
}
