package net.srv6epe.perf.bgp;

import net.srv6epe.dataplane.app.RouterMain;
import net.srv6epe.dataplane.config.ConfigException;
import net.srv6epe.dataplane.config.ConfigLoader;
import net.srv6epe.dataplane.config.RouterConfig;
import net.srv6epe.vrf.ForwardingState;
import net.srv6epe.vrf.Vrf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The real router as a content server, in this JVM, started by {@link RouterMain#start} from a YAML
 * configuration like an operator's: one passive iBGP VPNv6 neighbor (the blaster), import VRFs by route target
 * with H.Encaps, the BGP speaker listening on an ephemeral loopback port, the route-event journal in the run's
 * directory, one port writing to a pcap file (no traffic flows; the measured path is BGP -> RIB -> role ->
 * forwarding-state writer -> journal -> published FIB).
 */
public final class RouterUnderTest implements AutoCloseable
{
    /** The router's data-plane address, the source of its encapsulated packets. */
    public static final String ENCAP_SOURCE = "fd00:20::2";

    private final RouterMain.Running running;
    private final Path dir;
    private final List<String> vrfNames;
    private final InetSocketAddress bgpAddress;

    private RouterUnderTest(final RouterMain.Running running, final Path dir, final List<String> vrfNames)
    {
        this.running = running;
        this.dir = dir;
        this.vrfNames = vrfNames;
        this.bgpAddress = running.bgp().boundAddresses().get(0);
    }

    /**
     * Writes the configuration into {@code dir} and starts the router.
     *
     * @param neighbor the blaster's source address (the router accepts only configured neighbors)
     * @param oneVrf   true: one VRF {@code epe} imports every peer VRF's route target; false: VRF
     *                 {@code epe-i} imports peer VRF {@code i}'s
     * @throws IOException when the router does not start (its error output in the message)
     */
    public static RouterUnderTest start(final Path dir, final List<BlastVrf> vrfs, final boolean oneVrf,
        final String neighbor) throws IOException
    {
        final List<String> names = new ArrayList<>();
        final StringBuilder yaml = new StringBuilder();
        yaml.append("router: { name: bgp-bench, control-socket: \"").append(dir.resolve("router.sock"))
            .append("\", encap-source: \"").append(ENCAP_SOURCE).append("\",\n")
            .append("          journal-dir: \"").append(dir.resolve("journal"))
            .append("\", metrics: { listen: off } }\n")
            .append("ports:\n")
            .append("  - { name: core, backend: pcap-file, write: \"").append(dir.resolve("core-out.pcap"))
            .append("\", mac: \"02:00:00:00:00:02\", addresses: [\"fd00:20::2/64\"] }\n")
            .append("vrfs:\n");
        if (oneVrf)
        {
            names.add("epe");
        }
        else
        {
            for (final BlastVrf v : vrfs)
            {
                names.add("epe-" + v.index());
            }
        }
        for (int i = 0; i < names.size(); i++)
        {
            yaml.append("  - { name: ").append(names.get(i)).append(", table: ").append(100 + i).append(" }\n");
        }
        yaml.append("bgp:\n")
            .append("  asn: ").append(BlastVrf.AS).append('\n')
            .append("  router-id: 198.18.0.2\n")
            .append("  listen: [\"127.0.0.1:0\"]\n")
            .append("  neighbors:\n")
            .append("    - { address: ").append(neighbor).append(", remote-as: ").append(BlastVrf.AS)
            .append(", role: ibgp, families: [vpnv6], passive: true, hold-time: 90 }\n")
            .append("  content-server:\n")
            .append("    import-vrfs:\n");
        if (oneVrf)
        {
            final List<String> rts = new ArrayList<>();
            for (final BlastVrf v : vrfs)
            {
                rts.add('"' + v.routeTargetText() + '"');
            }
            yaml.append("      - { vrf: epe, route-targets: ").append(rts).append(", mode: H.Encaps }\n");
        }
        else
        {
            for (final BlastVrf v : vrfs)
            {
                yaml.append("      - { vrf: epe-").append(v.index()).append(", route-targets: [\"")
                    .append(v.routeTargetText()).append("\"], mode: H.Encaps }\n");
            }
        }
        final Path file = dir.resolve("router.yaml");
        Files.writeString(file, yaml);
        final RouterConfig config;
        try
        {
            config = ConfigLoader.load(file);
        }
        catch (final ConfigException ex)
        {
            throw new IOException("the benchmark's router configuration is invalid: " + ex.getMessage(), ex);
        }
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final RouterMain.Running running = RouterMain.start(config,
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        if (running == null)
        {
            throw new IOException("the router did not start: " + err.toString(StandardCharsets.UTF_8).trim());
        }
        return new RouterUnderTest(running, dir, List.copyOf(names));
    }

    /** Where the BGP speaker listens. */
    public InetSocketAddress bgpAddress()
    {
        return bgpAddress;
    }

    /** The import VRFs' names. */
    public List<String> vrfNames()
    {
        return vrfNames;
    }

    /** The name of the VRF a peer VRF's routes are imported into. */
    public String vrfOf(final BlastVrf v)
    {
        return vrfNames.size() == 1 ? vrfNames.get(0) : vrfNames.get(v.index());
    }

    /** The published forwarding state (what the workers forward with). */
    public ForwardingState state()
    {
        return running.journaling().publisher().current();
    }

    /** IPv6 routes in the import VRFs of the published forwarding state. */
    public int routeCount()
    {
        final ForwardingState s = state();
        int count = 0;
        for (final String name : vrfNames)
        {
            final Vrf v = s.vrf(name);
            count += v == null ? 0 : v.ipv6Fib().size();
        }
        return count;
    }

    /** The route-event journal's directory. */
    public Path journalDir()
    {
        return dir.resolve("journal");
    }

    /** Stops the router (the BGP session is closed with a Cease). */
    @Override
    public void close()
    {
        running.close();
    }
}
