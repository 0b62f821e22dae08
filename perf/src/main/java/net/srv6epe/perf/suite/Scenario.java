package net.srv6epe.perf.suite;

import static net.srv6epe.perf.suite.Addressing.DST4_PREFIX;
import static net.srv6epe.perf.suite.Addressing.DST6_PREFIX;
import static net.srv6epe.perf.suite.Addressing.GEN6;
import static net.srv6epe.perf.suite.Addressing.LOCATOR;
import static net.srv6epe.perf.suite.Addressing.OUT_IF;
import static net.srv6epe.perf.suite.Addressing.IN_IF;
import static net.srv6epe.perf.suite.Addressing.REMOTE_SIDS;
import static net.srv6epe.perf.suite.Addressing.REMOTE_SID_1;
import static net.srv6epe.perf.suite.Addressing.REMOTE_SID_2;
import static net.srv6epe.perf.suite.Addressing.SID_DT46;
import static net.srv6epe.perf.suite.Addressing.SID_DT6;
import static net.srv6epe.perf.suite.Addressing.SID_END;
import static net.srv6epe.perf.suite.Addressing.SID_ENDX;
import static net.srv6epe.perf.suite.Addressing.SINK4;
import static net.srv6epe.perf.suite.Addressing.SINK6;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The scenarios of the perf suite, one row each: what the generator sends (inner family, and for SRv6-input
 * scenarios the SIDs in travel order it puts in front), the routing of our router (a YAML fragment: VRFs, locators,
 * SIDs) and the equivalent iproute2 commands for the kernel DUT (run in the DUT namespace), or why the kernel cannot
 * do it here. The sink always receives the inner packet, plain or encapsulated, with the trailer at its end.
 */
enum Scenario
{
    IPV6_FORWARD("ipv6-forward", false, List.of(),
        vrfDefault("{ prefix: \"" + DST6_PREFIX + "\", via: \"" + SINK6 + "\", port: out }"),
        commands("ip -6 route add " + DST6_PREFIX + " via " + SINK6 + " dev " + OUT_IF), null),

    H_ENCAPS("h-encaps", false, List.of(),
        vrfDefault(encap(DST6_PREFIX, "H.Encaps"), remoteSids()),
        commands("ip -6 route add " + DST6_PREFIX + " encap seg6 mode encap segs " + REMOTE_SID_1 + "," +
            REMOTE_SID_2 + " dev " + OUT_IF, remoteSidsRoute()), null),

    H_ENCAPS_V4("h-encaps-v4", true, List.of(),
        vrfDefault(encap(DST4_PREFIX, "H.Encaps"), remoteSids()),
        commands("ip route add " + DST4_PREFIX + " encap seg6 mode encap segs " + REMOTE_SID_1 + "," +
            REMOTE_SID_2 + " dev " + OUT_IF, remoteSidsRoute()), null),

    H_ENCAPS_RED("h-encaps-red", false, List.of(),
        vrfDefault(encap(DST6_PREFIX, "H.Encaps.Red"), remoteSids()),
        commands("ip -6 route add " + DST6_PREFIX + " encap seg6 mode encap.red segs " + REMOTE_SID_1 + "," +
            REMOTE_SID_2 + " dev " + OUT_IF, remoteSidsRoute()), null),

    END("end", false, List.of(SID_END, REMOTE_SID_1),
        vrfDefault(remoteSids()) + locator() + "sids: [ { sid: \"" + SID_END + "\", behavior: End } ]\n",
        commands("ip -6 route add " + SID_END + " encap seg6local action End dev " + IN_IF, remoteSidsRoute()), null),

    END_X("end-x", false, List.of(SID_ENDX, REMOTE_SID_1),
        vrfDefault() + locator() + "sids: [ { sid: \"" + SID_ENDX + "\", behavior: End.X, via: \"" + SINK6 +
            "\", port: out } ]\n",
        commands("ip -6 route add " + SID_ENDX + " encap seg6local action End.X nh6 " + SINK6 + " dev " + OUT_IF),
        null),

