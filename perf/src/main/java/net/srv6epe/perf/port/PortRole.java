package net.srv6epe.perf.port;

import static java.nio.ByteOrder.BIG_ENDIAN;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.agrona.concurrent.UnsafeBuffer;

import net.srv6epe.dataplane.port.FrameHandler;
import net.srv6epe.dataplane.port.MacAddress;
import net.srv6epe.dataplane.port.Port;
import net.srv6epe.dataplane.port.PortCounter;
import net.srv6epe.dataplane.port.PortFactory;
import net.srv6epe.dataplane.port.afpacket.AfPacketPort;
import net.srv6epe.dataplane.port.afpacket.AfPacketSettings;

/**
 * One side of a {@link PortRateBenchmark} run, in its own process inside a namespace, pinned by the caller:
 * <ul>
 *   <li>{@code gen IF SECONDS}: an AF_PACKET port blasting 64-byte frames ({@code sendmmsg}, 64 per call);</li>
 *   <li>{@code rx BACKEND IF SECONDS}: receives as fast as it can; after a 1 s warm-up it measures;</li>
 *   <li>{@code tx BACKEND IF SECONDS}: sends 64-byte frames (64, then flush) as fast as it can; measures after a
 *       1 s warm-up.</li>
 * </ul>
 * The measuring roles print one {@code RESULT key=value ...} line: frames, seconds, rate, the Java thread's CPU
 * time per frame, and the interface's own counters over the window (what the veth delivered / offered). A receiver
 * that spins on an idle ring burns its CPU whatever it receives, so it also reports {@code busy_ns_per_frame}: the
 * wall time of the receive calls that returned frames, per frame.
 */
final class PortRole
{
    static final long DUT_MAC = MacAddress.parse("02:5e:00:00:be:01");
    static final long GEN_MAC = MacAddress.parse("02:5e:00:00:be:02");
    static final int FRAME_LENGTH = 64;

    private PortRole()
    {
    }

    static int run(final String[] args) throws Exception
    {
        final String role = args[0];
        switch (role)
        {
            case "gen":
                return generate(args[1], Integer.parseInt(args[2]));
            case "rx":
                return receive(args[1], args[2], Integer.parseInt(args[3]));
            case "tx":
                return transmit(args[1], args[2], Integer.parseInt(args[3]));
            default:
                System.err.println("unknown role " + role);
                return 2;
        }
    }

    /** Ethernet + IPv6 (fd00:be::2 -> fd00:be::1) + UDP + 2 bytes: 64 bytes; the source port varies with i. */
    static void frame(final UnsafeBuffer b, final long dst, final long src, final int i)
    {
        MacAddress.put(b, 0, dst);
        MacAddress.put(b, 6, src);
        b.putShort(12, (short)0x86DD, BIG_ENDIAN);
        b.putInt(14, 0x6000_0000, BIG_ENDIAN);
        b.putShort(18, (short)10, BIG_ENDIAN);
        b.putByte(20, (byte)17);
        b.putByte(21, (byte)64);
        b.putLong(22, 0xfd00_00be_0000_0000L, BIG_ENDIAN);
        b.putLong(30, 2, BIG_ENDIAN);
        b.putLong(38, 0xfd00_00be_0000_0000L, BIG_ENDIAN);
        b.putLong(46, 1, BIG_ENDIAN);
        b.putShort(54, (short)(10000 + (i & 0x3FF)), BIG_ENDIAN);
        b.putShort(56, (short)9, BIG_ENDIAN);
        b.putShort(58, (short)10, BIG_ENDIAN);
        b.putShort(60, (short)0, BIG_ENDIAN); // no UDP checksum: nobody checks it, the kernel drops these early
        b.putShort(62, (short)i, BIG_ENDIAN);
    }

    private static int generate(final String interfaceName, final int seconds)
    {
        final UnsafeBuffer[] frames = frames(DUT_MAC, GEN_MAC);
        try (AfPacketPort port = AfPacketPort.open("gen", interfaceName, GEN_MAC, 1500,
            AfPacketSettings.DEFAULT.withRing(128 * 1024, 2)))
        {
            final long end = System.nanoTime() + seconds * 1_000_000_000L;
            while (System.nanoTime() < end)
            {
                for (int i = 0; i < 64; i++)
                {
                    port.send(frames[i], 0, FRAME_LENGTH);
                }
                port.flush();
            }
            System.out.println("RESULT role=gen sent=" + port.counters().get(PortCounter.TX_PACKETS) +
                " errors=" + port.counters().get(PortCounter.TX_ERRORS));
        }
        return 0;
    }

    private static UnsafeBuffer[] frames(final long dst, final long src)
    {
        final UnsafeBuffer[] frames = new UnsafeBuffer[64];
        for (int i = 0; i < frames.length; i++)
        {
            frames[i] = new UnsafeBuffer(ByteBuffer.allocateDirect(FRAME_LENGTH));
            frame(frames[i], dst, src, i);
        }
        return frames;
    }

