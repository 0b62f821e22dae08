package net.srv6epe.dataplane.bgp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.srv6epe.dataplane.app.RouterMain;
import net.srv6epe.dataplane.control.ControlClient;
import net.srv6epe.dataplane.lab.GobgpToml;
import org.agrona.concurrent.AgentRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static net.srv6epe.dataplane.bgp.BgpTestSupport.WAIT_MS;
import static net.srv6epe.dataplane.bgp.BgpTestSupport.asbrYaml;
import static net.srv6epe.dataplane.bgp.BgpTestSupport.find;
import static net.srv6epe.dataplane.bgp.BgpTestSupport.freePort;
import static net.srv6epe.dataplane.bgp.BgpTestSupport.start;
import static net.srv6epe.dataplane.bgp.BgpTestSupport.startAgent;
import static net.srv6epe.dataplane.bgp.BgpTestSupport.waitFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The lab control plane with GoBGP (gobgpd, Debian) as the route reflector: our ASBR (iBGP from 127.0.0.2)
 * learns two prefixes from an egress-peer speaker of ours (127.0.0.3) and advertises VPNv6 routes with SRv6
 * SIDs to GoBGP (127.0.0.1, free port); GoBGP reflects them to our content server (127.0.0.4), which installs
 * them in its VRF with the ASBR's SID. Withdrawal and session loss propagate through the reflector; tshark
 * decodes our UPDATEs without expert warnings.
 */
