package net.srv6epe.dataplane.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.srv6epe.dataplane.lab.GobgpToml;
import net.srv6epe.dataplane.lab.Netns;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * FRR 8.4 (Debian {@code frr}) as the route reflector between our ASBR and our content server, all in one
 * network namespace on loopback addresses: GoBGP plays the egress peer (eBGP IPv6 unicast) of our ASBR; our ASBR
 * advertises the egress peer's prefix as VPNv6 with its SRv6 SID to FRR; FRR's own view shows our RD, next hop and
 * SID; FRR reflects the route, re-encoding the Prefix-SID attribute, and our content server installs it with the
 * ASBR's SID (our decoder against FRR's encoder); a withdrawal goes the same way.
 *
 * <pre>
 *   GoBGP fd00:99::4 (AS 65010) --eBGP--> our ASBR fd00:99::2 --iBGP VPNv6--> FRR fd00:99::1 (RR) --> our CS fd00:99::3
 * </pre>
 */
@EnabledIfSystemProperty(named = "srv6epe.netns", matches = "true", disabledReason = "builds network namespaces: " +
    "needs root; run with -Dsrv6epe.netns=true (bin/test-all does)")
@Timeout(value = 120)
class FrrInteropIT
{
    private static final String FRR = "fd00:99::1";
    private static final String ASBR = "fd00:99::2";
    private static final String CS = "fd00:99::3";
    private static final String PEER = "fd00:99::4";
    private static final String PREFIX = "fd00:c1::/48";
    private static final String FRR_DIR = "/usr/lib/frr";
    private static final Duration WAIT = Duration.ofSeconds(40);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    private Netns lab;
    private Path frrDir;
    private String ns;
    private String jar;

