package net.srv6epe.dataplane.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import net.srv6epe.dataplane.lab.GobgpToml;
import net.srv6epe.dataplane.lab.Netns;

/**
 * The EPE topology with its control plane: two routers of ours, the content server's encapsulator ({@code cs}) and
 * the ASBR ({@code asbr}), learn everything they forward by BGP over IPv6 transport; the egress peers are kernel
 * routers running GoBGP (Debian {@code gobgpd}) as their eBGP speaker.
 *
 * <pre>
 *   srv ---- cs [ours: PBR -> VRF epe-a|epe-b -> H.Encaps] ---- asbr [ours: End.DT6 peer-a, End.DT46 peer-b] --+-- ta (kernel + GoBGP AS 65010) --+-- cl
 *   fd00:10::/64            fd00:20::/64 (iBGP, VPNv6 + IPv6)                                                  `-- tb (kernel + GoBGP AS 65020) --'   fd00:c0::c
 * </pre>
 *
 * <ul>
 *   <li>The transits announce the client prefix {@value #CLIENT_PREFIX} to the ASBR (eBGP, IPv6 unicast). The ASBR
 *       keeps each transit's routes in that transit's VRF, allocates one SID per VRF from {@value #LOCATOR}, and
 *       advertises them to {@code cs} as VPNv6 routes (RD/RT 65000:101 and 65000:102) with the RFC 9252 SRv6 L3
 *       service, and the locator as an IPv6 route.</li>
 *   <li>{@code cs} imports RT 65000:101 into VRF epe-a (H.Encaps) and 65000:102 into epe-b (H.Encaps.Red), installs
 *       the locator route in its default VRF, and steers by source: {@value #SRV_A} to epe-a, {@value #SRV_B} to
 *       epe-b.</li>
 *   <li>Control traffic is the kernel's: each router namespace's kernel has its own address on the router's link
 *       ({@value #CS_BGP}, {@value #ASBR_BGP}, {@value #ASBR_A_BGP}, {@value #ASBR_B_BGP}) for the BGP sessions,
 *       while our routers own the data-plane addresses ({@value #CS_CORE}, {@value #ASBR_CORE}, ...).</li>
 *   <li>Return traffic is plain IP: the client routes the server prefix via ta and {@value #SRV_B} via tb; the
 *       transits route it to the ASBR, whose default VRF sends it to {@code cs}.</li>
 * </ul>
 */
final class EpeBgpLab implements AutoCloseable
{
    static final String SRV = "fd00:10::10";
    static final String SRV_A = "fd00:10::a";
    static final String SRV_B = "fd00:10::b";
    static final String CS_SERVER = "fd00:10::1";
    static final String CS_CORE = "fd00:20::1";
    static final String ASBR_CORE = "fd00:20::2";
    static final String CS_BGP = "fd00:20::11";
    static final String ASBR_BGP = "fd00:20::12";
    static final String ASBR_A = "fd00:a1::1";
    static final String ASBR_A_BGP = "fd00:a1::11";
    static final String TA = "fd00:a1::2";
    static final String ASBR_B = "fd00:b1::1";
    static final String ASBR_B_BGP = "fd00:b1::11";
    static final String TB = "fd00:b1::2";
    static final String CLIENT = "fd00:c0::c";
    static final String CLIENT_PREFIX = "fd00:c0::/64";
    static final String LOCATOR = "fc00:a::/48";

    static final Duration START_WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    final Netns lab;
    final String srv;
    final String cs;
    final String asbr;
    final String ta;
    final String tb;
    final String cl;
    final Path dir;
    private final String jar;
    private final String srvIf;
    private final String csServer;
    private final String csCore;
    private final String asbrCore;
    private final String asbrA;
    private final String asbrB;
    /** The transits' links towards the ASBR (whose receive counters tell which egress a flow took). */
    final String taWest;
    final String tbWest;
    private final String taEast;
    private final String tbEast;
    private final String clA;
    private final String clB;
    private Netns.Background csRouter;
    private Netns.Background asbrRouter;
    private Netns.Background gobgpA;
    private Netns.Background gobgpB;

