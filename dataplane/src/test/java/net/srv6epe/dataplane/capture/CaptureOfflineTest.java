package net.srv6epe.dataplane.capture;

import net.srv6epe.dataplane.app.RouterMain;
import net.srv6epe.dataplane.cli.Main;
import net.srv6epe.dataplane.config.ConfigLoader;
import net.srv6epe.dataplane.worker.Worker;
import net.srv6epe.srv6.algebra.AddressBook;
import net.srv6epe.srv6.algebra.Packets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code srv6 capture} end to end: the router process ({@link RouterMain}) on a {@code pcap-file} port whose read
 * file is a FIFO this test feeds, the CLI command in this JVM talking to it over the control socket, and the pcapng
 * file it writes read back by Wireshark's decoder (tshark): the frames to our End SID as received, the frame End
 * forwarded, the frame it dropped with its reason, and the ICMPv6 error it sent back.
 */
class CaptureOfflineTest
{
    private static final String OUR_MAC = "02:00:00:00:20:01";
    private static final String PEER_MAC = "02:00:00:00:20:02";
    private static final AddressBook BOOK = AddressBook.defaults()
        .define("N", "fd00:20::2")
        .define("S", "fc00:a::1")
        .define("T", "fc00:b::100");

    @TempDir
    Path dir;

    @Test
    void theCaptureFileOpensInTsharkWithTheFramesOfTheSidAndTheDropReason() throws Exception
    {
        assumeTrue(Tshark.available(), "tshark is not installed (bin/test-all installs it)");
        final Path fifo = dir.resolve("in.pcap");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        final Path config = dir.resolve("router.yaml");
        Files.writeString(config, String.join("\n",
            "router: { name: capture, control-socket: " + dir.resolve("r.sock") + ",",
            "          journal-dir: " + dir.resolve("journal") + ", metrics: { listen: \"off\" } }",
            "ports:",
            "  - { name: core, backend: pcap-file, read: in.pcap, write: out.pcap, mac: \"" + OUR_MAC + "\"," +
                " addresses: [fd00:20::1/64] }",
            "neighbors:",
            "  - { port: core, address: fd00:20::2, mac: \"" + PEER_MAC + "\" }",
            "vrfs:",
            "  - name: default",
            "    routes:",
            "      - { prefix: \"fc00:b::/48\", via: fd00:20::2, port: core }",
            "locators:",
            "  - { name: main, prefix: fc00:a::/48 }",
            "sids:",
            "  - { sid: fc00:a::1, behavior: End }",
            ""));

        // The router opens the FIFO at start and reads its frames as they come. The worker takes a capture at the
        // start of a batch, and the batch it is in when the capture starts lasts until Worker.BATCH frames came:
        // those first frames go to another destination, so they match the capture or not alike.
        final CountDownLatch captureStarted = new CountDownLatch(1);
        final AtomicReference<OutputStream> wire = new AtomicReference<>();
        final Thread feeder = new Thread(() -> feed(fifo, wire, captureStarted), "fifo-feeder");
        feeder.setDaemon(true);
        feeder.start();
        final RouterMain.Running router = RouterMain.start(ConfigLoader.load(config), new PrintStream(
            new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), System.err);
        assertNotNull(router, "router did not start");

        final Path capture = dir.resolve("cap.pcapng");
        final ByteArrayOutputStream cliOut = new ByteArrayOutputStream();
        final ByteArrayOutputStream cliErr = new ByteArrayOutputStream();
        final AtomicInteger exit = new AtomicInteger(-1);
        final Thread cli = new Thread(() -> exit.set(Main.execute(new String[]{
            "capture", "--port", "core", "--sid", "fc00:a::1", "--count", "5", "--seconds", "60",
            "-w", capture.toString(), "--socket", dir.resolve("r.sock").toString() },
            new PrintStream(cliOut, true, StandardCharsets.UTF_8),
            new PrintStream(cliErr, true, StandardCharsets.UTF_8))),
            "srv6-capture");
        try
        {
            cli.start();
            awaitText(cliOut, cliErr, "capturing ");
            assertEquals("srv6: a capture is already running (capture 1: port core sid fc00:a::1 points all " +
                "snaplen 2048 count 5); one at a time\n", refused("--port", "core"));
            assertEquals("srv6: no port named 'uplink9' (known: core, any)\n", refused("--port", "uplink9"));
            assertEquals("srv6: bad SID 'fc00::zz': not an IPv6 address\n",
                refused("--port", "core", "--sid", "fc00::zz"));
            captureStarted.countDown();
            cli.join(TimeUnit.SECONDS.toMillis(90));
        }
        finally
        {
            closeQuietly(wire.get());
            router.close();
        }

        final String out = cliOut.toString(StandardCharsets.UTF_8);
        assertEquals(0, exit.get(), out + cliErr.toString(StandardCharsets.UTF_8));
        assertEquals("capturing port core sid fc00:a::1 points all snaplen 2048 count 5 into " + capture +
            " for 60 s; Ctrl-C stops\n5 frames written to " + capture + "; 0 not captured (ring full)\n", out);
        assertEquals(List.of(
            "core\tin core\tfc00:a::1\t0x00000001\t",
            "core\tout core\tfc00:b::100\t0x00000002\t",
            "core\tin core\tfc00:a::1\t0x00000001\t",
            "core\tdrop core: drop.srv6.upper-layer-unsupported\tfc00:a::1\t0x00000001\t",
            "core\tout core\tfd00:20::2,fc00:a::1\t0x00000002\t4"),
            Tshark.fields(capture, "frame.interface_name", "frame.comment", "ipv6.dst",
                "frame.packet_flags_direction", "icmpv6.type"));
    }

