package net.srv6epe.dataplane.port;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The counters of one port. Each counter has a single writer (the thread that receives writes the RX counters,
 * the thread that sends writes the TX counters) which publishes with a release store; any thread reads.
 */
public final class PortCounters
{
    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int STRIDE = 8; // one cache line per counter: RX and TX writers never share a line

    private final long[] values = new long[PortCounter.count() * STRIDE];

    /** Adds {@code delta} to a counter; call only from that counter's single writer thread. */
    public void add(final PortCounter counter, final long delta)
    {
        final int index = counter.ordinal() * STRIDE;
        LONGS.setRelease(values, index, (long)LONGS.getOpaque(values, index) + delta);
    }

    /** Sets a counter to an absolute value (for totals the backend keeps, like kernel drops). Single writer. */
    public void set(final PortCounter counter, final long value)
    {
        LONGS.setRelease(values, counter.ordinal() * STRIDE, value);
    }

    /** Reads a counter from any thread. */
    public long get(final PortCounter counter)
    {
        return (long)LONGS.getAcquire(values, counter.ordinal() * STRIDE);
    }

    /** Records one received frame of {@code length} bytes. */
    public void onReceived(final int length)
    {
        add(PortCounter.RX_PACKETS, 1);
        add(PortCounter.RX_BYTES, length);
    }

    /** Records one sent frame of {@code length} bytes. */
    public void onSent(final int length)
    {
        add(PortCounter.TX_PACKETS, 1);
        add(PortCounter.TX_BYTES, length);
    }

    @Override
    public String toString()
    {
        final StringBuilder sb = new StringBuilder("PortCounters{");
        for (final PortCounter c : PortCounter.values())
        {
            if (c.ordinal() > 0)
            {
                sb.append(", ");
            }
            sb.append(c.label()).append('=').append(get(c));
        }
        return sb.append('}').toString();
    }
}