    private EpeBgpLab(final Path dir) throws IOException
    {
        jar = System.getProperty("srv6epe.jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar)))
        {
            throw new IllegalStateException("system property srv6epe.jar must name the built router jar: " + jar);
        }
        this.dir = dir;
        lab = Netns.create();
        boolean ok = false;
        try
        {
            srv = lab.namespace("srv");
            cs = lab.namespace("cs");
            asbr = lab.namespace("asbr");
            ta = lab.namespace("ta");
            tb = lab.namespace("tb");
            cl = lab.namespace("cl");
            Netns.VethPair v = lab.veth(srv, cs);
            srvIf = v.a();
            csServer = v.b();
            v = lab.veth(cs, asbr);
            csCore = v.a();
            asbrCore = v.b();
            v = lab.veth(asbr, ta);
            asbrA = v.a();
            taWest = v.b();
            v = lab.veth(asbr, tb);
            asbrB = v.a();
            tbWest = v.b();
            v = lab.veth(ta, cl);
            taEast = v.a();
            clA = v.b();
            v = lab.veth(tb, cl);
            tbEast = v.a();
            clB = v.b();
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

    /** Builds the topology, starts GoBGP on the transits and our two routers; closes everything on failure. */
    static EpeBgpLab start(final Path dir) throws Exception
    {
        final EpeBgpLab l = new EpeBgpLab(dir);
        try
        {
            l.configureKernels();
            l.gobgpA = l.startGobgp(l.ta, "a", 65010, "198.18.0.21", TA, ASBR_A_BGP);
            l.gobgpB = l.startGobgp(l.tb, "b", 65020, "198.18.0.22", TB, ASBR_B_BGP);
            l.asbrRouter = l.startRouter(l.asbr, "asbr", l.asbrConfig());
            l.csRouter = l.startRouter(l.cs, "cs", l.csConfig());
            return l;
        }
        catch (final Exception | Error ex)
        {
            l.close();
            throw ex;
        }
    }

    private void configureKernels()
    {
        for (final String ns : List.of(srv, cs, asbr, ta, tb, cl))
        {
            lab.sysctl(ns, "net.ipv6.conf.all.accept_dad", "0");
            lab.sysctl(ns, "net.ipv6.conf.default.accept_dad", "0");
        }
        // our routers' links: promiscuous (each router is its own Ethernet host there); the kernel keeps an
        // address on the links that carry BGP, and stays off the server link
        lab.sysctl(cs, "net.ipv6.conf." + csServer + ".disable_ipv6", "1");
        for (final String[] l : List.of(new String[] {cs, csServer}, new String[] {cs, csCore},
            new String[] {asbr, asbrCore}, new String[] {asbr, asbrA}, new String[] {asbr, asbrB}))
        {
            lab.execOk(l[0], "ip", "link", "set", l[1], "promisc", "on");
        }
        lab.address(cs, csCore, CS_BGP + "/64");
        lab.address(asbr, asbrCore, ASBR_BGP + "/64");
        lab.address(asbr, asbrA, ASBR_A_BGP + "/64");
        lab.address(asbr, asbrB, ASBR_B_BGP + "/64");

        // WORKAROUND (see KernelInteropIT#tcpWithKernelTxChecksumOffload): kernel interfaces that send through
        // our routers finish their L4 checksums themselves.
        for (final String[] s : List.of(new String[] {srv, srvIf}, new String[] {ta, taWest},
            new String[] {tb, tbWest}))
        {
            lab.execOk(s[0], "ethtool", "-K", s[1], "tx", "off");
        }

        // the server: a default address and one EPE address per egress peer; MTU leaves room for the outer headers
        lab.execOk(srv, "ip", "link", "set", srvIf, "mtu", "1400");
        for (final String a : List.of(SRV, SRV_A, SRV_B))
        {
            lab.address(srv, srvIf, a + "/64");
        }
        lab.execOk(srv, "ip", "-6", "route", "add", "default", "via", CS_SERVER, "dev", srvIf, "src", SRV);

        // the transits: kernel routers
        for (final String[] t : List.of(new String[] {ta, taWest, taEast, TA, "fd00:a2::"},
            new String[] {tb, tbWest, tbEast, TB, "fd00:b2::"}))
        {
            lab.sysctl(t[0], "net.ipv6.conf.all.forwarding", "1");
            lab.address(t[0], t[1], t[3] + "/64");
            lab.address(t[0], t[2], t[4] + "1/64");
            lab.route(t[0], CLIENT_PREFIX, "via", t[4] + "2", "dev", t[2]);
            lab.route(t[0], "fd00:10::/64", "via", t[0].equals(ta) ? ASBR_A : ASBR_B, "dev", t[1]);
        }
        // the client: best path back via transit A, the EPE-B address back via B
        lab.address(cl, clA, "fd00:a2::2/64");
        lab.address(cl, clB, "fd00:b2::2/64");
        lab.address(cl, "lo", CLIENT + "/128");
        lab.route(cl, "fd00:10::/64", "via", "fd00:a2::1", "dev", clA);
        lab.route(cl, SRV_B + "/128", "via", "fd00:b2::1", "dev", clB);
    }

    private Netns.Background startGobgp(final String ns, final String name, final int asn, final String routerId,
        final String address, final String neighbor) throws IOException, InterruptedException
    {
        final Path config = dir.resolve("gobgpd-" + name + ".toml");
        Files.writeString(config, GobgpToml.egressPeer(asn, routerId, 179, address, neighbor), StandardCharsets.UTF_8);
        final Netns.Background gobgpd = lab.start(ns, "gobgpd", "-f", config.toString(), "-t", "toml",
            "--api-hosts", "127.0.0.1:50051");
        if (!InteropLab.waitFor(() -> !gobgpd.isAlive() || lab.exec(ns, "gobgp", "global").ok(), START_WAIT))
        {
            throw new IllegalStateException("gobgpd in " + ns + " did not answer: " + gobgpd.output());
        }
        if (!gobgpd.isAlive())
        {
            throw new IllegalStateException("gobgpd in " + ns + " exited: " + gobgpd.output());
        }
        return gobgpd;
    }

    /** The transit in {@code ns} starts announcing the client prefix (its own address as next hop). */
    void announce(final String ns)
    {
        lab.execOk(ns, "gobgp", "global", "rib", "add", "-a", "ipv6", CLIENT_PREFIX);
    }

    /** The transit in {@code ns} withdraws the client prefix. */
    void withdraw(final String ns)
    {
        lab.execOk(ns, "gobgp", "global", "rib", "del", "-a", "ipv6", CLIENT_PREFIX);
    }

    /** Stops transit B's BGP speaker: its session to the ASBR goes down (a TCP close, then nothing). */
    void stopGobgpB()
    {
        gobgpB.stop();
    }

    private String asbrConfig()
    {
        return """
            router: { name: asbr, control-socket: %s, journal-dir: %s }
            ports:
              - { name: core, interface: %s, mac: "02:00:00:00:20:02", addresses: ["%s/64"] }
              - { name: transit-a, interface: %s, mac: "02:00:00:00:a1:01", addresses: ["%s/64"] }
              - { name: transit-b, interface: %s, mac: "02:00:00:00:b1:01", addresses: ["%s/64"] }
            vrfs:
              - name: default
                table: 254
                routes: [ { prefix: "fd00:10::/64", via: "%s", port: core } ]
              - { name: peer-a, table: 101 }
              - { name: peer-b, table: 102 }
            bgp:
              asn: 65000
              router-id: 198.18.0.2
              listen: ["[%s]:179"]
              neighbors:
                - { address: "%s", remote-as: 65010, role: egress-peer, families: [ipv6-unicast],
                    local-address: "%s", hold-time: 9, connect-retry: 1 }
                - { address: "%s", remote-as: 65020, role: egress-peer, families: [ipv6-unicast],
                    local-address: "%s", hold-time: 9, connect-retry: 1 }
                - { address: "%s", remote-as: 65000, role: ibgp, passive: true, hold-time: 9 }
              asbr:
                dataplane-address: "%s"
                locator: { prefix: "%s", block-length: 32, function-length: 16 }
                egress-peers:
                  - { neighbor: "%s", vrf: peer-a, rd: "65000:101", export-route-targets: ["65000:101"],
                      behavior: End.DT6, next-hop: "%s", port: transit-a }
                  - { neighbor: "%s", vrf: peer-b, rd: "65000:102", export-route-targets: ["65000:102"],
                      behavior: End.DT46, next-hop: "%s", port: transit-b }
            """.formatted(dir.resolve("asbr.sock"), dir.resolve("asbr-journal"),
            asbrCore, ASBR_CORE, asbrA, ASBR_A, asbrB, ASBR_B,
            CS_CORE,
            ASBR_BGP,
            TA, ASBR_A_BGP, TB, ASBR_B_BGP, CS_BGP,
            ASBR_CORE, LOCATOR,
            TA, TA, TB, TB);
    }

    private String csConfig()
    {
        return """
            router: { name: cs, control-socket: %s, journal-dir: %s, encap-source: "%s" }
            ports:
              - { name: server, interface: %s, mac: "02:00:00:00:10:01", addresses: ["%s/64"] }
              - { name: core, interface: %s, mac: "02:00:00:00:20:01", addresses: ["%s/64"] }
            vrfs:
              - { name: default, table: 254 }
              - { name: epe-a, table: 101 }
              - { name: epe-b, table: 102 }
            pbr:
              - { priority: 10, from: "%s/128", vrf: epe-a }
              - { priority: 20, from: "%s/128", vrf: epe-b }
            bgp:
              asn: 65000
              router-id: 198.18.0.1
              neighbors:
                - { address: "%s", remote-as: 65000, role: ibgp, local-address: "%s", hold-time: 9,
                    connect-retry: 1 }
              content-server:
                unicast-vrf: default
                import-vrfs:
                  - { vrf: epe-a, route-targets: ["65000:101"], mode: H.Encaps, underlay-vrf: default }
                  - { vrf: epe-b, route-targets: ["65000:102"], mode: H.Encaps.Red, underlay-vrf: default }
            """.formatted(dir.resolve("cs.sock"), dir.resolve("cs-journal"), CS_CORE,
            csServer, CS_SERVER, csCore, CS_CORE,
            SRV_A, SRV_B,
            ASBR_BGP, CS_BGP);
    }

    private Netns.Background startRouter(final String ns, final String name, final String yaml)
        throws IOException, InterruptedException
    {
        final Path config = dir.resolve(name + ".yaml");
        Files.writeString(config, yaml, StandardCharsets.UTF_8);
        final Netns.Background router = lab.start(ns, "java", "-jar", jar, "run", "--config", config.toString());
        final Path socket = dir.resolve(name + ".sock");
        if (!InteropLab.waitFor(() -> Files.exists(socket) || !router.isAlive(), START_WAIT) || !router.isAlive())
        {
            throw new IllegalStateException(name + " did not start: " + router.output());
        }
        return router;
    }

    /** {@code show WORDS --json} on one of our routers ({@code "cs"} or {@code "asbr"}). */
    JsonNode show(final String router, final String... words)
    {
        final List<String> cmd = new java.util.ArrayList<>(List.of("java", "-jar", jar, "show"));
        cmd.addAll(List.of(words));
        cmd.addAll(List.of("--json", "--socket", dir.resolve(router + ".sock").toString()));
        final Netns.Result r = lab.exec(router.equals("cs") ? cs : asbr, Duration.ofSeconds(20),
            cmd.toArray(new String[0]));
        if (!r.ok())
        {
            throw new IllegalStateException("show " + String.join(" ", words) + " on " + router + ": " + r);
        }
        try
        {
            return MAPPER.readTree(r.stdout());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(r.stdout(), ex);
        }
    }

    /** Polls {@code show WORDS} until {@code condition} holds; returns the rows or fails with the last answer. */
    JsonNode await(final Duration timeout, final Predicate<JsonNode> condition, final String router,
        final String... words) throws InterruptedException
    {
        final JsonNode[] last = new JsonNode[1];
        if (!InteropLab.waitFor(() -> condition.test(last[0] = show(router, words)), timeout))
        {
            throw new AssertionError("never true on " + router + ": show " + String.join(" ", words) + " -> " +
                last[0] + "\n" + logs());
        }
        return last[0];
    }

    /** The first row whose {@code key} is {@code value}, or null. */
    static JsonNode row(final JsonNode rows, final String key, final String value)
    {
        for (final JsonNode r : rows)
        {
            if (value.equals(r.path(key).asText()))
            {
                return r;
            }
        }
        return null;
    }

    /** A kernel interface's received-packet counter. */
    long rxPackets(final String ns, final String ifc)
    {
        return Long.parseLong(lab.execOk(ns, "cat", "/sys/class/net/" + ifc + "/statistics/rx_packets").stdout()
            .strip());
    }

    /** The routers' and speakers' logs so far, for failure messages. */
    String logs()
    {
        final StringBuilder b = new StringBuilder();
        for (final Object[] p : new Object[][] {{"cs", csRouter}, {"asbr", asbrRouter}, {"gobgpd ta", gobgpA},
            {"gobgpd tb", gobgpB}})
        {
            final Netns.Background bg = (Netns.Background) p[1];
            if (bg != null)
            {
                final String out = bg.output();
                b.append("--- ").append(p[0]).append(" log (tail)\n")
                    .append(out.substring(Math.max(0, out.length() - 3000))).append('\n');
            }
        }
        return b.toString();
    }

    @Override
    public void close()
    {
        lab.close();
    }
}
