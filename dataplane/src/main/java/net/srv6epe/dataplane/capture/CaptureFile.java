package net.srv6epe.dataplane.capture;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Captured frames as a pcapng file: one interface per router port (named after it, so the interface id is the
 * port index), each frame with its comment ({@code in core}, {@code out edge}, {@code drop core: drop.x.y}) and
 * direction ({@code in} and {@code drop} inbound, {@code out} outbound).
 */
public final class CaptureFile implements Closeable
{
    /** The application named in the file's section header. */
    public static final String APPLICATION = "srv6-epe capture";

    private final PcapngWriter writer;
    private final List<String> portNames;
    private long frames;

    /**
     * Writes the file's header and one interface per port.
     *
     * @param out        where the file goes (closed by {@link #close()})
     * @param portNames  the router's ports by index
     * @param snapLength bytes kept of each frame
     */
    public CaptureFile(final OutputStream out, final List<String> portNames, final int snapLength) throws IOException
    {
        this.writer = new PcapngWriter(out, APPLICATION);
        this.portNames = List.copyOf(portNames);
        for (final String name : this.portNames)
        {
            writer.addInterface(name, snapLength);
        }
    }

    /**
     * Appends one frame.
     *
     * @throws IllegalArgumentException for a port the file has no interface for
     */
    public void write(final CapturedFrame frame) throws IOException
    {
        writer.writePacket(frame.port(), frame.timestampNs(), frame.data(), frame.originalLength(),
            frame.comment(portNames),
            frame.point() == CapturePoint.OUT ? PcapngWriter.DIRECTION_OUTBOUND : PcapngWriter.DIRECTION_INBOUND);
        frames++;
    }

    /** Frames written so far. */
    public long frames()
    {
        return frames;
    }

    /** Pushes what is written to the file, so a reader sees every frame so far. */
    public void flush() throws IOException
    {
        writer.flush();
    }

    @Override
    public void close() throws IOException
    {
        writer.close();
    }
}