    @Test
    void frrReflectsOurSrv6VpnRoutesWithTheirSid() throws Exception
    {
        jar = System.getProperty("srv6epe.jar");
        assertTrue(Files.isRegularFile(Path.of(FRR_DIR, "bgpd")), "FRR is not installed (bin/test-all installs frr)");
        try (Netns l = Netns.create())
        {
            lab = l;
            ns = lab.namespace("bgp");
            for (final String a : List.of(FRR, ASBR, CS, PEER))
            {
                lab.address(ns, "lo", a + "/128");
            }
            // FRR validates VPN next hops through zebra: our ASBR's data-plane address must be routable here
            lab.route(ns, "fd00:20::/64", "dev", "lo");

            // FRR's daemons drop to user frr: their directory is one that user may enter (the test's is root's)
            frrDir = Files.createTempDirectory("s6e-frr-");
            Files.writeString(frrDir.resolve("bgpd.conf"), frrConfig(), StandardCharsets.UTF_8);
            lab.execOk(ns, "chmod", "755", frrDir.toString());
            lab.execOk(ns, "chown", "-R", "frr:frr", frrDir.toString());
            final String zserv = frrDir.resolve("zserv.api").toString();
            final Netns.Background zebra = lab.start(ns, FRR_DIR + "/zebra", "-z", zserv,
                "-i", frrDir.resolve("zebra.pid").toString(), "--vty_socket", frrDir.toString(), "-f", "/dev/null");
            assertTrue(InteropLab.waitFor(() -> Files.exists(Path.of(zserv)) || !zebra.isAlive(), WAIT) &&
                zebra.isAlive(), zebra::output);
            final Netns.Background bgpd = lab.start(ns, FRR_DIR + "/bgpd", "-z", zserv,
                "-i", frrDir.resolve("bgpd.pid").toString(), "--vty_socket", frrDir.toString(),
                "-f", frrDir.resolve("bgpd.conf").toString(), "-l", FRR, "-p", "179");
            assertTrue(InteropLab.waitFor(() -> vtysh(frrDir, "show bgp summary").contains("65000") ||
                !bgpd.isAlive(), WAIT) && bgpd.isAlive(), bgpd::output);

            Files.writeString(dir.resolve("gobgpd.toml"), gobgpConfig(), StandardCharsets.UTF_8);
            final Netns.Background gobgpd = lab.start(ns, "gobgpd", "-f", dir.resolve("gobgpd.toml").toString(),
                "-t", "toml", "--api-hosts", "127.0.0.1:50051");
            assertTrue(InteropLab.waitFor(() -> !gobgpd.isAlive() || lab.exec(ns, "gobgp", "global").ok(), WAIT) &&
                gobgpd.isAlive(), gobgpd::output);

            final Netns.Background asbr = startRouter("asbr", asbrConfig());
            final Netns.Background cs = startRouter("cs", csConfig());

            await("asbr", rows -> established(rows, FRR) && established(rows, PEER), "bgp", "summary");
            await("cs", rows -> established(rows, FRR), "bgp", "summary");
            lab.execOk(ns, "gobgp", "global", "rib", "add", "-a", "ipv6", PREFIX);

            final JsonNode sids = await("asbr", rows -> row(rows, "vrf", "epe-a") != null, "sids");
            final String sid = row(sids, "vrf", "epe-a").get("sid").asText();

            // FRR's own view of our route: valid and best, our RD, next hop and route target, and the SRv6 SID and
            // SID structure it decoded from our Prefix-SID attribute
            final String[] frrText = new String[1];
            assertTrue(InteropLab.waitFor(() -> (frrText[0] = vtysh(frrDir, "show bgp ipv6 vpn"))
                .contains("sid=" + sid + " sid_structure=[32,16,16,0]"), WAIT),
                () -> "FRR never showed SID " + sid + ": " + frrText[0]);
            assertTrue(frrText[0].contains("EC{65000:100}"), frrText[0]);
            final JsonNode frrRoute = MAPPER.readTree(vtysh(frrDir, "show bgp ipv6 vpn json"))
                .path("routes").path("routeDistinguishers").path("65000:100").path(PREFIX).path(0);
            assertTrue(frrRoute.path("valid").asBoolean() && frrRoute.path("bestpath").asBoolean(),
                frrRoute::toString);
            assertEquals("fd00:20::1", frrRoute.path("nexthops").path(0).path("ip").asText(), frrRoute.toString());
            assertEquals("65010", frrRoute.path("path").asText(), frrRoute.toString());

            // FRR reflects it to our content server, which installs it with the ASBR's SID
            final JsonNode routes = await("cs", rows -> row(rows, "prefix", PREFIX) != null, "route", "--vrf",
                "epe-a");
            assertEquals("H.Encaps", row(routes, "prefix", PREFIX).get("action").asText(), routes.toString());
            assertEquals(sid, row(routes, "prefix", PREFIX).get("segments").get(0).asText(), routes.toString());
            final JsonNode vpn = await("cs", rows -> rows.size() == 1, "bgp", "vpnv6");
            assertEquals("65000:100", vpn.get(0).get("rd").asText(), vpn.toString());
            assertEquals(sid, vpn.get(0).get("sid").asText(), vpn.toString());
            // FRR re-encodes the SRv6 service with the opaque behavior 0xFFFF (we sent End.DT6): accepted as such
            assertEquals("opaque", vpn.get(0).get("behavior").asText(), vpn.toString());

            // the egress peer withdraws: gone at FRR and at the content server (FRR's withdrawal carries the label
            // field 0x000000, not RFC 8277's 0x800000: one label field is read whatever its bottom-of-stack bit)
            lab.execOk(ns, "gobgp", "global", "rib", "del", "-a", "ipv6", PREFIX);
            assertTrue(InteropLab.waitFor(() -> !vtysh(frrDir, "show bgp ipv6 vpn").contains("fd00:c1::"), WAIT),
                () -> vtysh(frrDir, "show bgp ipv6 vpn") + "\nasbr: " + show("asbr", "bgp", "summary") +
                    show("asbr", "bgp", "ipv6"));
            assertTrue(InteropLab.waitFor(() -> row(show("cs", "route", "--vrf", "epe-a"), "prefix", PREFIX) == null,
                WAIT), () -> "cs: " + show("cs", "bgp", "vpnv6") + show("cs", "bgp", "summary") + "\n" +
                cs.output());
            assertTrue(asbr.isAlive() && cs.isAlive(), asbr.output() + cs.output());
            // FRR activates only VPN-IPv6 for our ASBR: we sent it no IPv6 unicast route or End-of-RIB to ignore
            assertFalse(bgpd.output().contains("non-enabled AFI/SAFI"), bgpd::output);

            // SIGTERM: the content server closes its session with a Cease (RFC 8203 administrative shutdown), exits
            // 0, and its journal holds the withdrawal it made just before
            lab.execOk(ns, "kill", "-TERM", String.valueOf(cs.pid()));
            assertEquals(0, cs.waitFor(Duration.ofSeconds(20)), cs.output());
            final String[] reset = new String[1];
            assertTrue(InteropLab.waitFor(() -> (reset[0] = vtysh(frrDir, "show bgp neighbor " + CS + " json"))
                .contains("\"lastErrorCodeSubcode\":\"0602\"") && reset[0].contains("Administrative Shutdown"), WAIT),
                () -> reset[0]);
            final Netns.Result events = lab.exec(ns, Duration.ofSeconds(20), "java", "-jar", jar, "events", "export",
                "--dir", dir.resolve("cs-journal").toString());
            assertTrue(events.ok() && events.stdout().contains(PREFIX), events::toString);
        }
        finally
        {
            deleteFrrDir();
        }
    }

