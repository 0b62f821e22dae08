package net.srv6epe.perf.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import net.srv6epe.dataplane.app.ForwardingCompiler;
import net.srv6epe.dataplane.config.ConfigLoader;
import net.srv6epe.dataplane.config.RouterConfig;
import net.srv6epe.dataplane.port.afpacket.RxRingKind;
import net.srv6epe.dataplane.worker.WorkerIdle;
import net.srv6epe.srv6.Ipv6Address;
import net.srv6epe.vrf.ForwardingState;
import net.srv6epe.vrf.route.RouteAction;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteBigTableTest
{
    @TempDir
    Path dir;

    @Test
    void everyScenarioGivesOurRouterAValidConfiguration() throws Exception
    {
        for (final Scenario s : Scenario.values())
        {
            final String yaml = JavaDut.config(s, dir, 1, List.of(0), "blocks", "spin", "af-packet")
                .replace(BigTable.ROUTES_FILE, "unused.routes");
            final RouterConfig config = ConfigLoader.parse(yaml);
            assertEquals(List.of(0), config.router().workerCpus(), s.cliName);
            assertEquals(WorkerIdle.SPIN, config.router().workerIdle(), s.cliName);
            assertEquals(RxRingKind.BLOCKS, config.ports().get(0).rxRing(), s.cliName);
            assertEquals(RxRingKind.BLOCKS, config.ports().get(1).rxRing(), s.cliName);
        }
    }

    @Test
    void theFlowsOfPbr1mSpreadOverTheMillionRoutesOurRouterLoads() throws Exception
    {
        final Path routes = BigTable.writeRoutesFile(dir);
        assertEquals(BigTable.ROUTES, Files.lines(routes).count());
        final Path config = dir.resolve("router.yaml");
        Files.writeString(config, JavaDut.config(Scenario.PBR_1M, dir, 2, List.of(), "frames", "backoff", "af-packet")
            .replace(BigTable.ROUTES_FILE, routes.toString()));
        final RouterConfig loaded = ConfigLoader.load(config);
        assertEquals(2, loaded.router().workers());
        assertEquals(RxRingKind.FRAMES, loaded.ports().get(0).rxRing());
        final ForwardingState state = ForwardingCompiler.compile(loaded);
        final UnsafeBuffer[] frames = FrameBuilder.templates(Scenario.PBR_1M, 64, 256, 1, 2);
        final Set<String> destinations = new HashSet<>();
        final RouteAction viaSink = RouteAction.via(Ipv6Address.parseHi(Addressing.SINK6),
            Ipv6Address.parseLo(Addressing.SINK6), "out");
        for (final UnsafeBuffer f : frames)
        {
            final long hi = f.getLong(14 + 24, java.nio.ByteOrder.BIG_ENDIAN);
            final long lo = f.getLong(14 + 32, java.nio.ByteOrder.BIG_ENDIAN);
            destinations.add(Ipv6Address.format(hi, lo));
            assertEquals(viaSink, state.vrf("big").route6(hi, lo), Ipv6Address.format(hi, lo));
            assertEquals(null, state.vrf("default").route6(hi, lo), "only the PBR rule's VRF routes them");
        }
        assertEquals(256, destinations.size(), "one destination per flow");
        assertTrue(destinations.contains("fd00:1000:f:32be::1"), "the last flow reaches the end of the table: " +
            destinations);
        final Path batch = BigTable.writeKernelBatch(dir);
        assertEquals("route add fd00:1000:0:0::/64 via " + Addressing.SINK6 + " dev " + Addressing.OUT_IF +
            " table 200", Files.lines(batch).findFirst().orElseThrow());
    }
}