    END_DT6("end-dt6", false, List.of(SID_DT6),
        vrfDefault() + "  - name: blue\n    table: 101\n    routes: [ { prefix: \"" + DST6_PREFIX + "\", via: \"" +
            SINK6 + "\", port: out } ]\n" + locator() + "sids: [ { sid: \"" + SID_DT6 +
            "\", behavior: End.DT6, vrf: blue } ]\n",
        commands("ip -6 route add " + SID_DT6 + " encap seg6local action End.DT6 table 100 dev " + IN_IF,
            "ip -6 route add " + DST6_PREFIX + " via " + SINK6 + " dev " + OUT_IF + " table 100"), null),

    END_DT46("end-dt46", true, List.of(SID_DT46),
        vrfDefault() + "  - name: green\n    table: 102\n    routes: [ { prefix: \"" + DST4_PREFIX + "\", via: \"" +
            SINK4 + "\", port: out } ]\n" + locator() + "sids: [ { sid: \"" + SID_DT46 +
            "\", behavior: End.DT46, vrf: green } ]\n",
        List.of(), "End.DT46 needs a VRF device (vrftable), and this kernel has no VRF device type"),

    /**
     * The content server's case at scale: a PBR rule (from the generator's source) selects a VRF holding a million
     * routes (BigTable), the flows' destinations spread over it, forwarded to the sink. Our router reads the routes
     * from a {@code routes-file}, the kernel from {@code ip -batch}; both files are written per run.
     */
    PBR_1M("pbr-1m", false, List.of(),
        vrfDefault() + "  - name: big\n    table: " + BigTable.TABLE + "\n    routes-file: \"" + BigTable.ROUTES_FILE +
            "\"\npbr: [ { priority: 10, from: \"" + GEN6 + "/128\", vrf: big } ]\n",
        commands("ip -6 rule add from " + GEN6 + "/128 table " + BigTable.TABLE + " pref 100",
            "ip -6 -batch " + BigTable.KERNEL_BATCH), null);


    final String cliName;
    /** The inner packet is IPv4 (else IPv6). */
    final boolean innerIpv4;
    /** SIDs the generator puts in front of the inner packet, in travel order; empty: no SRv6 on input. */
    final List<String> travel;
    /** Our router's VRFs, locators and SIDs (YAML, top level keys from {@code vrfs:} on). */
    final String routerYaml;
    /** iproute2 commands for the kernel DUT beyond addresses, neighbors and sysctls. */
    final List<List<String>> kernelCommands;
    /** Why the kernel cannot be the DUT here, or null. */
    final String kernelUnsupported;

    Scenario(final String cliName, final boolean innerIpv4, final List<String> travel, final String routerYaml,
        final List<List<String>> kernelCommands, final String kernelUnsupported)
    {
        this.cliName = cliName;
        this.innerIpv4 = innerIpv4;
        this.travel = travel;
        this.routerYaml = routerYaml;
        this.kernelCommands = kernelCommands;
        this.kernelUnsupported = kernelUnsupported;
    }

    /** Whether the scenario routes into the million-route table (files written per run, flows spread over it). */
    boolean bigTable()
    {
        return this == PBR_1M;
    }

    /** The scenario called {@code name} on the command line. */
    static Scenario byName(final String name)
    {
        for (final Scenario s : values())
        {
            if (s.cliName.equals(name))
            {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown scenario " + name + "; known: " + names());
    }

    /** Every scenario's command-line name, comma separated. */
    static String names()
    {
        return Arrays.stream(values()).map(s -> s.cliName).collect(Collectors.joining(", "));
    }

    private static String vrfDefault(final String... routes)
    {
        return "vrfs:\n  - name: default\n    table: 254\n    routes: [ " + String.join(", ", routes) + " ]\n";
    }

    private static String encap(final String prefix, final String mode)
    {
        return "{ prefix: \"" + prefix + "\", encap: { mode: " + mode + ", segments: [\"" + REMOTE_SID_1 + "\", \"" +
            REMOTE_SID_2 + "\"] } }";
    }

    private static String remoteSids()
    {
        return "{ prefix: \"" + REMOTE_SIDS + "\", via: \"" + SINK6 + "\", port: out }";
    }

    private static String remoteSidsRoute()
    {
        return "ip -6 route add " + REMOTE_SIDS + " via " + SINK6 + " dev " + OUT_IF;
    }

    private static String locator()
    {
        return "locators: [ { name: main, prefix: \"" + LOCATOR + "\" } ]\n";
    }

    private static List<List<String>> commands(final String... lines)
    {
        return Arrays.stream(lines).map(l -> List.of(l.split(" "))).toList();
    }
}
