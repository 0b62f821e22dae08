package net.srv6epe.dataplane.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.srv6epe.dataplane.lab.Netns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reload that moves a route while traffic flows loses no packet. A sender pushes sequence-numbered UDP through
 * our router to a sink reachable over two links; mid-stream SIGHUP moves the route from link a to link b, and
 * later {@code srv6 config reload} moves it back. The sink receives every datagram, and each link carried part of
 * the stream.
 *
 * <pre>
 *   gen ---- [r: ours] ==a== sink (fd00:5::5 on lo)
 *                      ==b==
 * </pre>
 */
@EnabledIfSystemProperty(named = "srv6epe.netns", matches = "true", disabledReason = "builds network namespaces: " +
    "needs root; run with -Dsrv6epe.netns=true (bin/test-all does)")
@Timeout(value = 120)
class ReloadUnderTrafficIT
{
    private static final int COUNT = 15_000;
    private static final int RATE = 3_000;
    private static final String SINK = "fd00:5::5";
    private static final Pattern RECEIVED = Pattern.compile("received (\\d+) unique (\\d+) max (\\d+)");

    @TempDir
    Path dir;

    private static String config(final Path dir, final String genIf, final String aIf, final String bIf,
        final String genMac, final String sinkAMac, final String sinkBMac, final String via)
    {
        return """
            router: { name: reload, control-socket: %s, journal-dir: %s }
            ports:
              - { name: gen, interface: %s, mac: "02:00:00:00:40:01", addresses: ["fd00:40::1/64"] }
              - { name: a, interface: %s, mac: "02:00:00:00:31:01", addresses: ["fd00:31::1/64"] }
              - { name: b, interface: %s, mac: "02:00:00:00:32:01", addresses: ["fd00:32::1/64"] }
            neighbors:
              - { port: gen, address: "fd00:40::2", mac: "%s" }
              - { port: a, address: "fd00:31::2", mac: "%s" }
              - { port: b, address: "fd00:32::2", mac: "%s" }
            vrfs:
              - name: default
                table: 254
                routes: [ %s ]
            """.formatted(dir.resolve("r.sock"), dir.resolve("journal"), genIf, aIf, bIf, genMac, sinkAMac,
            sinkBMac, via);
    }

