package net.srv6epe.dataplane.app;

import net.srv6epe.dataplane.config.ConfigLoader;
import net.srv6epe.dataplane.port.MacAddress;
import net.srv6epe.dataplane.port.PcapFilePort;
import net.srv6epe.srv6.algebra.AddressBook;
import net.srv6epe.srv6.algebra.Packets;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The whole router process offline: {@link RouterMain} with two {@code pcap-file} ports replays a capture of a
 * content server's packets and writes what it forwards into another capture, which Wireshark's decoder (tshark)
 * then reads: the EPE source addresses leave H.Encaps'ed (with an SRH) and H.Encaps.Red'ed (reduced SRH) with
 * their peer's SIDs, the default source leaves as plain IPv6.
 */
class RouterOfflineTest
{
    private static final String SERVER_MAC = "02:00:00:00:10:02";
    private static final String OUR_SERVER_MAC = "02:00:00:00:10:01";

    @TempDir
    Path dir;

    @Test
    void replayedServerTrafficLeavesWithEachPeersSidAsTsharkDecodesIt() throws Exception
    {
        assumeTrue(tsharkAvailable(), "tshark is not installed (bin/test-all installs it)");
        final AddressBook book = AddressBook.defaults();
        writeCapture(dir.resolve("in.pcap"), book,
            "IPv6(fd00:10::a,fd00:c0::c)/UDP(40000,443)",
            "IPv6(fd00:10::b,fd00:c0::c)/UDP(40001,443)",
            "IPv6(fd00:10::10,fd00:c0::c)/UDP(40002,443)");
        final Path config = dir.resolve("router.yaml");
        Files.writeString(config, String.join("\n",
            "router: { name: offline, control-socket: " + dir.resolve("r.sock") + ", encap-source: fd00:20::1,",
            "          journal-dir: " + dir.resolve("journal") + ",",
            "          metrics: { listen: \"127.0.0.1:0\" } }",
            "ports:",
            "  - { name: server, backend: pcap-file, read: in.pcap, mac: \"" + OUR_SERVER_MAC + "\"," +
                " addresses: [fd00:10::1/64] }",
            "  - { name: core, backend: pcap-file, write: out.pcap, mac: \"02:00:00:00:20:01\"," +
                " addresses: [fd00:20::1/64] }",
            "neighbors:",
            "  - { port: core, address: fd00:20::2, mac: \"02:00:00:00:20:02\" }",
            "vrfs:",
            "  - name: default",
            "    table: 254",
            "    routes:",
            "      - { prefix: \"fc00:a::/48\", via: fd00:20::2, port: core }",
            "      - { prefix: fd00:c0::/64, via: fd00:20::2, port: core }",
            "  - name: epe-a",
            "    table: 101",
            "    routes: [ { prefix: fd00:c0::/64, encap: { mode: H.Encaps, segments: [\"fc00:a::a6\"] } } ]",
            "  - name: epe-b",
            "    table: 102",
            "    routes: [ { prefix: fd00:c0::/64, encap: { mode: H.Encaps.Red," +
                " segments: [\"fc00:a::1\", \"fc00:a::b6\"] } } ]",
            "pbr:",
            "  - { priority: 10, from: fd00:10::a/128, vrf: epe-a }",
            "  - { priority: 20, from: fd00:10::b/128, vrf: epe-b }",
            ""));

        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final RouterMain.Running router = RouterMain.start(ConfigLoader.load(config),
            new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertNotNull(router, "router did not start");
        final Path written = dir.resolve("out.pcap");
        List<String> lines = List.of();
        try
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (System.nanoTime() < deadline)
            {
                lines = tshark(written, "ipv6.src", "ipv6.dst", "ipv6.routing.segleft",
                    "ipv6.routing.srh.last_entry", "ipv6.routing.srh.addr", "udp.srcport");
                if (lines.size() >= 3)
                {
                    break;
                }
                Thread.sleep(100);
            }
        }
        finally
        {
            router.close();
        }
        lines = tshark(written, "ipv6.src", "ipv6.dst", "ipv6.routing.segleft",
            "ipv6.routing.srh.last_entry", "ipv6.routing.srh.addr", "udp.srcport");
        assertEquals(List.of(
            // H.Encaps, one SID: outer DA = the SID, SRH with SL 0, Last Entry 0, the SID in it
            "fd00:20::1,fd00:10::a\tfc00:a::a6,fd00:c0::c\t0\t0\tfc00:a::a6\t40000",
            // H.Encaps.Red, two SIDs: DA = first SID, SL 1, Last Entry 0, only the second SID in the SRH
            "fd00:20::1,fd00:10::b\tfc00:a::1,fd00:c0::c\t1\t0\tfc00:a::b6\t40001",
            // the default source: plain IPv6, routed by the default VRF
            "fd00:10::10\tfd00:c0::c\t\t\t\t40002"), lines);
    }

    private static void writeCapture(final Path file, final AddressBook book, final String... packets)
    {
        try (PcapFilePort writer = PcapFilePort.open("gen", null, file.toString(), 0, 9000))
        {
            for (final String algebra : packets)
            {
                final byte[] l3 = Packets.build(algebra, 18, book);
                final UnsafeBuffer frame = new UnsafeBuffer(new byte[14 + l3.length]);
                MacAddress.put(frame, 0, MacAddress.parse(OUR_SERVER_MAC));
                MacAddress.put(frame, 6, MacAddress.parse(SERVER_MAC));
                frame.putShort(12, (short)0x86DD, java.nio.ByteOrder.BIG_ENDIAN);
                frame.putBytes(14, l3);
                writer.send(frame, 0, frame.capacity());
            }
            writer.flush();
        }
    }

    private static boolean tsharkAvailable()
    {
        try
        {
            return new ProcessBuilder("tshark", "--version").redirectErrorStream(true).start()
                .waitFor(20, TimeUnit.SECONDS);
        }
        catch (final IOException | InterruptedException ex)
        {
            return false;
        }
    }

    private static List<String> tshark(final Path file, final String... fields) throws Exception
    {
        if (!Files.exists(file) || Files.size(file) <= 24)
        {
            return List.of();
        }
        final List<String> command = new ArrayList<>(List.of("tshark", "-r", file.toString(), "-T", "fields"));
        for (final String f : fields)
        {
            command.add("-e");
            command.add(f);
        }
        final Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        final String text = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(20, TimeUnit.SECONDS);
        return text.isBlank() ? List.of() : List.of(text.strip().split("\n"));
    }
}
