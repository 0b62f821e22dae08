package net.srv6epe.dataplane.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BooleanSupplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import net.srv6epe.dataplane.lab.Netns;

/**
 * The kernel-interop topology: our router ({@code R}) between Linux kernel SRv6 nodes and hosts, each endpoint in
 * its own namespace of a {@link Netns} lab (deleted on {@link #close()}).
 *
 * <pre>
 *                     fd00:1::/64, 198.18.1.0/24                 fd00:2::/64                fd00:d0::/64
 *   host (kernel seg6 encap, scapy) ---- west [R] east ---- knode (kernel seg6local End.DT6) ---- dhost
 *                                     blue |   | green          table 100: fd00:d0::/64, fd00:d3::/64
 *         VRF blue (fd00:b0::/64) ---- bhost   ghost ---- VRF green (fd00:70::/64, 198.18.12.0/24)
 * </pre>
 *
 * <ul>
 *   <li>Our SIDs (locator fc00:a::/48): {@value #SID_DT6} End.DT6 into VRF blue, {@value #SID_DT46} End.DT46 into
 *       VRF green, {@value #SID_END} End, {@value #SID_ENDX} End.X to knode on port east.</li>
 *   <li>The kernel node's SIDs: {@value #KSID_A} and {@value #KSID_B}, both End.DT6 into its table 100.</li>
 *   <li>Our PBR: source {@value #HOST_A} to VRF epe-a (H.Encaps to {@value #KSID_A}), source {@value #HOST_B} to
 *       VRF epe-b (H.Encaps.Red to {@value #KSID_B}); the destination is {@value #DHOST} in both.</li>
 *   <li>The default VRF blackholes the blue and green prefixes: they are reachable only through a VRF.</li>
 *   <li>Return traffic is plain IP: VRF blue / green route fd00:1::/64 (and 198.18.1.0/24) to port west, knode
 *       routes fd00:1::/64 to our east address and our default VRF delivers it on west.</li>
 * </ul>
 * Our router knows its kernel neighbors from static {@code neighbors:} entries and the kernels know ours from
 * permanent neighbor entries, so no test waits for NDP/ARP through the router.
 * Hosts behind a tunnel use MTU 1400 so that TCP segments plus the outer headers fit the 1500-byte links. The
 * kernel interfaces whose packets cross our router have transmit checksum offload off (see
 * {@link #txChecksumOffload}).
 */
final class InteropLab implements AutoCloseable
{
    static final String HOST = "fd00:1::2";
    static final String HOST_A = "fd00:1::a";
    static final String HOST_B = "fd00:1::b";
    static final String HOST4 = "198.18.1.2";
    static final String R_WEST = "fd00:1::1";
    static final String R_WEST4 = "198.18.1.1";
    static final String R_EAST = "fd00:2::1";
    static final String KNODE = "fd00:2::2";
    static final String BHOST = "fd00:b0::2";
    static final String GHOST = "fd00:70::2";
    static final String GHOST4 = "198.18.12.2";
    static final String DHOST = "fd00:d0::d";
    static final String DHOST3 = "fd00:d3::d";

    static final String SID_DT6 = "fc00:a::d6";
    static final String SID_DT46 = "fc00:a::46";
    static final String SID_END = "fc00:a::e";
    static final String SID_ENDX = "fc00:a::e1";
    static final String KSID_A = "fc00:e::d6";
    static final String KSID_B = "fc00:e::d7";

    static final String MAC_WEST = "02:00:00:00:01:01";
    static final String MAC_EAST = "02:00:00:00:02:01";
    static final String MAC_BLUE = "02:00:00:00:0b:01";
    static final String MAC_GREEN = "02:00:00:00:07:01";

    static final Duration SOCKET_WAIT = Duration.ofSeconds(30);