    @Test
    void movingARouteByReloadLosesNoPacket() throws Exception
    {
        final String jar = System.getProperty("srv6epe.jar");
        try (Netns lab = Netns.create())
        {
            final String r = lab.namespace("r");
            final String gen = lab.namespace("gen");
            final String sink = lab.namespace("sink");
            final Netns.VethPair g = lab.veth(r, gen);
            final Netns.VethPair a = lab.veth(r, sink);
            final Netns.VethPair b = lab.veth(r, sink);
            for (final String ifc : new String[] {g.a(), a.a(), b.a()})
            {
                lab.sysctl(r, "net.ipv6.conf." + ifc + ".disable_ipv6", "1");
                lab.execOk(r, "ip", "link", "set", ifc, "promisc", "on");
            }
            for (final String ns : new String[] {gen, sink})
            {
                lab.sysctl(ns, "net.ipv6.conf.all.accept_dad", "0");
                lab.sysctl(ns, "net.ipv6.conf.default.accept_dad", "0");
            }
            lab.execOk(gen, "ethtool", "-K", g.b(), "tx", "off");
            lab.address(gen, g.b(), "fd00:40::2/64");
            lab.execOk(gen, "ip", "-6", "neigh", "add", "fd00:40::1", "lladdr", "02:00:00:00:40:01", "dev", g.b(),
                "nud", "permanent");
            lab.route(gen, "fd00:5::/64", "via", "fd00:40::1", "dev", g.b());
            lab.address(sink, a.b(), "fd00:31::2/64");
            lab.address(sink, b.b(), "fd00:32::2/64");
            lab.address(sink, "lo", SINK + "/128");

            final String viaA = "{ prefix: \"fd00:5::/64\", via: \"fd00:31::2\", port: a }";
            final String viaB = "{ prefix: \"fd00:5::/64\", via: \"fd00:32::2\", port: b }";
            final String genMac = lab.mac(gen, g.b());
            final String aMac = lab.mac(sink, a.b());
            final String bMac = lab.mac(sink, b.b());
            final Path file = dir.resolve("r.yaml");
            Files.writeString(file, config(dir, g.a(), a.a(), b.a(), genMac, aMac, bMac, viaA),
                StandardCharsets.UTF_8);
            final Netns.Background router = lab.start(r, "java", "-jar", jar, "run", "--config", file.toString());
            final Path socket = dir.resolve("r.sock");
            assertTrue(InteropLab.waitFor(() -> router.output().contains("forwarding on") || !router.isAlive(),
                Duration.ofSeconds(30)) && router.isAlive(), () -> "router did not start: " + router.output());

            final String script = InteropLab.resource("udp_seq.py");
            final Netns.Background receiver = lab.start(sink, "/usr/bin/python3", script, "recv", SINK, "9000", "2");
            assertTrue(InteropLab.waitFor(() -> receiver.output().contains("listening"), Duration.ofSeconds(10)),
                receiver::output);
            final long ringDropsBefore = routerCounter(lab, r, jar, socket, "port.gen.rx.dropped");
            final long aBefore = rx(lab, sink, a.b());
            final long bBefore = rx(lab, sink, b.b());
            final Netns.Background sender = lab.start(gen, "/usr/bin/python3", script, "send", SINK, "9000",
                String.valueOf(COUNT), String.valueOf(RATE));

            // a second into the stream: SIGHUP moves the route to link b
            Thread.sleep(1_000);
            Files.writeString(file, config(dir, g.a(), a.a(), b.a(), genMac, aMac, bMac, viaB),
                StandardCharsets.UTF_8);
            lab.execOk(r, "kill", "-HUP", String.valueOf(router.pid()));
            assertTrue(InteropLab.waitFor(() -> router.output().contains("SIGHUP: reloaded"), Duration.ofSeconds(5)),
                router::output);
            // another second: the CLI moves it back to link a
            Thread.sleep(1_000);
            Files.writeString(file, config(dir, g.a(), a.a(), b.a(), genMac, aMac, bMac, viaA),
                StandardCharsets.UTF_8);
            final Netns.Result reload = lab.exec(r, Duration.ofSeconds(20), "java", "-jar", jar, "config", "reload",
                "--socket", socket.toString());
            assertTrue(reload.ok() && reload.stdout().contains(": 1 change"), reload::toString);

            assertTrue(sender.waitFor(Duration.ofSeconds(30)) == 0, sender::output);
            assertTrue(receiver.waitFor(Duration.ofSeconds(10)) == 0, receiver::output);
            final Matcher m = RECEIVED.matcher(receiver.output());
            assertTrue(m.find(), receiver::output);
            // A datagram the kernel dropped from the router's receive ring (the router's thread starved of CPU on a
            // loaded machine) never reached the router; every other one must arrive: none is lost by a reload.
            final long ringDrops = routerCounter(lab, r, jar, socket, "port.gen.rx.dropped") - ringDropsBefore;
            assertTrue(ringDrops < COUNT / 10, "the router's receive ring dropped " + ringDrops + " datagrams");
            assertEquals(COUNT - ringDrops, Integer.parseInt(m.group(2)), () -> "datagrams lost across two reloads: " +
                receiver.output() + "\nrouter: " + router.output() + "\n" +
                lab.exec(r, Duration.ofSeconds(20), "java", "-jar", jar, "show", "counters", "--socket",
                    socket.toString()).stdout() +
                lab.exec(r, Duration.ofSeconds(20), "java", "-jar", jar, "show", "interfaces", "--socket",
                    socket.toString()).stdout());
            final long viaA1 = rx(lab, sink, a.b()) - aBefore;
            final long viaB1 = rx(lab, sink, b.b()) - bBefore;
            assertTrue(viaA1 > COUNT / 10 && viaB1 > COUNT / 10, "link a carried " + viaA1 + ", link b " + viaB1);
            assertTrue(viaA1 + viaB1 >= COUNT, viaA1 + " + " + viaB1);
        }
    }

    /** A value of the router's {@code show counters --json}. */
    private static long routerCounter(final Netns lab, final String ns, final String jar, final Path socket,
        final String name) throws Exception
    {
        final Netns.Result r = lab.exec(ns, Duration.ofSeconds(20), "java", "-jar", jar, "show", "counters", "--json",
            "--socket", socket.toString());
        assertTrue(r.ok(), r::toString);
        for (final JsonNode row : new ObjectMapper().readTree(r.stdout()))
        {
            if (name.equals(row.path("name").asText()))
            {
                return row.path("value").asLong();
            }
        }
        throw new AssertionError("no counter " + name + " in " + r.stdout());
    }

    private static long rx(final Netns lab, final String ns, final String ifc)
    {
        return Long.parseLong(lab.execOk(ns, "cat", "/sys/class/net/" + ifc + "/statistics/rx_packets").stdout()
            .strip());
    }
}