@EnabledIfSystemProperty(named = "srv6epe.netns", matches = "true")
class GobgpInteropTest
{
    private static final String PREFIX_1 = "fd00:c1::/48";
    private static final String PREFIX_2 = "fd00:c2::/48";
    private static final String ANNOUNCED = "2001:db8:100::/48";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void gobgpReflectsOurSrv6VpnRoutesToTheContentServer() throws Exception
    {
        final int gport = freePort();
        final int api = freePort();
        final int aport = freePort();
        final Path cap = dir.resolve("rr.pcapng");
        Files.writeString(dir.resolve("gobgpd.toml"), gobgpConfig(gport));
        Process tshark = null;
        Process gobgpd = null;
        RouterMain.Running asbr = null;
        RouterMain.Running cs = null;
        AgentRunner peerRunner = null;
        String sid = null;
        try
        {
            tshark = startCapture(cap, gport);
            gobgpd = new ProcessBuilder("gobgpd", "-f", dir.resolve("gobgpd.toml").toString(), "-t", "toml", "-p",
                "--pprof-disable", "--api-hosts", "127.0.0.1:" + api)
                .redirectErrorStream(true).redirectOutput(dir.resolve("gobgpd.log").toFile()).start();
            waitUntil(() -> run(api, "global").exit == 0, 15_000, "gobgpd API up");

            asbr = start(dir, asbrConfig(gport, aport));
            cs = start(dir, csConfig(gport));
            final BgpTestSupport.PeerAgent peer = new BgpTestSupport.PeerAgent("127.0.0.2", aport);
            peerRunner = startAgent(peer);
            final ControlClient asbrCli = new ControlClient(dir.resolve("asbr.sock"), 5_000);
            final ControlClient csCli = new ControlClient(dir.resolve("cs.sock"), 5_000);

            final JsonNode sids = waitFor(asbrCli, "sids", null, rows -> find(rows, "vrf", "epe-a") != null);
            sid = find(sids, "vrf", "epe-a").get("sid").asText();
            waitFor(asbrCli, "bgp-summary", null, rows -> rows.size() == 2 &&
                "Established".equals(rows.path(0).path("state").asText()) &&
                "Established".equals(rows.get(1).get("state").asText()));
            waitFor(csCli, "bgp-summary", null, rows -> rows.size() == 1 &&
                "Established".equals(rows.path(0).path("state").asText()));

            peer.announce(PREFIX_1, PREFIX_2);

            // GoBGP's view of what our ASBR sent
            final JsonNode[] adjIn = new JsonNode[1];
            waitUntil(() -> {
                adjIn[0] = MAPPER.readTree(run(api, "neighbor", "127.0.0.2", "adj-in", "-a", "vpnv6", "-j").out);
                return adjIn[0].size() == 2;
            }, WAIT_MS, "GoBGP adj-in has 2 VPNv6 routes");
            System.out.println("GoBGP adj-in: " + adjIn[0].toPrettyString());
            // what GoBGP holds from us is what our summary says we advertised: the VPNv6 routes and the locator route
            final JsonNode unicastIn = MAPPER.readTree(run(api, "neighbor", "127.0.0.2", "adj-in", "-a", "ipv6", "-j")
                .out);
            assertEquals(1, unicastIn.size(), unicastIn.toString());
            waitFor(asbrCli, "bgp-summary", null, rows -> find(rows, "neighbor", "127.0.0.1")
                .path("prefixes-advertised").asInt() == adjIn[0].size() + unicastIn.size());
            final String theSid = sid;
            final byte[] sidBytes = InetAddress.getByName(sid).getAddress();
            for (final Iterator<String> it = adjIn[0].fieldNames(); it.hasNext(); )
            {
                final String key = it.next();
                final JsonNode path = adjIn[0].get(key).get(0);
                final String text = path.toString();
                assertTrue(key.startsWith("65000:100:"), key);
                final JsonNode mp = attribute(path, 14);
                final JsonNode ec = attribute(path, 16);
                final JsonNode psid = attribute(path, 40);
                assertNotNull(mp, text);
                assertEquals("fd00:20::1", mp.get("nexthop").asText(), text);
                assertEquals(2, mp.get("afi").asInt(), text);
                assertEquals(128, mp.get("safi").asInt(), text);
                final JsonNode nlri = path.get("nlri");
                assertEquals(key.substring("65000:100:".length()), nlri.get("prefix").asText(), text);
                assertEquals(MAPPER.readTree("{\"type\":0,\"admin\":65000,\"assigned\":100}"), nlri.get("rd"), text);
                assertEquals(MAPPER.readTree("[3]"), nlri.get("labels"), text);
                assertNotNull(ec, text);
                assertEquals(MAPPER.readTree("[{\"type\":0,\"subtype\":2,\"value\":\"65000:100\"}]"),
                    ec.get("value"), text);
                assertNotNull(psid, "Prefix-SID (type 40) missing: " + text);
                assertEquals(1, psid.get("TLVs").size(), text);
                final JsonNode tlv = psid.get("TLVs").get(0);
                assertEquals(5, tlv.get("type").asInt(), "SRv6 L3 Service TLV: " + text);
                assertEquals(1, tlv.get("SubTLVs").size(), text);
                final JsonNode info = tlv.get("SubTLVs").get(0);
                assertEquals(1, info.get("type").asInt(), "SRv6 SID Information sub-TLV: " + text);
                assertTrue(Arrays.equals(sidBytes, Base64.getDecoder().decode(info.get("sid").asText())),
                    sid + " != " + info.get("sid").asText());
                assertEquals(0, info.get("flags").asInt(), text);
                assertEquals(18, info.get("endpoint_behavior").asInt(), "End.DT6 = 0x12: " + text);
                assertEquals(MAPPER.readTree("[{\"type\":1,\"locator_block_length\":32,\"locator_node_length\":16," +
                    "\"function_length\":16,\"argument_length\":0,\"transposition_length\":0," +
                    "\"transposition_offset\":0}]"), info.get("sub_sub_tlvs"), text);
            }

            // reflected to the content server and installed
            final JsonNode routes = waitFor(csCli, "route", "epe-a",
                rows -> find(rows, "prefix", PREFIX_1) != null && find(rows, "prefix", PREFIX_2) != null);
            for (final String p : List.of(PREFIX_1, PREFIX_2))
            {
                final JsonNode r = find(routes, "prefix", p);
                assertEquals("H.Encaps", r.get("action").asText(), r.toString());
                assertEquals(theSid, r.get("segments").get(0).asText(), r.toString());
            }

            // withdrawal at the egress peer
            peer.withdraw(PREFIX_1);
            waitFor(csCli, "route", "epe-a",
                rows -> find(rows, "prefix", PREFIX_1) == null && find(rows, "prefix", PREFIX_2) != null);

            // the egress session goes: the ASBR withdraws its routes, GoBGP reflects the withdrawal
            peerRunner.close();
            peerRunner = null;
            waitFor(csCli, "route", "epe-a", rows -> find(rows, "prefix", PREFIX_2) == null);

            // the egress peer comes back (the ASBR restarts the neighbor after connect-retry 1 s)
            final BgpTestSupport.PeerAgent peer2 = new BgpTestSupport.PeerAgent("127.0.0.2", aport);
            peerRunner = startAgent(peer2);
            waitFor(asbrCli, "bgp-summary", null,
                rows -> "Established".equals(find(rows, "neighbor", "127.0.0.3").get("state").asText()));
            peer2.announce(PREFIX_2);
            waitFor(csCli, "route", "epe-a", rows -> find(rows, "prefix", PREFIX_2) != null);

            // session loss: the ASBR router stops; GoBGP withdraws its routes from the content server
            asbr.close();
            asbr = null;
            waitFor(csCli, "route", "epe-a", rows -> find(rows, "prefix", PREFIX_2) == null);
            waitUntil(() -> run(api, "global", "rib", "-a", "vpnv6", "-j").out.trim().matches("\\{\\}|null|"),
                WAIT_MS, "GoBGP's VPNv6 RIB empty");
            waitFor(csCli, "bgp-summary", null, rows -> "Established".equals(rows.path(0).path("state").asText()));
            peerRunner.close();
            peerRunner = null;
        }
        finally
        {
            if (peerRunner != null)
            {
                peerRunner.close();
            }
            if (cs != null)
            {
                cs.close();
            }
            if (asbr != null)
            {
                asbr.close();
            }
            stop(gobgpd);
            stop(tshark);
        }

        // Wireshark decodes our UPDATEs (ASBR -> GoBGP and GoBGP -> CS) cleanly
        final Run fields = tsharkFields(cap, gport, "bgp.type == 2 && ip.src == 127.0.0.2",
            "bgp.prefix_sid.srv6_l3vpn.sid_value", "bgp.prefix_sid.srv6_l3vpn.srv6_endpoint_behavior",
            "bgp.prefix_sid.srv6_l3vpn.sid.locator_block_len");
        assertEquals(0, fields.exit, fields.out);
        System.out.println("tshark UPDATE fields: " + fields.out);
        // UPDATEs without a Prefix-SID (End-of-RIB, withdrawals) give empty rows; tshark's root warning is skipped
        final List<String> withSid = fields.out.lines().filter(l -> l.startsWith("fc00:")).toList();
        assertFalse(withSid.isEmpty(), fields.out);
        for (final String l : withSid)
        {
            assertEquals(sid + "\t0x0012\t32", l.strip(), "UPDATE decoded by tshark: " + fields.out);
        }
        assertNoExpertWarning(cap, gport);
    }

