package net.srv6epe.dataplane.capture;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Flyweight over one record of the capture ring (the ring's message type is the {@link CapturePoint} id), in the
 * machine's byte order: it never leaves the process.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +---------------------------------------------------------------+
 * |              wall-clock time, ns since the epoch              |
 * |                                                               |
 * +---------------------------------------------------------------+
 * |              original length of the frame                     |
 * +-------------------------------+-------------------------------+
 * |          port index           |   drop reason id, or -1       |
 * +-------------------------------+-------------------------------+
 * |  the frame's first bytes (captured length = record - 16) ...
 * </pre>
 */
public final class CaptureRecord
{
    /** Offset of the wall-clock time. */
    public static final int TIMESTAMP_NS_OFFSET = 0;
    /** Offset of the original length. */
    public static final int ORIGINAL_LENGTH_OFFSET = 8;
    /** Offset of the port index. */
    public static final int PORT_OFFSET = 12;
    /** Offset of the drop reason id. */
    public static final int DROP_REASON_OFFSET = 14;
    /** Bytes before the frame. */
    public static final int HEADER_LENGTH = 16;
    /** Drop reason id of a record that is not a drop. */
    public static final int NO_DROP_REASON = -1;

    private MutableDirectBuffer buffer;
    private int offset;
    private int length;

    /**
     * Wraps a record.
     *
     * @param length the record's length, header included
     */
    public CaptureRecord wrap(final MutableDirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        return this;
    }

    /** Wall-clock time the worker copied the frame, ns since the epoch. */
    public long timestampNs()
    {
        return buffer.getLong(offset + TIMESTAMP_NS_OFFSET);
    }

    /** Sets the wall-clock time, ns since the epoch. */
    public CaptureRecord timestampNs(final long value)
    {
        buffer.putLong(offset + TIMESTAMP_NS_OFFSET, value);
        return this;
    }

    /** The frame's length before the snap length cut it. */
    public int originalLength()
    {
        return buffer.getInt(offset + ORIGINAL_LENGTH_OFFSET);
    }

    /** Sets the frame's length before the cut. */
    public CaptureRecord originalLength(final int value)
    {
        buffer.putInt(offset + ORIGINAL_LENGTH_OFFSET, value);
        return this;
    }

    /** The port index: received on ({@code in}, {@code drop}) or sent on ({@code out}). */
    public int port()
    {
        return buffer.getShort(offset + PORT_OFFSET) & 0xFFFF;
    }

    /** Sets the port index. */
    public CaptureRecord port(final int value)
    {
        buffer.putShort(offset + PORT_OFFSET, (short)value);
        return this;
    }

    /** The drop reason's id ({@code DropReason.ordinal()}), or {@link #NO_DROP_REASON}. */
    public int dropReason()
    {
        return buffer.getShort(offset + DROP_REASON_OFFSET);
    }

    /** Sets the drop reason's id, or {@link #NO_DROP_REASON}. */
    public CaptureRecord dropReason(final int value)
    {
        buffer.putShort(offset + DROP_REASON_OFFSET, (short)value);
        return this;
    }

    /** Bytes of the frame the record holds. */
    public int capturedLength()
    {
        return length - HEADER_LENGTH;
    }

    /** Copies {@code capturedLength} bytes of a frame into the record. */
    public CaptureRecord frame(final DirectBuffer source, final int sourceOffset, final int capturedLength)
    {
        buffer.putBytes(offset + HEADER_LENGTH, source, sourceOffset, capturedLength);
        return this;
    }

    /** Copies the captured bytes out. */
    public void getFrame(final byte[] destination)
    {
        buffer.getBytes(offset + HEADER_LENGTH, destination, 0, capturedLength());
    }
}
