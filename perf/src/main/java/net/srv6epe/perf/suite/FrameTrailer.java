package net.srv6epe.perf.suite;

import static java.nio.ByteOrder.BIG_ENDIAN;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The last {@value #LENGTH} octets of every generated frame, wherever encapsulation or decapsulation moved the rest:
 *
 * <pre>
 *   0                   1                   2                   3
 *   0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                 magic (MEASURE or WARM_UP)                    |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |                sequence number (unsigned 32)                  |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  |             send time, System.nanoTime() (64)                 |
 *  |                                                               |
 *  +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Generator and sink run on one machine, so CLOCK_MONOTONIC ({@code System.nanoTime()}) is one clock for both.
 */
final class FrameTrailer
{
    static final int LENGTH = 16;
    static final int MAGIC_OFFSET = 0;
    static final int SEQUENCE_OFFSET = 4;
    static final int SEND_NS_OFFSET = 8;
    /** A frame of the measured window. */
    static final int MEASURE = 0x5336_7065;
    /** A frame of the warm-up before it (counted apart, never in the results). */
    static final int WARM_UP = 0x5336_7077;

    private FrameTrailer()
    {
    }

    /** Writes the trailer at the end of the frame {@code [0, frameLength)}. */
    static void write(final MutableDirectBuffer frame, final int frameLength, final int magic, final long sequence,
        final long sendNs)
    {
        final int at = frameLength - LENGTH;
        frame.putInt(at + MAGIC_OFFSET, magic, BIG_ENDIAN);
        frame.putInt(at + SEQUENCE_OFFSET, (int)sequence, BIG_ENDIAN);
        frame.putLong(at + SEND_NS_OFFSET, sendNs, BIG_ENDIAN);
    }

    /** The magic of the frame at {@code offset}, or 0 when it is too short to carry a trailer. */
    static int magic(final DirectBuffer buffer, final int offset, final int length)
    {
        return length < LENGTH ? 0 : buffer.getInt(offset + length - LENGTH + MAGIC_OFFSET, BIG_ENDIAN);
    }

    /** The sequence number (0..2^32-1). */
    static long sequence(final DirectBuffer buffer, final int offset, final int length)
    {
        return buffer.getInt(offset + length - LENGTH + SEQUENCE_OFFSET, BIG_ENDIAN) & 0xFFFF_FFFFL;
    }

    /** The send time in monotonic nanoseconds. */
    static long sendNs(final DirectBuffer buffer, final int offset, final int length)
    {
        return buffer.getLong(offset + length - LENGTH + SEND_NS_OFFSET, BIG_ENDIAN);
    }
}
