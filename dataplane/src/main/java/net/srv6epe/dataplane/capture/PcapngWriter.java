package net.srv6epe.dataplane.capture;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes a pcapng file (draft-ietf-opsawg-pcapng) that Wireshark and tshark open: one Section Header Block, one
 * Interface Description Block per interface (Ethernet, nanosecond timestamps, its name), then an Enhanced Packet
 * Block per frame with an optional comment ({@code frame.comment} in Wireshark) and direction flag
 * ({@code frame.packet_flags_direction}). Little-endian, as readers of either order accept.
 *
 * <pre>
 * every block:  block type (32) | block total length (32) | body | options | block total length (32)
 * option:       code (16) | length (16) | value, padded to 32 bits; the list ends with opt_endofopt (0, 0)
 * EPB body:     interface id (32) | timestamp high (32) | timestamp low (32) | captured length (32)
 *               | original length (32) | packet data, padded to 32 bits
 * </pre>
 *
 * Not thread safe.
 */
public final class PcapngWriter implements Closeable, Flushable
{
    /** LINKTYPE_ETHERNET. */
    public static final int LINKTYPE_ETHERNET = 1;
    /** Direction flag: unknown. */
    public static final int DIRECTION_UNKNOWN = 0;
    /** Direction flag: inbound. */
    public static final int DIRECTION_INBOUND = 1;
    /** Direction flag: outbound. */
    public static final int DIRECTION_OUTBOUND = 2;

    private static final int SECTION_HEADER_BLOCK = 0x0A0D0D0A;
    private static final int INTERFACE_DESCRIPTION_BLOCK = 1;
    private static final int ENHANCED_PACKET_BLOCK = 6;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final short OPT_ENDOFOPT = 0;
    private static final short OPT_COMMENT = 1;
    private static final short SHB_USERAPPL = 4;
    private static final short IF_NAME = 2;
    private static final short IF_TSRESOL = 9;
    private static final short EPB_FLAGS = 2;
    /** if_tsresol: 10^-9 s. */
    private static final byte NANOSECONDS = 9;

    private final OutputStream out;
    private ByteBuffer block = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
    private int interfaces;

    /**
     * Writes the section header.
     *
     * @param out         where the file goes (closed by {@link #close()})
     * @param application the writing application's name, recorded in the section header
     */
    public PcapngWriter(final OutputStream out, final String application) throws IOException
    {
        this.out = out;
        begin(SECTION_HEADER_BLOCK, 0);
        block.putInt(BYTE_ORDER_MAGIC);
        block.putShort((short)1);
        block.putShort((short)0);
        block.putLong(-1L); // section length not given
        option(SHB_USERAPPL, utf8(application));
        end();
    }

    /**
     * Describes the next interface (Ethernet, nanosecond timestamps); frames name it by its id.
     *
     * @param name       the interface's name, shown by Wireshark ({@code frame.interface_name})
     * @param snapLength bytes kept of each frame
     * @return the interface's id: 0 for the first, then 1, 2...
     */
    public int addInterface(final String name, final int snapLength) throws IOException
    {
        begin(INTERFACE_DESCRIPTION_BLOCK, 0);
        block.putShort((short)LINKTYPE_ETHERNET);
        block.putShort((short)0);
        block.putInt(snapLength);
        option(IF_NAME, utf8(name));
        option(IF_TSRESOL, new byte[]{ NANOSECONDS });
        end();
        return interfaces++;
    }

    /**
     * Writes one frame.
     *
     * @param interfaceId    an id {@link #addInterface} returned
     * @param timestampNs    ns since the epoch
     * @param data           the captured bytes
     * @param originalLength the frame's length on the wire (at least {@code data.length})
     * @param comment        the frame's comment, or null
     * @param direction      {@link #DIRECTION_INBOUND}, {@link #DIRECTION_OUTBOUND} or {@link #DIRECTION_UNKNOWN}
     * @throws IllegalArgumentException for an interface not described or lengths that disagree
     */
    public void writePacket(
        final int interfaceId,
        final long timestampNs,
        final byte[] data,
        final int originalLength,
        final String comment,
        final int direction) throws IOException
    {
        if (interfaceId < 0 || interfaceId >= interfaces)
        {
            throw new IllegalArgumentException("interface " + interfaceId + " not described (" + interfaces +
                " interfaces)");
        }
        if (originalLength < data.length)
        {
            throw new IllegalArgumentException("original length " + originalLength + " < captured " + data.length);
        }
        final byte[] text = comment == null ? null : utf8(comment);
        begin(ENHANCED_PACKET_BLOCK, data.length + (text == null ? 0 : text.length));
        block.putInt(interfaceId);
        block.putInt((int)(timestampNs >>> 32));
        block.putInt((int)timestampNs);
        block.putInt(data.length);
        block.putInt(originalLength);
        block.put(data);
        pad(data.length);
        if (text != null)
        {
            option(OPT_COMMENT, text);
        }
        if (direction != DIRECTION_UNKNOWN)
        {
            block.putShort(EPB_FLAGS);
            block.putShort((short)4);
            block.putInt(direction & 0x3);
        }
        end();
    }

    @Override
    public void flush() throws IOException
    {
        out.flush();
    }

    @Override
    public void close() throws IOException
    {
        out.close();
    }

    /** Starts a block whose variable parts (data, option values) take about {@code extra} bytes. */
    private void begin(final int type, final int extra)
    {
        final int needed = 512 + extra;
        if (block.capacity() < needed)
        {
            block = ByteBuffer.allocate(Integer.highestOneBit(needed) << 1).order(ByteOrder.LITTLE_ENDIAN);
        }
        block.clear();
        block.putInt(type);
        block.putInt(0); // total length, filled in by end()
    }

    private void option(final short code, final byte[] value)
    {
        block.putShort(code);
        block.putShort((short)value.length);
        block.put(value);
        pad(value.length);
    }

    private void end() throws IOException
    {
        block.putShort(OPT_ENDOFOPT);
        block.putShort((short)0);
        final int total = block.position() + 4;
        block.putInt(total);
        block.putInt(4, total);
        out.write(block.array(), 0, total);
    }

    private void pad(final int length)
    {
        for (int i = length; (i & 3) != 0; i++)
        {
            block.put((byte)0);
        }
    }

    private static byte[] utf8(final String text)
    {
        final byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 0xFFFF)
        {
            throw new IllegalArgumentException("pcapng option longer than 65535 bytes");
        }
        return bytes;
    }
}