    private void deleteFrrDir() throws IOException
    {
        if (frrDir != null)
        {
            try (var files = Files.walk(frrDir))
            {
                for (final Path p : files.sorted(Comparator.reverseOrder()).toList())
                {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private String frrConfig()
    {
        return String.join("\n",
            "frr defaults traditional",
            "hostname rr",
            "log stdout",
            "router bgp 65000",
            " bgp router-id 198.18.0.10",
            " no bgp default ipv4-unicast",
            " bgp cluster-id 198.18.0.10",
            " neighbor " + ASBR + " remote-as 65000",
            " neighbor " + ASBR + " update-source " + FRR,
            " neighbor " + CS + " remote-as 65000",
            " neighbor " + CS + " update-source " + FRR,
            " address-family ipv6 vpn",
            "  neighbor " + ASBR + " activate",
            "  neighbor " + ASBR + " route-reflector-client",
            "  neighbor " + CS + " activate",
            "  neighbor " + CS + " route-reflector-client",
            " exit-address-family",
            "");
    }

    private String gobgpConfig()
    {
        return GobgpToml.egressPeer(65010, "198.18.0.21", 179, PEER, ASBR);
    }

    private String asbrConfig()
    {
        return """
            router: { name: asbr, control-socket: %s, journal-dir: %s, metrics: { listen: "127.0.0.1:0" } }
            ports:
              - { name: peer-a, backend: pcap-file, write: %s, mac: "02:00:00:00:00:01", addresses: ["fd00:a::1/64"] }
            vrfs:
              - { name: epe-a, table: 101 }
            bgp:
              asn: 65000
              router-id: 198.18.0.1
              listen: ["[%s]:179"]
              neighbors:
                - { address: "%s", remote-as: 65010, role: egress-peer, families: [ipv6-unicast],
                    local-address: "%s", hold-time: 30, connect-retry: 1 }
                - { address: "%s", remote-as: 65000, role: ibgp, local-address: "%s", hold-time: 30,
                    connect-retry: 1 }
              asbr:
                dataplane-address: "fd00:20::1"
                locator: { prefix: "fc00:0:1::/48", block-length: 32, function-length: 16 }
                egress-peers:
                  - { neighbor: "%s", vrf: epe-a, rd: "65000:100", export-route-targets: ["65000:100"],
                      behavior: End.DT6, next-hop: "fd00:a::2", port: peer-a }
            """.formatted(dir.resolve("asbr.sock"), dir.resolve("asbr-journal"), dir.resolve("asbr-out.pcap"),
            ASBR, PEER, ASBR, FRR, ASBR, PEER);
    }

    private String csConfig()
    {
        return """
            router: { name: cs, control-socket: %s, journal-dir: %s, encap-source: "fd00:20::2",
                      metrics: { listen: "127.0.0.1:0" } }
            ports:
              - { name: core, backend: pcap-file, write: %s, mac: "02:00:00:00:00:02", addresses: ["fd00:20::2/64"] }
            vrfs:
              - { name: epe-a, table: 101 }
            bgp:
              asn: 65000
              router-id: 198.18.0.2
              neighbors:
                - { address: "%s", remote-as: 65000, role: ibgp, local-address: "%s", hold-time: 30,
                    connect-retry: 1 }
              content-server:
                import-vrfs:
                  - { vrf: epe-a, route-targets: ["65000:100"], mode: H.Encaps }
            """.formatted(dir.resolve("cs.sock"), dir.resolve("cs-journal"), dir.resolve("cs-out.pcap"), FRR, CS);
    }

    private Netns.Background startRouter(final String name, final String yaml) throws IOException
    {
        final Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, yaml, StandardCharsets.UTF_8);
        final Netns.Background router = lab.start(ns, "java", "-jar", jar, "run", "--config", file.toString());
        try
        {
            assertTrue(InteropLab.waitFor(() -> router.output().contains("forwarding on") || !router.isAlive(),
                WAIT) && router.isAlive(), () -> name + " did not start: " + router.output());
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
        return router;
    }

    private String vtysh(final Path frrDir, final String command)
    {
        return lab.exec(ns, Duration.ofSeconds(10), "vtysh", "--vty_socket", frrDir.toString(), "-c", command)
            .stdout();
    }

    private JsonNode show(final String router, final String... words)
    {
        final List<String> cmd = new ArrayList<>(List.of("java", "-jar", jar, "show"));
        cmd.addAll(List.of(words));
        cmd.addAll(List.of("--json", "--socket", dir.resolve(router + ".sock").toString()));
        final Netns.Result r = lab.exec(ns, Duration.ofSeconds(20), cmd.toArray(new String[0]));
        try
        {
            return r.ok() ? MAPPER.readTree(r.stdout()) : MAPPER.createArrayNode();
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(r.stdout(), ex);
        }
    }

    private JsonNode await(final String router, final Predicate<JsonNode> condition, final String... words)
        throws InterruptedException
    {
        final JsonNode[] last = new JsonNode[1];
        assertTrue(InteropLab.waitFor(() -> condition.test(last[0] = show(router, words)), WAIT),
            () -> "never true on " + router + ": show " + String.join(" ", words) + " -> " + last[0]);
        return last[0];
    }

    private static JsonNode row(final JsonNode rows, final String key, final String value)
    {
        return EpeBgpLab.row(rows, key, value);
    }

    private static boolean established(final JsonNode rows, final String neighbor)
    {
        final JsonNode r = row(rows, "neighbor", neighbor);
        return r != null && "Established".equals(r.path("state").asText());
    }
}
