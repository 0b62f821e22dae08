package net.srv6epe.dataplane.metrics;

import net.srv6epe.dataplane.bond.Bond;
import net.srv6epe.dataplane.bond.BondAgent;
import net.srv6epe.dataplane.bond.BondFeedbackQueue;
import net.srv6epe.dataplane.bond.BondReceiver;
import net.srv6epe.dataplane.bond.BondTable;
import net.srv6epe.dataplane.bond.BondTailEnd;
import net.srv6epe.dataplane.bond.BondView;
import net.srv6epe.srv6.bond.BondEstimator;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import net.srv6epe.dataplane.bgp.BgpSnapshot;
import net.srv6epe.dataplane.flowstats.FlowTable;
import net.srv6epe.dataplane.journal.JournalPruner;
import net.srv6epe.dataplane.journal.JournalingPublisher;
import net.srv6epe.dataplane.neighbor.NeighborCounters;
import net.srv6epe.dataplane.neighbor.NeighborTable;
import net.srv6epe.dataplane.pipeline.PipelineCounters;
import net.srv6epe.dataplane.port.Port;
import net.srv6epe.dataplane.worker.WorkerCounter;
import net.srv6epe.dataplane.worker.WorkerCounters;
import net.srv6epe.dataplane.worker.WorkerStats;
import net.srv6epe.vrf.ForwardingStatePublisher;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every family a router exposes is listed in the operator guide's Metrics section. */
class MetricsDocumentationTest
{
    private static final Path OPERATIONS = Path.of("..", "docs", "OPERATIONS.md");
    private static final String NEIGHBOR = "srv6epe_neighbor_";

    @Test
    void theOperatorGuideListsEveryFamily() throws Exception
    {
        final String text = RouterMetrics.registry("test", List.of(), reason -> 0, new PipelineCounters(),
            new ForwardingStatePublisher(), new NeighborCounters(), new NeighborTable()).scrape();
        final String guide = Files.readString(OPERATIONS);
        final String section = guide.substring(guide.indexOf("## Metrics"), guide.indexOf("## Drop reasons"));

        final List<String> missing = new ArrayList<>();
        int families = 0;
        for (final String line : text.split("\n"))
        {
            if (!line.startsWith("# TYPE "))
            {
                continue;
            }
            families++;
            final String name = line.split(" ")[2];
            final boolean neighborCounter = name.startsWith(NEIGHBOR) && name.endsWith("_total");
            final String listed = neighborCounter ?
                name.substring(NEIGHBOR.length(), name.length() - "_total".length()) : name;
            if (!section.contains("`" + listed + "`"))
            {
                missing.add(name);
            }
        }
        assertEquals(List.of(), missing, "families missing from the Metrics section of " + OPERATIONS);
        assertEquals(15 + 1 + 18 + 2 + 21 + 1 + 2 + 1, families, "build, ports, drops, pipeline, sids, neighbor " +
            "counters, neighbor states, FIB and generation: a new family needs a row in the guide");
    }

    @Test
    void theOperatorGuideListsTheBgpFlowJournalAndWorkerFamilies() throws Exception
    {
        final BgpSnapshot bgp = new BgpSnapshot(65000, "198.18.0.1", List.of(new BgpSnapshot.Neighbor("fd00:a1::2",
            179, 65010, "egress-peer", "Established", 1_000, 3, 3, 1, 0, 1, 1, 0, 0, 90, List.of("ipv6-unicast"),
            "198.18.0.2", "")), List.of(),
            List.of(), BgpSnapshot.RibEvents.NONE, 0);
        final String text = new MetricsRegistry()
            .register(new BgpMetrics(() -> bgp))
            .register(new FlowMetrics(new FlowTable[] {new FlowTable(64)}))
            .register(new JournalMetrics(new JournalingPublisher(new ForwardingStatePublisher(), null,
                SystemEpochNanoClock.INSTANCE, SystemNanoClock.INSTANCE)))
            .register(new JournalPrunerMetrics(new JournalPruner(Path.of("/nonexistent"), 1,
                SystemEpochClock.INSTANCE)))
            .register(new WorkerMetrics(List.of(new WorkerStats(0, new WorkerCounters(), new Port[0]))))
            .scrape();
        assertEquals(18 + 3 + 2 + 1 + WorkerCounter.count() + 1, listedFamilies(text),
            "BGP, flows, journal, pruner, workers: a new family needs a row in the guide");
    }

    @Test
    void theOperatorGuideListsTheBondFamilies() throws Exception
    {
        final BondTable table = new BondTable(List.of(new Bond("down", 1, 1, 2, "default", List.of("a", "b"),
            List.of(List.of("fc00:a::1", "fc00:6::b1"), List.of("fc00:b::1", "fc00:6::b1")), new long[2],
            BondEstimator.Settings.defaults(), 1)));
        final BondReceiver receiver = new BondReceiver(List.of(new BondTailEnd(1, 2, 16, 2_000_000, 100_000_000,
            20_000_000, List.of())));
        receiver.stream(0, 1, 0, 3, 4, 0, 0, 0);
        final String text = new MetricsRegistry()
            .register(new BondMetrics(new BondView(new BondAgent(table, new BondFeedbackQueue(),
                SystemNanoClock.INSTANCE), List.of(receiver))))
            .scrape();
        assertEquals(7 + 1 + 6, listedFamilies(text),
            "bond members, feedback, tail: a new family needs a row in the guide");
        assertTrue(text.contains("srv6epe_bond_member_up{bond=\"down\",stream=\"0\",member=\"b\"} 1"), text);
        assertTrue(text.contains("srv6epe_bond_tail_occupancy{sid=\"::1:0:0:0:2\",bond_id=\"1\",stream=\"0\"," +
            "worker=\"0\"} 0"), text);
    }

    /** Asserts that the Metrics section of the guide names every family of a scrape; returns how many there are. */
    private static int listedFamilies(final String text) throws Exception
    {
        final String guide = Files.readString(OPERATIONS);
        final String section = guide.substring(guide.indexOf("## Metrics"), guide.indexOf("## Drop reasons"));
        final List<String> missing = new ArrayList<>();
        int families = 0;
        for (final String line : text.split("\n"))
        {
            if (line.startsWith("# TYPE "))
            {
                families++;
                final String name = line.split(" ")[2];
                if (!section.contains("`" + name + "`"))
                {
                    missing.add(name);
                }
            }
        }
        assertEquals(List.of(), missing, "families missing from the Metrics section of " + OPERATIONS);
        return families;
    }
}