    private static int receive(final String backend, final String interfaceName, final int seconds) throws Exception
    {
        final long[] sink = {0};
        final FrameHandler handler = (buffer, offset, length) -> sink[0] += buffer.getByte(offset + length - 1);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        try (Port port = PortFactory.open("dut", backend, interfaceName, null, null, DUT_MAC, 1500))
        {
            final long warmUpEnd = System.nanoTime() + 1_000_000_000L;
            while (System.nanoTime() < warmUpEnd)
            {
                port.receive(handler, 64);
            }
            refresh(port);
            final long rx0 = port.counters().get(PortCounter.RX_PACKETS);
            final long dropped0 = port.counters().get(PortCounter.RX_DROPPED);
            final long offered0 = interfaceCounter(interfaceName, "rx_packets");
            final long cpu0 = threads.getCurrentThreadCpuTime();
            final long t0 = System.nanoTime();
            final long end = t0 + seconds * 1_000_000_000L;
            long busyNs = 0;
            long now = t0;
            while (now < end)
            {
                final int n = port.receive(handler, 64);
                final long after = System.nanoTime();
                if (n > 0)
                {
                    busyNs += after - now;
                }
                now = after;
            }
            final long t1 = now;
            final long cpu1 = threads.getCurrentThreadCpuTime();
            final long offered1 = interfaceCounter(interfaceName, "rx_packets");
            refresh(port);
            final long frames = port.counters().get(PortCounter.RX_PACKETS) - rx0;
            final double s = (t1 - t0) / 1e9;
            System.out.println(String.format(Locale.ROOT,
                "RESULT role=rx backend=%s port=%s frames=%d seconds=%.3f pps=%.0f offered_pps=%.0f " +
                "dropped=%d cpu_ns_per_frame=%.1f busy_ns_per_frame=%.1f cpu_share=%.2f sink=%d",
                backend, port.getClass().getSimpleName(), frames, s, frames / s, (offered1 - offered0) / s,
                port.counters().get(PortCounter.RX_DROPPED) - dropped0,
                frames == 0 ? 0.0 : (cpu1 - cpu0) / (double)frames, frames == 0 ? 0.0 : busyNs / (double)frames,
                (cpu1 - cpu0) / (double)(t1 - t0), sink[0] & 1));
        }
        return 0;
    }

    private static void refresh(final Port port)
    {
        if (port instanceof AfPacketPort)
        {
            ((AfPacketPort)port).refreshStatistics();
        }
    }

    private static int transmit(final String backend, final String interfaceName, final int seconds) throws Exception
    {
        final UnsafeBuffer[] frames = frames(GEN_MAC, DUT_MAC);
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        try (Port port = PortFactory.open("dut", backend, interfaceName, null, null, DUT_MAC, 1500))
        {
            final long warmUpEnd = System.nanoTime() + 1_000_000_000L;
            while (System.nanoTime() < warmUpEnd)
            {
                sendBatch(port, frames);
            }
            final long tx0 = port.counters().get(PortCounter.TX_PACKETS);
            final long errors0 = port.counters().get(PortCounter.TX_ERRORS);
            final long delivered0 = interfaceCounter(interfaceName, "tx_packets");
            final long vethDropped0 = interfaceCounter(interfaceName, "tx_dropped");
            final long cpu0 = threads.getCurrentThreadCpuTime();
            final long t0 = System.nanoTime();
            final long end = t0 + seconds * 1_000_000_000L;
            while (System.nanoTime() < end)
            {
                sendBatch(port, frames);
            }
            final long t1 = System.nanoTime();
            final long cpu1 = threads.getCurrentThreadCpuTime();
            final long delivered1 = interfaceCounter(interfaceName, "tx_packets");
            final long vethDropped1 = interfaceCounter(interfaceName, "tx_dropped");
            final long frames1 = port.counters().get(PortCounter.TX_PACKETS) - tx0;
            final double s = (t1 - t0) / 1e9;
            System.out.println(String.format(Locale.ROOT,
                "RESULT role=tx backend=%s port=%s frames=%d seconds=%.3f pps=%.0f delivered_pps=%.0f " +
                "veth_dropped=%d errors=%d cpu_ns_per_frame=%.1f cpu_share=%.2f",
                backend, port.getClass().getSimpleName(), frames1, s, frames1 / s, (delivered1 - delivered0) / s,
                vethDropped1 - vethDropped0, port.counters().get(PortCounter.TX_ERRORS) - errors0,
                frames1 == 0 ? 0.0 : (cpu1 - cpu0) / (double)frames1, (cpu1 - cpu0) / (double)(t1 - t0)));
        }
        return 0;
    }

    private static void sendBatch(final Port port, final UnsafeBuffer[] frames)
    {
        for (int i = 0; i < frames.length; i++)
        {
            port.send(frames[i], 0, FRAME_LENGTH);
        }
        port.flush();
    }

    private static long interfaceCounter(final String interfaceName, final String counter) throws Exception
    {
        return Long.parseLong(Files.readString(Path.of("/sys/class/net", interfaceName, "statistics", counter)).trim());
    }
}