    /**
     * GoBGP as an egress peer (AS 65010): our ASBR announces it the prefix configured in {@code announce} with our AS
     * as the path and our address on the peer's port as the next hop; GoBGP takes it as its best path, and our
     * summary counts it advertised. GoBGP's own route to us lands in the peer's VRF.
     */
    @Test
    void gobgpAsEgressPeerReceivesWhatWeAnnounce() throws Exception
    {
        final int gport = freePort();
        final int api = freePort();
        final int aport = freePort();
        Files.writeString(dir.resolve("gobgpd.toml"), GobgpToml.egressPeer(65010, "198.18.0.3", gport, "127.0.0.3",
            "127.0.0.2"));
        final Path cap = dir.resolve("egress.pcapng");
        Process tshark = null;
        Process gobgpd = null;
        RouterMain.Running asbr = null;
        try
        {
            tshark = startCapture(cap, gport);
            gobgpd = new ProcessBuilder("gobgpd", "-f", dir.resolve("gobgpd.toml").toString(), "-t", "toml", "-p",
                "--pprof-disable", "--api-hosts", "127.0.0.1:" + api)
                .redirectErrorStream(true).redirectOutput(dir.resolve("gobgpd.log").toFile()).start();
            waitUntil(() -> run(api, "global").exit == 0, 15_000, "gobgpd API up");
            asbr = start(dir, asbrYaml(dir, "127.0.0.2:" + aport, "",
                "{ address: 127.0.0.3, port: " + gport + ", local-address: 127.0.0.2, remote-as: 65010," +
                    " role: egress-peer, families: [ipv6-unicast], hold-time: 30, connect-retry: 1 }")
                .replace("port: peer-a }", "port: peer-a, announce: [\"" + ANNOUNCED + "\"] }"));
            final ControlClient asbrCli = new ControlClient(dir.resolve("asbr.sock"), 5_000);

            final JsonNode[] adjIn = new JsonNode[1];
            waitUntil(() -> {
                adjIn[0] = MAPPER.readTree(run(api, "neighbor", "127.0.0.2", "adj-in", "-a", "ipv6", "-j").out);
                return adjIn[0].has(ANNOUNCED);
            }, WAIT_MS, "GoBGP adj-in holds " + ANNOUNCED);
            final JsonNode path = adjIn[0].get(ANNOUNCED).get(0);
            final JsonNode mp = attribute(path, 14);
            final JsonNode asPath = attribute(path, 2);
            final JsonNode localPref = attribute(path, 5);
            assertNotNull(mp, path.toString());
            assertEquals("fd00:a::1", mp.get("nexthop").asText(), "our address on peer-a: " + path);
            assertNotNull(asPath, path.toString());
            assertEquals("[65000]", asPath.findValue("asns").toString(), path.toString());
            assertEquals(null, localPref, "no LOCAL_PREF to an external peer: " + path);
            final JsonNode rib = MAPPER.readTree(run(api, "global", "rib", "-a", "ipv6", "-j").out);
            assertTrue(rib.get(ANNOUNCED).get(0).path("best").asBoolean(), rib.toString());
            waitFor(asbrCli, "bgp-summary", null,
                rows -> find(rows, "neighbor", "127.0.0.3").path("prefixes-advertised").asInt() == 1);

            // and the other way, as with any egress peer: GoBGP's route lands in the peer's VRF
            assertEquals(0, run(api, "global", "rib", "add", "-a", "ipv6", PREFIX_1, "nexthop", "fd00:a::2").exit);
            waitFor(asbrCli, "route", "epe-a", rows -> find(rows, "prefix", PREFIX_1) != null);
        }
        finally
        {
            if (asbr != null)
            {
                asbr.close();
            }
            stop(gobgpd);
            stop(tshark);
        }

        // Wireshark reads our announcement as GoBGP did, and finds nothing wrong in the session
        final Run fields = tsharkFields(cap, gport, "bgp.mp_reach_nlri_ipv6_prefix && ip.src == 127.0.0.2",
            "bgp.mp_reach_nlri_ipv6_prefix", "bgp.update.path_attribute.mp_reach_nlri.next_hop.ipv6",
            "bgp.update.path_attribute.as_path_segment.as4", "bgp.update.path_attribute.origin",
            "bgp.update.path_attribute.local_pref");
        assertEquals(0, fields.exit, fields.out);
        // prefix (tshark shows its address), next hop, AS path, ORIGIN IGP, and no LOCAL_PREF
        assertEquals("2001:db8:100::\tfd00:a::1\t65000\t0\t", fields.out.lines().filter(l -> l.startsWith("2001:"))
            .findFirst().orElse(fields.out), "our UPDATE as tshark decodes it");
        assertNoExpertWarning(cap, gport);
    }

