package net.srv6epe.dataplane.flowstats;

import net.srv6epe.dataplane.app.RouterMain;
import net.srv6epe.dataplane.cli.Main;
import net.srv6epe.dataplane.config.ConfigLoader;
import net.srv6epe.dataplane.journal.ChangeKind;
import net.srv6epe.dataplane.journal.RouteEvent;
import net.srv6epe.dataplane.journal.RouteEventReader;
import net.srv6epe.dataplane.port.MacAddress;
import net.srv6epe.dataplane.port.PcapFilePort;
import net.srv6epe.srv6.algebra.AddressBook;
import net.srv6epe.srv6.algebra.Packets;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole router offline ({@code pcap-file} ports): a known capture of a content server's packets is replayed,
 * the flow journal then holds exactly the expected packets and bytes per SRv6 flow, the route-event journal holds
 * the configured state with cause {@code config}, and both survive the router's restart and are readable by
 * {@code srv6 flows} / {@code srv6 events}.
 */
class FlowStatsOfflineTest
{
    private static final String SERVER_MAC = "02:00:00:00:10:02";
    private static final String OUR_SERVER_MAC = "02:00:00:00:10:01";

    @TempDir
    Path dir;

    @Test
    void replayedTrafficIsJournaledPerFlowExactlyAndRouteEventsSurviveARestart() throws Exception
    {
        final List<String> packets = new ArrayList<>();
        for (int i = 0; i < 3; i++)
        {
            packets.add("IPv6(fd00:10::a,fd00:c0::c)/UDP(40000,443)");
        }
        packets.add("IPv6(fd00:10::a,fd00:c0::c)/UDP(40010,443)");
        for (int i = 0; i < 2; i++)
        {
            packets.add("IPv6(fd00:10::b,fd00:c0::c)/UDP(40001,443)");
        }
        for (int i = 0; i < 4; i++)
        {
            packets.add("IPv6(fd00:10::10,fd00:c0::c)/UDP(40002,443)");
        }
        final int innerLength = writeCapture(dir.resolve("in.pcap"), packets);
        final Path journal = dir.resolve("journal");
        final Path config = writeConfig(journal);

        runUntilForwarded(config, packets.size());

        final Map<String, String> flows = new TreeMap<>();
        try (FlowReader reader = FlowReader.open(journal))
        {
            for (FlowRecord r = reader.poll(); r != null; r = reader.poll())
            {
                flows.merge(r.flowKey(), r.packets() + "/" + r.bytes(), FlowStatsOfflineTest::add);
            }
            assertEquals(0, reader.untracked());
        }
        // H.Encaps with one SID and H.Encaps.Red with two both add an outer IPv6 header and an SRH of one segment
        final int encapped = innerLength + 40 + 24;
        final Map<String, String> expected = new TreeMap<>();
        expected.put("fd00:10::a 40000 > fd00:c0::c 443 proto 17 vrf epe-a sid fc00:a::a6 dev core",
            "3/" + 3 * encapped);
        expected.put("fd00:10::a 40010 > fd00:c0::c 443 proto 17 vrf epe-a sid fc00:a::a6 dev core",
            "1/" + encapped);
        expected.put("fd00:10::b 40001 > fd00:c0::c 443 proto 17 vrf epe-b sid fc00:a::1 dev core",
            "2/" + 2 * encapped);
        assertEquals(expected, flows, "the default source is plain IPv6 forwarding, not an SRv6 flow");

        final List<RouteEvent> firstRun = events(journal);
        assertTrue(firstRun.stream().allMatch(e -> e.cause().equals("config") && e.change().added()), "" + firstRun);
        assertTrue(firstRun.stream().anyMatch(e -> e.change().kind() == ChangeKind.ROUTE &&
            e.change().vrf().equals("epe-a") && e.change().key().equals("fd00:c0::/64") &&
            e.change().newAction().equals("encap seg6 mode encap segs 1 [ fc00:a::a6 ] vrf default")), "" + firstRun);
        assertTrue(firstRun.stream().anyMatch(e -> e.change().kind() == ChangeKind.RULE &&
            e.change().key().equals("10: from fd00:10::a/128") && e.change().newAction().equals("lookup epe-a")));

        // restart: the journal keeps the first run's events and appends the second's
        Files.delete(dir.resolve("out.pcap"));
        runUntilForwarded(config, packets.size());
        final List<RouteEvent> both = events(journal);
        assertEquals(2 * firstRun.size(), both.size());
        assertEquals(firstRun, both.subList(0, firstRun.size()));
        assertTrue(both.get(firstRun.size()).generation() == 1 && both.get(0).generation() == 1);

        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, Main.execute(new String[]{ "flows", "top", "--dir", journal.toString(), "--json" },
            new PrintStream(out, true, StandardCharsets.UTF_8), System.err));
        final String top = out.toString(StandardCharsets.UTF_8);
        assertTrue(top.contains("\"egress\":\"sid fc00:a::a6\""), top);
        out.reset();
        assertEquals(0, Main.execute(new String[]{ "events", "export", "--dir", journal.toString(), "--csv" },
            new PrintStream(out, true, StandardCharsets.UTF_8), System.err));
        final String[] csv = out.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals("time,wallNs,monoNs,generation,kind,vrf,key,old,new,cause", csv[0]);
        assertEquals(1 + both.size(), csv.length);
    }

    private static String add(final String a, final String b)
    {
        final String[] x = a.split("/");
        final String[] y = b.split("/");
        return (Long.parseLong(x[0]) + Long.parseLong(y[0])) + "/" + (Long.parseLong(x[1]) + Long.parseLong(y[1]));
    }

    private static List<RouteEvent> events(final Path journal)
    {
        final List<RouteEvent> events = new ArrayList<>();
        try (RouteEventReader reader = RouteEventReader.open(journal))
        {
            for (RouteEvent e = reader.poll(); e != null; e = reader.poll())
            {
                events.add(e);
            }
        }
        return events;
    }

    private void runUntilForwarded(final Path config, final int frames) throws Exception
    {
        final RouterMain.Running router = RouterMain.start(ConfigLoader.load(config),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), System.err);
        assertNotNull(router, "router did not start");
        try
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (System.nanoTime() < deadline && frameCount(dir.resolve("out.pcap")) < frames)
            {
                Thread.sleep(20);
            }
            assertEquals(frames, frameCount(dir.resolve("out.pcap")));
        }
        finally
        {
            router.close(); // the sampler's last sample covers whatever the previous interval did not
        }
    }

    private Path writeConfig(final Path journal) throws Exception
    {
        final Path config = dir.resolve("router.yaml");
        Files.writeString(config, String.join("\n",
            "router: { name: flows, control-socket: " + dir.resolve("r.sock") + ", encap-source: fd00:20::1,",
            "          metrics: { listen: \"127.0.0.1:0\" }, journal-dir: " + journal + ",",
            "          flow-stats: { interval-ms: 10, max-flows: 1024 } }",
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
        return config;
    }

    /** Writes the packets as Ethernet frames to the router's MAC; returns the L3 length of each (all equal). */
    private static int writeCapture(final Path file, final List<String> packets)
    {
        final AddressBook book = AddressBook.defaults();
        int length = 0;
        try (PcapFilePort writer = PcapFilePort.open("gen", null, file.toString(), 0, 9000))
        {
            for (final String algebra : packets)
            {
                final byte[] l3 = Packets.build(algebra, 18, book);
                length = l3.length;
                final UnsafeBuffer frame = new UnsafeBuffer(new byte[14 + l3.length]);
                MacAddress.put(frame, 0, MacAddress.parse(OUR_SERVER_MAC));
                MacAddress.put(frame, 6, MacAddress.parse(SERVER_MAC));
                frame.putShort(12, (short)0x86DD, ByteOrder.BIG_ENDIAN);
                frame.putBytes(14, l3);
                writer.send(frame, 0, frame.capacity());
            }
            writer.flush();
        }
        return length;
    }

    /** Records in a classic pcap file (0 when it does not exist yet). */
    private static int frameCount(final Path file) throws Exception
    {
        if (!Files.exists(file))
        {
            return 0;
        }
        final ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
        if (b.remaining() < 24)
        {
            return 0;
        }
        final int magic = b.getInt(0);
        b.order(magic == 0xA1B2C3D4 || magic == 0xA1B23C4D ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int count = 0;
        int at = 24;
        while (at + 16 <= b.limit())
        {
            final int captured = b.getInt(at + 8);
            if (at + 16 + captured > b.limit())
            {
                break;
            }
            at += 16 + captured;
            count++;
        }
        return count;
    }
}
