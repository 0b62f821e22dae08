package net.srv6epe.perf.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Where {@code perf search} puts the top of its bisection after the flat-out run. */
class SuiteSearchBoundTest
{
    @Test
    void aGeneratorFarAboveTheDutIsCappedAtAQuarterAboveWhatTheDutForwarded()
    {
        // the xdp generator: 5 M frames a second offered, 400 k forwarded
        assertEquals(500_000, SearchCommand.upperBound(flat(20_000_000, 1_600_000)));
    }

    @Test
    void aGeneratorTheDutKeepsUpWithIsTheBound()
    {
        // a packet socket pushed back by the veth: offered about what was forwarded
        assertEquals(450_000, SearchCommand.upperBound(flat(1_800_000, 1_780_000)));
    }

    private static RunResult flat(final long sent, final long received)
    {
        return new RunResult(Dut.JAVA, "h-encaps", 78, 0, sent, 4.0, received, 0, 0, 0, 0, 0, DropCounters.NONE);
    }
}