    final Netns lab;
    final String rns;
    final String host;
    final String knode;
    final String dhost;
    final String bhost;
    final String ghost;
    /** Interface names: ours (in rns) and the peer ends. */
    final String rWest;
    final String hostIf;
    final String rEast;
    final String knodeWest;
    final String knodeEast;
    final String dhostIf;
    final String rBlue;
    final String bhostIf;
    final String rGreen;
    final String ghostIf;
    final Path dir;
    final Path socket;
    final String jar;
    private Netns.Background router;

    private InteropLab() throws IOException
    {
        jar = System.getProperty("srv6epe.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar)))
        {
            throw new IllegalStateException("system property srv6epe.jar must name the built router jar: " + jar);
        }
        dir = Files.createTempDirectory("s6e-interop-");
        socket = dir.resolve("r.sock");
        lab = Netns.create();
        boolean ok = false;
        try
        {
            rns = lab.namespace("r");
            host = lab.namespace("host");
            knode = lab.namespace("knode");
            dhost = lab.namespace("dhost");
            bhost = lab.namespace("bhost");
            ghost = lab.namespace("ghost");
            Netns.VethPair v = lab.veth(rns, host);
            rWest = v.a();
            hostIf = v.b();
            v = lab.veth(rns, knode);
            rEast = v.a();
            knodeWest = v.b();
            v = lab.veth(rns, bhost);
            rBlue = v.a();
            bhostIf = v.b();
            v = lab.veth(rns, ghost);
            rGreen = v.a();
            ghostIf = v.b();
            v = lab.veth(knode, dhost);
            knodeEast = v.a();
            dhostIf = v.b();
            ok = true;
        }
        finally
        {
            if (!ok)
            {
                lab.close();
            }
        }
    }

    /** Builds the topology and starts our router; closes everything on failure. */
    static InteropLab start() throws Exception
    {
        final InteropLab l = new InteropLab();
        try
        {
            l.configure();
            l.startRouter();
            return l;
        }
        catch (final Exception | Error ex)
        {
            l.close();
            throw ex;
        }
    }

    private void configure()
    {
        for (final String ns : List.of(rns, host, knode, dhost, bhost, ghost))
        {
            lab.sysctl(ns, "net.ipv6.conf.all.accept_dad", "0");
            lab.sysctl(ns, "net.ipv6.conf.default.accept_dad", "0");
        }
        // Interfaces our router owns: the kernel of rns stays off them.
        for (final String ifc : List.of(rWest, rEast, rBlue, rGreen))
        {
            lab.sysctl(rns, "net.ipv6.conf." + ifc + ".disable_ipv6", "1");
            lab.execOk(rns, "ip", "link", "set", ifc, "promisc", "on");
        }

        // WORKAROUND (see KernelInteropIT#tcpWithKernelTxChecksumOffload): kernel senders compute full L4
        // checksums, because our router forwards CHECKSUM_PARTIAL frames with the partial sum left in place.
        for (final String[] s : kernelSenders())
        {
            txChecksumOffload(s[0], s[1], false);
        }

        // host: the kernel encapsulator and traffic source
        lab.address(host, hostIf, HOST + "/64");
        lab.address(host, hostIf, HOST_A + "/64");
        lab.address(host, hostIf, HOST_B + "/64");
        lab.address(host, hostIf, HOST4 + "/24");
        lab.execOk(host, "ip", "-6", "neigh", "add", R_WEST, "lladdr", MAC_WEST, "dev", hostIf, "nud", "permanent");
        lab.execOk(host, "ip", "neigh", "add", R_WEST4, "lladdr", MAC_WEST, "dev", hostIf, "nud", "permanent");
        lab.execOk(host, "ip", "sr", "tunsrc", "set", HOST);
        lab.route(host, "fc00:a::/48", "via", R_WEST, "dev", hostIf);
        lab.route(host, "fd00:d0::/64", "via", R_WEST, "dev", hostIf);
        lab.route(host, "fd00:b0::/64", "encap", "seg6", "mode", "encap", "segs", SID_DT6, "dev", hostIf);
        lab.route(host, "fd00:70::/64", "encap", "seg6", "mode", "encap.red", "segs", SID_DT46, "dev", hostIf);
        lab.route(host, "198.18.12.0/24", "encap", "seg6", "mode", "encap", "segs", SID_DT46, "dev", hostIf);
        lab.route(host, "fd00:d3::/64", "encap", "seg6", "mode", "encap", "segs",
            SID_END + "," + SID_ENDX + "," + KSID_A, "dev", hostIf);

        // knode: kernel SRv6 node with End.DT6 into table 100
        lab.sysctl(knode, "net.ipv6.conf.all.forwarding", "1");
        for (final String c : List.of("all", "default", knodeWest, knodeEast))
        {
            lab.sysctl(knode, "net.ipv6.conf." + c + ".seg6_enabled", "1");
        }
        lab.address(knode, knodeWest, KNODE + "/64");
        lab.address(knode, knodeEast, "fd00:d0::1/64");
        lab.execOk(knode, "ip", "-6", "neigh", "add", R_EAST, "lladdr", MAC_EAST, "dev", knodeWest, "nud", "permanent");
        lab.route(knode, KSID_A, "encap", "seg6local", "action", "End.DT6", "table", "100", "count", "dev", knodeWest);
        lab.route(knode, KSID_B, "encap", "seg6local", "action", "End.DT6", "table", "100", "count", "dev", knodeWest);
        lab.route(knode, "fd00:d0::/64", "dev", knodeEast, "table", "100");
        lab.route(knode, "fd00:d3::/64", "via", DHOST, "dev", knodeEast, "table", "100");
        lab.route(knode, "fd00:1::/64", "via", R_EAST, "dev", knodeWest);
        lab.route(knode, "fd00:d3::/64", "via", DHOST, "dev", knodeEast);

        // dhost: behind the kernel node
        lab.execOk(dhost, "ip", "link", "set", dhostIf, "mtu", "1400");
        lab.address(dhost, dhostIf, DHOST + "/64");
        lab.address(dhost, dhostIf, DHOST3 + "/128");
        lab.execOk(dhost, "ip", "-6", "route", "add", "default", "via", "fd00:d0::1", "dev", dhostIf);

        // bhost and ghost: in our VRFs blue and green
        lab.execOk(bhost, "ip", "link", "set", bhostIf, "mtu", "1400");
        lab.address(bhost, bhostIf, BHOST + "/64");
        lab.execOk(bhost, "ip", "-6", "neigh", "add", "fd00:b0::1", "lladdr", MAC_BLUE, "dev", bhostIf, "nud",
            "permanent");
        lab.execOk(bhost, "ip", "-6", "route", "add", "default", "via", "fd00:b0::1", "dev", bhostIf);
        lab.execOk(ghost, "ip", "link", "set", ghostIf, "mtu", "1400");
        lab.address(ghost, ghostIf, GHOST + "/64");
        lab.address(ghost, ghostIf, GHOST4 + "/24");
        lab.execOk(ghost, "ip", "-6", "neigh", "add", "fd00:70::1", "lladdr", MAC_GREEN, "dev", ghostIf, "nud",
            "permanent");
        lab.execOk(ghost, "ip", "neigh", "add", "198.18.12.1", "lladdr", MAC_GREEN, "dev", ghostIf, "nud",
            "permanent");
        lab.execOk(ghost, "ip", "-6", "route", "add", "default", "via", "fd00:70::1", "dev", ghostIf);
        lab.execOk(ghost, "ip", "route", "add", "default", "via", "198.18.12.1", "dev", ghostIf);
    }

    /**
     * The kernel interfaces whose transmitted packets cross our router: the host's, the kernel node's (it forwards
     * what dhost sends), dhost's, bhost's and ghost's.
     */
    List<String[]> kernelSenders()
    {
        return List.of(new String[] {host, hostIf}, new String[] {knode, knodeWest}, new String[] {knode, knodeEast},
            new String[] {dhost, dhostIf}, new String[] {bhost, bhostIf}, new String[] {ghost, ghostIf});
    }

    /**
     * Turns the kernel's transmit checksum offload ({@code ethtool -K IF tx on|off}) on or off on one interface.
     * With it on (the veth default) the kernel hands TCP/UDP segments to the link with only the pseudo-header sum
     * in the checksum field (CHECKSUM_PARTIAL), which our router reads from its packet socket as is.
     */
    void txChecksumOffload(final String ns, final String ifc, final boolean on)
    {
        lab.execOk(ns, "ethtool", "-K", ifc, "tx", on ? "on" : "off");
    }

    String routerConfig()
    {
        final String hostMac = lab.mac(host, hostIf);
        final String knodeMac = lab.mac(knode, knodeWest);
        final String bhostMac = lab.mac(bhost, bhostIf);
        final String ghostMac = lab.mac(ghost, ghostIf);
        return """
            router:
              name: interop
              control-socket: %s
              journal-dir: %s
              encap-source: %s
              workers: 1
              icmp: { enabled: true, rate-per-second: 100000, burst: 10000 }
            ports:
              - { name: west, interface: %s, mac: "%s", addresses: [%s/64, %s/24] }
              - { name: east, interface: %s, mac: "%s", addresses: [%s/64] }
              - { name: blue, interface: %s, mac: "%s", addresses: [fd00:b0::1/64], vrf: blue }
              - { name: green, interface: %s, mac: "%s", addresses: [fd00:70::1/64, 198.18.12.1/24], vrf: green }
            neighbors:
              - { port: west, address: "%s", mac: "%s" }
              - { port: west, address: "%s", mac: "%s" }
              - { port: west, address: "%s", mac: "%s" }
              - { port: west, address: "%s", mac: "%s" }
              - { port: east, address: "%s", mac: "%s" }
              - { port: blue, address: "%s", mac: "%s" }
              - { port: green, address: "%s", mac: "%s" }
              - { port: green, address: "%s", mac: "%s" }
            vrfs:
              - name: default
                table: 254
                routes:
                  - { prefix: "fc00:e::/48", via: "%s", port: east }
                  - { prefix: "fd00:b0::/64", action: blackhole }
                  - { prefix: "fd00:70::/64", action: blackhole }
                  - { prefix: "198.18.12.0/24", action: blackhole }
              - name: blue
                table: 101
                routes: [ { prefix: "fd00:1::/64", port: west } ]
              - name: green
                table: 102
                routes: [ { prefix: "fd00:1::/64", port: west }, { prefix: "198.18.1.0/24", port: west } ]
              - name: epe-a
                table: 201
                routes: [ { prefix: "fd00:d0::/64", encap: { mode: H.Encaps, segments: ["%s"] } } ]
              - name: epe-b
                table: 202
                routes: [ { prefix: "fd00:d0::/64", encap: { mode: H.Encaps.Red, segments: ["%s"] } } ]
            locators: [ { name: main, prefix: "fc00:a::/48" } ]
            sids:
              - { sid: "%s", behavior: End.DT6, vrf: blue }
              - { sid: "%s", behavior: End.DT46, vrf: green }
              - { sid: "%s", behavior: End }
              - { sid: "%s", behavior: End.X, via: "%s", port: east }
            pbr:
              - { priority: 10, from: "%s/128", vrf: epe-a }
              - { priority: 20, from: "%s/128", vrf: epe-b }
            """.formatted(
            socket, dir.resolve("journal"), R_EAST,
            rWest, MAC_WEST, R_WEST, R_WEST4,
            rEast, MAC_EAST, R_EAST,
            rBlue, MAC_BLUE,
            rGreen, MAC_GREEN,
            HOST, hostMac, HOST_A, hostMac, HOST_B, hostMac, HOST4, hostMac,
            KNODE, knodeMac,
            BHOST, bhostMac,
            GHOST, ghostMac, GHOST4, ghostMac,
            KNODE,
            KSID_A, KSID_B,
            SID_DT6, SID_DT46, SID_END, SID_ENDX, KNODE,
            HOST_A, HOST_B);
    }

    private void startRouter() throws IOException, InterruptedException
    {
        final Path config = dir.resolve("r.yaml");
        Files.writeString(config, routerConfig(), StandardCharsets.UTF_8);
        router = lab.start(rns, "java", "-jar", jar, "run", "--config", config.toString());
        final long deadline = System.nanoTime() + SOCKET_WAIT.toNanos();
        while (!Files.exists(socket))
        {
            if (!router.isAlive())
            {
                throw new IllegalStateException("router exited: " + router.output());
            }
            if (System.nanoTime() > deadline)
            {
                throw new IllegalStateException("no control socket after " + SOCKET_WAIT + ": " + router.output());
            }
            Thread.sleep(100);
        }
    }

    /** The router's log so far. */
    String routerLog()
    {
        return router == null ? "" : router.output();
    }

    /** {@code show TOPIC --json} on our router's control socket. */
    JsonNode show(final String topic)
    {
        final Netns.Result r = lab.exec(rns, Duration.ofSeconds(20), "java", "-jar", jar, "show", topic, "--json",
            "--socket", socket.toString());
        if (!r.ok())
        {
            throw new IllegalStateException("show " + topic + " failed: " + r);
        }
        try
        {
            return new ObjectMapper().readTree(r.stdout());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("show " + topic + ": " + r.stdout(), ex);
        }
    }

    /** {@code good-packets} of a local SID. */
    long sidGoodPackets(final String sid)
    {
        return sidCounter(show("sids"), sid, "good-packets");
    }

    static long sidCounter(final JsonNode sids, final String sid, final String counter)
    {
        for (final JsonNode row : rows(sids))
        {
            if (sid.equals(row.path("sid").asText()))
            {
                return row.path(counter).asLong();
            }
        }
        throw new IllegalStateException("no SID " + sid + " in " + sids);
    }

    /** A value of {@code show counters} ({@code pipeline.encapsulated}, {@code port.east.tx.packets}, ...). */
    long counter(final String name)
    {
        final JsonNode counters = show("counters");
        for (final JsonNode row : rows(counters))
        {
            if (name.equals(row.path("name").asText()))
            {
                return row.path("value").asLong();
            }
        }
        throw new IllegalStateException("no counter " + name + " in " + counters);
    }

    /** The count of a drop reason ({@code show errors}), 0 if absent. */
    static long errorCount(final JsonNode errors, final String reason)
    {
        for (final JsonNode row : rows(errors))
        {
            if (reason.equals(row.path("reason").asText()))
            {
                return row.path("count").asLong();
            }
        }
        return 0;
    }

    /** The non-zero drop reasons of {@code show errors}, {@code reason=count} (for failure messages). */
    static String nonZero(final JsonNode errors)
    {
        final StringBuilder b = new StringBuilder();
        for (final JsonNode row : rows(errors))
        {
            if (row.path("count").asLong() != 0)
            {
                b.append(row.path("reason").asText()).append('=').append(row.path("count").asLong()).append(' ');
            }
        }
        return b.toString().strip();
    }

    /** Our router's non-zero drop counters now. */
    String errors()
    {
        return nonZero(show("errors"));
    }

    /** The kernel's L4 checksum error counters of a namespace ({@code nstat}), for failure messages. */
    String checksumErrors(final String ns)
    {
        final Netns.Result r = lab.exec(ns, "nstat", "-asz", "TcpInCsumErrors", "Udp6InCsumErrors", "UdpInCsumErrors");
        return r.stdout().replaceAll("\\s+", " ").strip();
    }

    private static Iterable<JsonNode> rows(final JsonNode node)
    {
        if (node.isArray())
        {
            return node;
        }
        for (final JsonNode child : node)
        {
            if (child.isArray())
            {
                return child;
            }
        }
        return List.of();
    }

    /** Pings once without checking (warms up kernel neighbor caches), then {@code count} times. */
    String pingAfterWarmUp(final String ns, final String source, final String destination, final int count)
    {
        lab.exec(ns, Duration.ofSeconds(5), "ping", "-n", "-c", "1", "-W", "2", "-I", source, destination);
        final Netns.Result r = lab.exec(ns, Duration.ofSeconds(count + 6), "ping", "-n", "-c",
            String.valueOf(count), "-i", "0.2", "-W", "2", "-I", source, destination);
        return r.stdout() + r.stderr();
    }

    /** A resource of this package as a file path. */
    static String resource(final String name)
    {
        final URL url = InteropLab.class.getResource("/interop/" + name);
        if (url == null)
        {
            throw new IllegalStateException("missing test resource interop/" + name);
        }
        try
        {
            return Path.of(url.toURI()).toString();
        }
        catch (final URISyntaxException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** The outcome of {@link #transfer}. */
    record Transfer(boolean ok, String client, String server)
    {
        @Override
        public String toString()
        {
            return "client: " + client.strip() + " | server: " + server.strip();
        }
    }

    /**
     * A checksummed TCP transfer of {@code bytes} random bytes from {@code source} (in {@code clientNs}) to a server
     * on {@code destination} (in {@code serverNs}); bounded by {@code timeout}.
     */
    Transfer transfer(final String clientNs, final String source, final String serverNs, final String destination,
        final int port, final int bytes, final Duration timeout) throws InterruptedException
    {
        return transfer(lab, clientNs, source, serverNs, destination, port, bytes, timeout);
    }

    /** {@link #transfer(String, String, String, String, int, int, Duration)} in any lab. */
    static Transfer transfer(final Netns lab, final String clientNs, final String source, final String serverNs,
        final String destination, final int port, final int bytes, final Duration timeout) throws InterruptedException
    {
        final String script = resource("tcp_sha.py");
        final Netns.Background server = lab.start(serverNs, "timeout", String.valueOf(timeout.toSeconds() + 5),
            "/usr/bin/python3", script, "serve", destination, String.valueOf(port));
        try
        {
            if (!waitFor(() -> server.output().contains("listening") || !server.isAlive(), Duration.ofSeconds(10)) ||
                !server.isAlive())
            {
                return new Transfer(false, "", "server did not start: " + server.output());
            }
            final Netns.Result c = lab.exec(clientNs, timeout, "/usr/bin/python3", script, "send", destination,
                String.valueOf(port), String.valueOf(bytes), source);
            server.waitFor(Duration.ofSeconds(3));
            return new Transfer(c.ok() && c.stdout().startsWith("OK"),
                c.stdout() + c.stderr() + (c.timedOut() ? " (timed out)" : ""), server.output());
        }
        finally
        {
            server.stop();
        }
    }

    static boolean waitFor(final BooleanSupplier condition, final Duration timeout) throws InterruptedException
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    /** A packet capture running in a namespace; {@link #stop()} returns the pcap file. */
    final class Capture
    {
        private final String ns;
        private final Path file;
        private final Netns.Background tcpdump;

        private Capture(final String ns, final String ifc, final String filter) throws InterruptedException
        {
            this.ns = ns;
            this.file = dir.resolve("cap-" + ifc + "-" + System.nanoTime() + ".pcap");
            final List<String> cmd = new ArrayList<>(Arrays.asList(
                "timeout", "60", "tcpdump", "--immediate-mode", "-i", ifc, "-n", "-U", "-Q", "in", "-s", "256", "-w",
                file.toString()));
            if (filter != null)
            {
                cmd.add(filter);
            }
            tcpdump = lab.start(ns, cmd.toArray(new String[0]));
            if (!waitFor(() -> tcpdump.output().contains("listening on") || !tcpdump.isAlive(), Duration.ofSeconds(10)))
            {
                throw new IllegalStateException("tcpdump did not start on " + ifc + ": " + tcpdump.output());
            }
            if (!tcpdump.isAlive())
            {
                throw new IllegalStateException("tcpdump failed on " + ifc + ": " + tcpdump.output());
            }
        }

        private String log = "";

        /** Stops the capture (after a short grace for packets in flight): SIGINT to the PID of its timeout(1) wrapper. */
        Capture stop() throws InterruptedException
        {
            Thread.sleep(300);
            lab.exec(ns, "kill", "-INT", String.valueOf(tcpdump.pid())); // timeout(1) passes SIGINT on to tcpdump
            tcpdump.waitFor(Duration.ofSeconds(3));
            log = tcpdump.output();
            tcpdump.stop();
            return this;
        }

        /** tcpdump's own output (its packet counts), after {@link #stop()}. */
        String log()
        {
            return log;
        }

        /** tshark {@code -T fields} over the capture: one line per packet, fields separated by '|'. */
        List<String> fields(final String displayFilter, final String... fields)
        {
            final List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", file.toString(), "-T", "fields",
                "-E", "separator=|", "-E", "occurrence=a", "-E", "aggregator=,"));
            if (displayFilter != null)
            {
                cmd.add("-Y");
                cmd.add(displayFilter);
            }
            for (final String f : fields)
            {
                cmd.add("-e");
                cmd.add(f);
            }
            final Netns.Result r = lab.exec(ns, Duration.ofSeconds(20), cmd.toArray(new String[0]));
            if (!r.ok())
            {
                throw new IllegalStateException("tshark failed: " + r);
            }
            final List<String> lines = new ArrayList<>();
            for (final String line : r.stdout().split("\n"))
            {
                if (!line.isBlank())
                {
                    lines.add(line.strip());
                }
            }
            return lines;
        }

        /** A human-readable decode of the capture (tshark one line per packet), for failure messages. */
        String summary()
        {
            final Netns.Result r = lab.exec(ns, Duration.ofSeconds(20), "tshark", "-n", "-r", file.toString());
            return "tcpdump: " + log + "\ntshark: " + r.stdout() + r.stderr();
        }
    }

    /** Starts capturing packets arriving on {@code ifc} in {@code ns} (tcpdump -Q in), with a BPF filter or null. */
    Capture capture(final String ns, final String ifc, final String filter) throws InterruptedException
    {
        return new Capture(ns, ifc, filter);
    }

    /** The packets the kernel node's seg6local SID processed ({@code ip -s -6 route show SID}, route {@code count}). */
    long kernelSidPackets(final String sid)
    {
        final String out = lab.execOk(knode, "ip", "-s", "-6", "route", "show", sid).stdout();
        final java.util.regex.Matcher m = java.util.regex.Pattern.compile("packets (\\d+)").matcher(out);
        if (!m.find())
        {
            throw new IllegalStateException("no packet count for " + sid + ": " + out);
        }
        return Long.parseLong(m.group(1));
    }

    /** Counts the packets arriving on a kernel interface ({@code rx_packets}). */
    long rxPackets(final String ns, final String ifc)
    {
        return Long.parseLong(lab.execOk(ns, "cat", "/sys/class/net/" + ifc + "/statistics/rx_packets").stdout().strip());
    }

    @Override
    public void close()
    {
        try
        {
            if (router != null)
            {
                router.stop();
            }
        }
        finally
        {
            lab.close();
            try (var files = Files.list(dir))
            {
                for (final Path f : (Iterable<Path>)files::iterator)
                {
                    Files.deleteIfExists(f);
                }
                Files.deleteIfExists(dir);
            }
            catch (final IOException ignore)
            {
                // temp files
            }
        }
    }
}