    private String gobgpConfig(final int port)
    {
        final StringBuilder b = new StringBuilder(String.join("\n",
            "[global.config]",
            "  as = 65000",
            "  router-id = \"198.18.0.10\"",
            "  port = " + port,
            "  local-address-list = [\"127.0.0.1\"]",
            ""));
        for (final String n : List.of("127.0.0.2", "127.0.0.4"))
        {
            b.append(String.join("\n",
                "[[neighbors]]",
                "  [neighbors.config]",
                "    neighbor-address = \"" + n + "\"",
                "    peer-as = 65000",
                "  [neighbors.transport.config]",
                "    passive-mode = true",
                "  [neighbors.route-reflector.config]",
                "    route-reflector-client = true",
                "    route-reflector-cluster-id = \"198.18.0.10\"",
                "  [[neighbors.afi-safis]]",
                "    [neighbors.afi-safis.config]",
                "      afi-safi-name = \"l3vpn-ipv6-unicast\"",
                "  [[neighbors.afi-safis]]",
                "    [neighbors.afi-safis.config]",
                "      afi-safi-name = \"ipv6-unicast\"",
                ""));
        }
        return b.toString();
    }

    private String asbrConfig(final int gport, final int aport)
    {
        return asbrYaml(dir, "127.0.0.2:" + aport, "",
            "{ address: 127.0.0.3, remote-as: 65010, role: egress-peer, families: [ipv6-unicast], passive: true," +
                " hold-time: 30, connect-retry: 1 }",
            "{ address: 127.0.0.1, port: " + gport + ", local-address: 127.0.0.2, remote-as: 65000, role: ibgp," +
                " hold-time: 30, connect-retry: 1 }");
    }

