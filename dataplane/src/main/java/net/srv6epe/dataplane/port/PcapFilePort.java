package net.srv6epe.dataplane.port;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.Arrays;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.pcap4j.core.PcapDumper;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.Pcaps;
import org.pcap4j.core.RawPacketListener;
import org.pcap4j.packet.namednumber.DataLinkType;

/**
 * A port over capture files, for offline replay and tests: receives the frames of a {@code .pcap} (Ethernet link
 * type) once, in order, and writes every sent frame into another {@code .pcap}. Either file may be absent: no read
 * file means nothing is received, no write file means sent frames are counted and discarded.
 *
 * <p>Not a fast path: pcap4j copies every frame into a new array in both directions.
 */
public final class PcapFilePort implements Port, RawPacketListener
{
    static
    {
        PcapLogging.quiet();
    }

    private final String name;
    private final long mac;
    private final int mtu;
    private final PcapHandle reader;
    private final PcapHandle deadHandle;
    private final PcapDumper dumper;
    private final PortCounters counters = new PortCounters();
    private final UnsafeBuffer rxBuffer = new UnsafeBuffer(new byte[0]);
    private final byte[] txArray = new byte[PcapLivePort.SNAPLEN];
    private final UnsafeBuffer txBuffer = new UnsafeBuffer(txArray);
    private FrameHandler handler;
    private boolean exhausted;
    private boolean closed;

    private PcapFilePort(
        final String name,
        final long mac,
        final int mtu,
        final PcapHandle reader,
        final PcapHandle deadHandle,
        final PcapDumper dumper)
    {
        this.name = name;
        this.mac = mac;
        this.mtu = mtu;
        this.reader = reader;
        this.deadHandle = deadHandle;
        this.dumper = dumper;
        this.exhausted = reader == null;
    }

    /**
     * Opens the files.
     *
     * @param readPath a {@code .pcap} to replay, or null.
     * @param writePath a {@code .pcap} to create (truncated if it exists) for sent frames, or null.
     * @throws PortException when a file cannot be opened.
     */
    public static PcapFilePort open(
        final String name, final String readPath, final String writePath, final long mac, final int mtu)
    {
        PcapHandle reader = null;
        PcapHandle dead = null;
        try
        {
            if (readPath != null)
            {
                if (!Files.isReadable(Path.of(readPath)))
                {
                    throw new PortException("port '" + name + "': cannot read capture file '" + readPath + "'");
                }
                reader = Pcaps.openOffline(readPath);
            }
            PcapDumper dumper = null;
            if (writePath != null)
            {
                dead = Pcaps.openDead(DataLinkType.EN10MB, PcapLivePort.SNAPLEN);
                dumper = dead.dumpOpen(writePath);
            }
            return new PcapFilePort(name, mac, mtu, reader, dead, dumper);
        }
        catch (final PortException ex)
        {
            closeQuietly(reader, dead);
            throw ex;
        }
        catch (final Exception ex)
        {
            closeQuietly(reader, dead);
            throw new PortException("port '" + name + "': cannot open capture files (read '" + readPath +
                "', write '" + writePath + "'): " + ex.getMessage(), ex);
        }
    }

    private static void closeQuietly(final PcapHandle reader, final PcapHandle dead)
    {
        if (reader != null)
        {
            reader.close();
        }
        if (dead != null)
        {
            dead.close();
        }
    }

    @Override
    public PortBackend backend()
    {
        return PortBackend.PCAP_FILE;
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

    /** True once every frame of the read file has been received (or there is no read file). */
    public boolean exhausted()
    {
        return exhausted;
    }

    @Override
    public int receive(final FrameHandler handler, final int limit)
    {
        if (exhausted || closed)
        {
            return 0;
        }
        this.handler = handler;
        int count;
        try
        {
            count = reader.dispatch(limit, this);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            count = 0;
        }
        catch (final Exception ex)
        {
            counters.add(PortCounter.RX_ERRORS, 1);
            count = 0;
        }
        finally
        {
            this.handler = null;
        }
        if (count <= 0)
        {
            exhausted = true;
            return 0;
        }
        return count;
    }

    /** pcap4j callback inside {@link #receive}: not for callers. */
    @Override
    public void gotPacket(final byte[] packet)
    {
        rxBuffer.wrap(packet);
        counters.onReceived(packet.length);
        handler.onFrame(rxBuffer, 0, packet.length);
    }

    @Override
    public boolean send(final DirectBuffer buffer, final int offset, final int length)
    {
        if (closed || length <= 0 || length > txArray.length)
        {
            counters.add(PortCounter.TX_ERRORS, 1);
            return false;
        }
        if (dumper != null)
        {
            buffer.getBytes(offset, txBuffer, 0, length);
            try
            {
                dumper.dumpRaw(Arrays.copyOf(txArray, length), new Timestamp(System.currentTimeMillis()));
            }
            catch (final Exception ex)
            {
                counters.add(PortCounter.TX_ERRORS, 1);
                return false;
            }
        }
        counters.onSent(length);
        return true;
    }

    @Override
    public void flush()
    {
        if (dumper != null && !closed)
        {
            try
            {
                dumper.flush();
            }
            catch (final Exception ex)
            {
                counters.add(PortCounter.TX_ERRORS, 1);
            }
        }
    }

    @Override
    public PortCounters counters()
    {
        return counters;
    }

    @Override
    public void close()
    {
        if (!closed)
        {
            flush();
            closed = true;
            if (dumper != null)
            {
                dumper.close();
            }
            closeQuietly(reader, deadHandle);
        }
    }

    @Override
    public String toString()
    {
        return "PcapFilePort{" + name + ", mac=" + MacAddress.format(mac) + "}";
    }
}
