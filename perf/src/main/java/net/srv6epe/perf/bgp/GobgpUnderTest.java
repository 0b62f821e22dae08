package net.srv6epe.perf.bgp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code gobgpd} (GoBGP, the Debian package) as the receiver, for comparison: started by us on loopback with a
 * TOML file in the run's directory (one passive iBGP neighbor, the blaster, with {@code l3vpn-ipv6-unicast}),
 * queried through the {@code gobgp} CLI on its own API port, and stopped by its process handle (never by name).
 */
public final class GobgpUnderTest implements AutoCloseable
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long START_TIMEOUT_MS = 20_000;

    private final Process process;
    private final int apiPort;
    private final InetSocketAddress bgpAddress;
    private final String neighbor;

    private GobgpUnderTest(final Process process, final int apiPort, final InetSocketAddress bgpAddress,
        final String neighbor)
    {
        this.process = process;
        this.apiPort = apiPort;
        this.bgpAddress = bgpAddress;
        this.neighbor = neighbor;
    }

    /**
     * Starts {@code gobgpd} and waits until its API answers.
     *
     * @param neighbor the blaster's source address
     * @throws IOException when it cannot be started or does not answer in time
     */
    public static GobgpUnderTest start(final Path dir, final String neighbor) throws IOException, InterruptedException
    {
        final int bgpPort = freePort();
        final int apiPort = freePort();
        final Path config = dir.resolve("gobgpd.toml");
        Files.writeString(config, String.join("\n",
            "[global.config]",
            "  as = " + BlastVrf.AS,
            "  router-id = \"198.18.0.10\"",
            "  port = " + bgpPort,
            "  local-address-list = [\"127.0.0.1\"]",
            "[[neighbors]]",
            "  [neighbors.config]",
            "    neighbor-address = \"" + neighbor + "\"",
            "    peer-as = " + BlastVrf.AS,
            "  [neighbors.transport.config]",
            "    passive-mode = true",
            "  [neighbors.timers.config]",
            "    hold-time = 90",
            "  [[neighbors.afi-safis]]",
            "    [neighbors.afi-safis.config]",
            "      afi-safi-name = \"l3vpn-ipv6-unicast\"",
            ""));
        final Process process = new ProcessBuilder("gobgpd", "-f", config.toString(), "-t", "toml", "-p",
            "--pprof-disable", "--api-hosts", "127.0.0.1:" + apiPort)
            .redirectErrorStream(true).redirectOutput(dir.resolve("gobgpd.log").toFile()).start();
        final GobgpUnderTest g = new GobgpUnderTest(process, apiPort,
            new InetSocketAddress(InetAddress.getByName("127.0.0.1"), bgpPort), neighbor);
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
        while (g.cli("global").exit != 0)
        {
            if (!process.isAlive() || System.nanoTime() > deadline)
            {
                g.close();
                throw new IOException("gobgpd did not start: " + Files.readString(dir.resolve("gobgpd.log")));
            }
            Thread.sleep(100);
        }
        return g;
    }

    /** Where gobgpd listens for BGP. */
    public InetSocketAddress bgpAddress()
    {
        return bgpAddress;
    }

    /**
     * VPNv6 routes gobgpd has accepted from the blaster, from {@code gobgp neighbor ADDR -j}; -1 when the CLI
     * did not answer.
     */
    public long acceptedRoutes() throws IOException, InterruptedException
    {
        final Cli r = cli("neighbor", neighbor, "-j");
        if (r.exit != 0)
        {
            return -1;
        }
        final JsonNode root = MAPPER.readTree(r.out);
        long accepted = 0;
        for (final JsonNode afiSafi : root.path("afi_safis"))
        {
            accepted += afiSafi.path("state").path("accepted").asLong(0);
        }
        return accepted;
    }

    /** The peak resident set of the gobgpd process ({@code VmHWM}), in octets, or -1. */
    public long peakRssBytes()
    {
        return ProcessMemory.statusBytes(Path.of("/proc", String.valueOf(process.pid()), "status"), "VmHWM");
    }

    /** Stops gobgpd: SIGTERM to its process, SIGKILL after 5 s. */
    @Override
    public void close()
    {
        if (process.isAlive())
        {
            process.destroy();
            try
            {
                if (!process.waitFor(5, TimeUnit.SECONDS))
                {
                    process.destroyForcibly();
                    process.waitFor(5, TimeUnit.SECONDS);
                }
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    private Cli cli(final String... args) throws IOException, InterruptedException
    {
        final List<String> cmd = new ArrayList<>(List.of("gobgp", "-p", String.valueOf(apiPort), "-u", "127.0.0.1"));
        cmd.addAll(List.of(args));
        final Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        final byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(20, TimeUnit.SECONDS))
        {
            p.destroyForcibly();
            return new Cli(-1, "");
        }
        return new Cli(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1")))
        {
            return s.getLocalPort();
        }
    }

    private record Cli(int exit, String out)
    {
    }
}