    private String csConfig(final int gport)
    {
        return String.join("\n",
            "router: { name: cs, control-socket: " + dir.resolve("cs.sock") + ", encap-source: \"fd00:20::2\",",
            "          journal-dir: " + dir.resolve("cs-journal") + ", metrics: { listen: \"127.0.0.1:0\" } }",
            "ports:",
            "  - { name: core, backend: pcap-file, write: cs-out.pcap, mac: \"02:00:00:00:00:02\"," +
                " addresses: [\"fd00:20::2/64\"] }",
            "vrfs:",
            "  - { name: epe-a, table: 101 }",
            "bgp:",
            "  asn: 65000",
            "  router-id: 198.18.0.2",
            "  neighbors:",
            "    - { address: 127.0.0.1, port: " + gport + ", local-address: 127.0.0.4, remote-as: 65000," +
                " role: ibgp, hold-time: 30, connect-retry: 1 }",
            "  content-server:",
            "    import-vrfs:",
            "      - { vrf: epe-a, route-targets: [\"65000:100\"], mode: H.Encaps }",
            "");
    }

    /** The path attribute of type code {@code type} in a path of GoBGP's JSON, or null. */
    private static JsonNode attribute(final JsonNode path, final int type)
    {
        for (final JsonNode a : path.get("attrs"))
        {
            if (a.get("type").asInt() == type)
            {
                return a;
            }
        }
        return null;
    }

    /** Starts capturing the BGP session on loopback port {@code port} into {@code cap}, once tshark captures. */
    private Process startCapture(final Path cap, final int port) throws Exception
    {
        final Process tshark = new ProcessBuilder("tshark", "-i", "lo", "-f", "tcp port " + port, "-w", cap.toString())
            .redirectErrorStream(true).redirectOutput(dir.resolve("tshark.log").toFile()).start();
        waitUntil(() -> Files.exists(cap) && Files.readString(dir.resolve("tshark.log")).contains("Capturing"),
            10_000, "tshark capturing");
        return tshark;
    }

    /** The {@code fields} of the BGP messages matching {@code filter} in the capture, one line per message. */
    private static Run tsharkFields(final Path cap, final int port, final String filter, final String... fields)
        throws Exception
    {
        final List<String> cmd = new ArrayList<>(List.of("tshark", "-r", cap.toString(), "-d",
            "tcp.port==" + port + ",bgp", "-Y", filter, "-T", "fields"));
        for (final String f : fields)
        {
            cmd.add("-e");
            cmd.add(f);
        }
        return exec(cmd);
    }

    /** Wireshark finds nothing malformed, no error and no warning in the BGP session captured on {@code port}. */
    private static void assertNoExpertWarning(final Path cap, final int port) throws Exception
    {
        final Run expert = exec(List.of("tshark", "-r", cap.toString(), "-d", "tcp.port==" + port + ",bgp",
            "-q", "-z", "expert,warn"));
        assertEquals(0, expert.exit, expert.out);
        assertFalse(expert.out.toLowerCase().contains("malformed"), expert.out);
        assertFalse(expert.out.contains("Errors ("), expert.out);
        assertFalse(expert.out.contains("Warns ("), expert.out);
    }

    private record Run(int exit, String out)
    {
    }

    private static Run run(final int api, final String... args) throws Exception
    {
        final List<String> cmd = new ArrayList<>(List.of("gobgp", "-p", String.valueOf(api), "-u", "127.0.0.1"));
        cmd.addAll(List.of(args));
        return exec(cmd);
    }

    private static Run exec(final List<String> cmd) throws Exception
    {
        final Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        final byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(20, TimeUnit.SECONDS))
        {
            p.destroyForcibly();
            return new Run(-1, "timeout: " + cmd);
        }
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static void stop(final Process p) throws InterruptedException
    {
        if (p != null && p.isAlive())
        {
            p.destroy();
            if (!p.waitFor(5, TimeUnit.SECONDS))
            {
                p.destroyForcibly();
                p.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private interface Check
    {
        boolean ok() throws Exception;
    }

    private void waitUntil(final Check check, final long ms, final String what) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ms);
        Exception last = null;
        while (System.nanoTime() < deadline)
        {
            try
            {
                if (check.ok())
                {
                    return;
                }
            }
            catch (final Exception e)
            {
                last = e;
            }
            Thread.sleep(100);
        }
        String log = "";
        if (Files.exists(dir.resolve("gobgpd.log")))
        {
            log = Files.readString(dir.resolve("gobgpd.log"));
        }
        throw new AssertionError("never: " + what + "; last error: " + last + "; gobgpd log: " + log);
    }
}