    /** Runs another {@code srv6 capture} and returns what it printed on stderr; it must fail and leave no file. */
    private String refused(final String... options)
    {
        final Path file = dir.resolve("refused.pcapng");
        final String[] args = new String[options.length + 5];
        args[0] = "capture";
        System.arraycopy(options, 0, args, 1, options.length);
        System.arraycopy(new String[]{ "-w", file.toString(), "--socket", dir.resolve("r.sock").toString() }, 0, args,
            options.length + 1, 4);
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(1, Main.execute(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertFalse(Files.exists(file), "the refused capture left " + file);
        return err.toString(StandardCharsets.UTF_8);
    }

    /** Opens the FIFO (the router reads it), writes the pcap header, and the frames once the capture runs. */
    private static void feed(final Path fifo, final AtomicReference<OutputStream> wire, final CountDownLatch start)
    {
        try (OutputStream out = new FileOutputStream(fifo.toFile()))
        {
            wire.set(out);
            out.write(pcapHeader());
            out.flush();
            start.await();
            for (int i = 0; i < Worker.BATCH; i++)
            {
                out.write(record(frame("IPv6(N,fc00:b::7)/UDP(9,9)")));
            }
            out.write(record(frame("IPv6(N,S;hl=10)/SRH(T,S;SL=1)/UDP(1,2)")));  // End: on to T
            out.write(record(frame("IPv6(N,S;hl=10)/SRH(T,S;SL=0)/UDP(1,2)")));  // End at the last segment: UDP
            out.flush();
        }
        catch (final IOException | InterruptedException ex)
        {
            // the test fails on what the capture holds
        }
    }

    private static byte[] frame(final String algebra)
    {
        final byte[] l3 = Packets.build(algebra, 16, BOOK);
        final ByteBuffer f = ByteBuffer.allocate(14 + l3.length);
        f.put(mac(OUR_MAC)).put(mac(PEER_MAC)).putShort((short)0x86DD).put(l3);
        return f.array();
    }

    private static byte[] mac(final String text)
    {
        final String[] parts = text.split(":");
        final byte[] mac = new byte[6];
        for (int i = 0; i < 6; i++)
        {
            mac[i] = (byte)Integer.parseInt(parts[i], 16);
        }
        return mac;
    }

    /** The classic pcap file header: microsecond timestamps, Ethernet. */
    private static byte[] pcapHeader()
    {
        return ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putInt(0xA1B2C3D4).putShort((short)2)
            .putShort((short)4).putInt(0).putInt(0).putInt(65535).putInt(1).array();
    }

    private static byte[] record(final byte[] frame)
    {
        return ByteBuffer.allocate(16 + frame.length).order(ByteOrder.LITTLE_ENDIAN).putInt(1_764_000_000).putInt(0)
            .putInt(frame.length).putInt(frame.length).put(frame).array();
    }

    private static void awaitText(final ByteArrayOutputStream out, final ByteArrayOutputStream err, final String text)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!out.toString(StandardCharsets.UTF_8).contains(text))
        {
            if (System.nanoTime() - deadline > 0)
            {
                fail("srv6 capture did not start: " + out.toString(StandardCharsets.UTF_8) +
                    err.toString(StandardCharsets.UTF_8));
            }
            Thread.sleep(10);
        }
    }

    private static void closeQuietly(final OutputStream out)
    {
        if (out == null)
        {
            return;
        }
        try
        {
            out.close();
        }
        catch (final IOException ex)
        {
            // the feeder may have closed it already
        }
    }
}
