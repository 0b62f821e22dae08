package net.srv6epe.perf.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DropCountersTest
{
    @Test
    void theWindowIsTheDifferenceAndRunsAddUp()
    {
        final DropCounters before = new DropCounters(10, 20, 30, 40, 50);
        final DropCounters after = new DropCounters(15, 120, 31, 40, 57);

        final DropCounters window = after.minus(before);
        assertEquals(new DropCounters(5, 100, 1, 0, 7), window);
        assertEquals(new DropCounters(10, 200, 2, 0, 14), window.plus(window));
        assertEquals("in-backlog 5, dut-ring 100, dut-pipeline 1, dut-tx 0, out-backlog 7", window.describe());
        assertEquals("{\"in_backlog\":5,\"dut_ring\":100,\"dut_pipeline\":1,\"dut_tx\":0,\"out_backlog\":7}",
            window.json());
    }
}
