package net.srv6epe.perf.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

class SuiteScenarioResultTest
{
    private static RunResult run(final Dut dut, final long sent, final long received, final long p99Ns)
    {
        return new RunResult(dut, "h-encaps", 78, 0, sent, 1.0, received, 0, p99Ns / 2, p99Ns, p99Ns, 0,
            new DropCounters(sent - received, 0, 0, 0, 0));
    }

    @Test
    void mediansRatioAndLossOverInterleavedRuns() throws Exception
    {
        final ScenarioResult r = new ScenarioResult("h-encaps", 78,
            List.of(run(Dut.JAVA, 500_000, 400_000, 80_000), run(Dut.JAVA, 500_000, 500_000, 20_000),
                run(Dut.JAVA, 500_000, 450_000, 40_000)),
            List.of(run(Dut.KERNEL, 500_000, 300_000, 30_000), run(Dut.KERNEL, 500_000, 200_000, 10_000)),
            null, 0, List.of(), List.of());
        assertEquals(450_000, r.javaPps());
        assertEquals(250_000, r.kernelPps());
        assertEquals(1.8, r.ratio(), 1e-9);
        assertEquals(0.1, r.javaLoss(), 1e-9);
        assertEquals(40.0, r.javaP99Us(), 1e-9);
        final JsonNode json = new ObjectMapper().readTree(r.json());
        for (final String f : List.of("scenario", "frame_size", "java_pps", "kernel_pps", "ratio", "loss", "p50_us",
            "p99_us"))
        {
            assertTrue(json.hasNonNull(f), f);
        }
        assertEquals(1.8, json.get("ratio").asDouble(), 1e-9);
        // where the frames died: summed over the throughput runs of each DUT
        assertEquals(150_000, json.get("java_drops").get("in_backlog").asLong());
        assertEquals(500_000, json.get("kernel_drops").get("in_backlog").asLong());
        assertTrue(Report.table(List.of(r)).contains("| h-encaps | 78 | java | 150000 | 0 | 0 | 0 | 0 |"),
            Report.table(List.of(r)));
    }

    @Test
    void latencyComesFromTheLatencyRunsWhenThereAreAny()
    {
        final ScenarioResult r = new ScenarioResult("h-encaps", 78, List.of(run(Dut.JAVA, 10, 10, 900_000)),
            List.of(run(Dut.KERNEL, 10, 10, 800_000)), null, 5_000, List.of(run(Dut.JAVA, 10, 10, 30_000)),
            List.of(run(Dut.KERNEL, 10, 10, 20_000)));
        assertEquals(30.0, r.javaP99Us(), 1e-9);
        assertEquals(20.0, r.kernelP99Us(), 1e-9);
    }

    @Test
    void kernelNotApplicableIsNullInJson() throws Exception
    {
        final ScenarioResult r = new ScenarioResult("end-dt46", 64, List.of(run(Dut.JAVA, 10, 9, 1000)), List.of(),
            "no VRF devices", 0, List.of(), List.of());
        final JsonNode json = new ObjectMapper().readTree(r.json());
        assertTrue(json.get("kernel_pps").isNull());
        assertTrue(json.get("ratio").isNull());
        assertEquals("no VRF devices", json.get("kernel_na").asText());
        assertTrue(Report.table(List.of(r)).contains("| end-dt46 | 64 | 0 | n/a | n/a |"), Report.table(List.of(r)));
    }
}
