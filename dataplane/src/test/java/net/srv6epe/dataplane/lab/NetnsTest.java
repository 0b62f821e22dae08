package net.srv6epe.dataplane.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

@EnabledIfSystemProperty(named = "srv6epe.netns", matches = "true",
    disabledReason = "needs root and network namespaces; enabled by the README's test command")
class NetnsTest
{
    @Test
    void namespacesTalkOverVethAndEverythingIsGoneAfterClose() throws Exception
    {
        final List<String> created;
        final Netns.VethPair veth;
        final long pid;
        try (Netns lab = Netns.create())
        {
            final String left = lab.namespace("left");
            final String right = lab.namespace("right");
            veth = lab.veth(left, right);
            lab.address(left, veth.a(), "fd00:5e::1/64");
            lab.address(right, veth.b(), "fd00:5e::2/64");
            lab.address(left, veth.a(), "198.18.5.1/24");
            lab.address(right, veth.b(), "198.18.5.2/24");
            lab.sysctl(left, "net.ipv6.conf.all.forwarding", "1");

            assertTrue(udpReaches(lab, left, right, "fd00:5e::2"));
            assertTrue(udpReaches(lab, left, right, "198.18.5.2"));
            lab.route(left, "fd00:5f::/64", "via", "fd00:5e::2");
            assertTrue(lab.execOk(left, "ip", "-6", "route").stdout().contains("fd00:5f::/64"));
            assertTrue(lab.mac(right, veth.b()).matches("[0-9a-f:]{17}"));

            final Netns.Background sleeper = lab.start(right, "sleep", "30");
            pid = sleeper.pid();
            assertTrue(sleeper.isAlive());
            final Netns.Result timedOut = lab.exec(left, Duration.ofMillis(300), "sleep", "5");
            assertTrue(timedOut.timedOut());
            created = lab.namespaces();
            assertEquals(2, created.size());
            assertThrows(IllegalArgumentException.class, () -> lab.exec("some-other-ns", "true"),
                "commands only run in this lab's namespaces");
        }
        for (final String ns : created)
        {
            assertFalse(Files.exists(Path.of("/run/netns", ns)), ns);
        }
        assertFalse(Files.exists(Path.of("/sys/class/net", veth.a())));
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "background process stopped");
    }

    /** No ping on the lab machines: a UDP datagram from python3, received by python3, proves the path. */
    private static boolean udpReaches(final Netns lab, final String from, final String to, final String address)
        throws InterruptedException
    {
        final String family = address.contains(":") ? "AF_INET6" : "AF_INET";
        final Netns.Background receiver = lab.start(to, "python3", "-c",
            "import socket;s=socket.socket(socket.AF_" + family.substring(3) + ",socket.SOCK_DGRAM);" +
            "s.bind(('" + address + "',9999));print(s.recv(100).decode(),flush=True)");
        final long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline && receiver.isAlive())
        {
            lab.exec(from, "python3", "-c",
                "import socket;s=socket.socket(socket.AF_" + family.substring(3) + ",socket.SOCK_DGRAM);" +
                "s.sendto(b'hello',('" + address + "',9999))");
            receiver.waitFor(Duration.ofMillis(200));
        }
        final boolean received = receiver.output().contains("hello");
        receiver.stop();
        return received;
    }

    @Test
    void rootEndHasIpv6DisabledAndNoAddress() throws Exception
    {
        try (Netns lab = Netns.create())
        {
            final String ns = lab.namespace("k");
            final Netns.VethPair veth = lab.veth(null, ns);
            assertEquals("1", Files.readString(
                Path.of("/proc/sys/net/ipv6/conf", veth.a(), "disable_ipv6")).trim());
            assertTrue(lab.mac(null, veth.a()).matches("[0-9a-f:]{17}"));
            final Process p = new ProcessBuilder("ip", "-o", "addr", "show", "dev", veth.a()).start();
            final String out = new String(p.getInputStream().readAllBytes());
            p.waitFor();
            assertFalse(out.contains("inet"), out);
        }
    }
}
