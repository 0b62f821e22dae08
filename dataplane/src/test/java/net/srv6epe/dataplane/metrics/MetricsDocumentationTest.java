package net.srv6epe.dataplane.metrics;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import net.srv6epe.dataplane.neighbor.NeighborCounters;
import net.srv6epe.dataplane.neighbor.NeighborTable;
import net.srv6epe.dataplane.pipeline.PipelineCounters;
import net.srv6epe.vrf.ForwardingStatePublisher;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        assertEquals(7 + 1 + 9 + 2 + 21 + 1 + 2 + 1, families, "build, ports, drops, pipeline, sids, neighbor " +
            "counters, neighbor states, FIB and generation: a new family needs a row in the guide");
    }
}
