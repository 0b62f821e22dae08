package net.srv6epe.perf.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SuiteRateSearchTest
{
    /** A DUT that forwards up to {@code capacity} pps and drops the excess. */
    private static RateSearch.Trial dut(final long capacity)
    {
        return rate -> rate <= capacity ? 0.0 : (rate - capacity) / (double)rate;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 12_345, 399_999, 400_000, 654_321, 999_999})
    void findsTheCapacityWithinTheResolution(final long capacity)
    {
        final RateSearch.Outcome o = search(dut(capacity), 1_000_000, 0.0, 0.01, 20);
        assertTrue(o.bestPps() <= capacity, o.toString());
        assertTrue(capacity - o.bestPps() <= 10_000, o.toString());
    }

    @Test
    void aDutThatKeepsUpNeedsOneTrial()
    {
        final RateSearch.Outcome o = search(dut(2_000_000), 1_000_000, 0.0, 0.01, 20);
        assertEquals(1_000_000, o.bestPps());
        assertEquals(List.of(new RateSearch.Step(1_000_000, 0.0, true)), o.steps());
    }

    @Test
    void lossWithinTheAllowanceStillPasses()
    {
        // 0.05 % loss at every rate passes a 0.1 % allowance
        final RateSearch.Outcome o = search(rate -> 0.0005, 500_000, 0.001, 0.01, 20);
        assertEquals(500_000, o.bestPps());
    }

    @Test
    void nothingPassingGivesZero()
    {
        final RateSearch.Outcome o = search(rate -> 0.5, 500_000, 0.001, 0.01, 6);
        assertEquals(0, o.bestPps());
        assertEquals(6, o.steps().size());
        assertFalse(o.steps().stream().anyMatch(RateSearch.Step::pass));
    }

    @Test
    void stopsAtTheTrialLimitWithTheBestPassSoFar()
    {
        final RateSearch.Outcome o = search(dut(300_000), 1_000_000, 0.0, 0.0001, 3);
        // 1 M fails, 500 k fails, 250 k passes
        assertEquals(3, o.steps().size());
        assertEquals(250_000, o.bestPps());
    }

    @Test
    void halvesTheIntervalBetweenLastPassAndFirstFail()
    {
        final RateSearch.Outcome o = search(dut(300_000), 1_000_000, 0.0, 0.0001, 5);
        assertEquals(List.of(1_000_000L, 500_000L, 250_000L, 375_000L, 312_500L),
            o.steps().stream().map(RateSearch.Step::ratePps).toList());
    }

    @Test
    void refusesNonsense()
    {
        assertThrows(IllegalArgumentException.class, () -> RateSearch.search(dut(1), 0, 0, 0.01, 5));
        assertThrows(IllegalArgumentException.class, () -> RateSearch.search(dut(1), 10, 0, 0.01, 0));
    }

    private static RateSearch.Outcome search(final RateSearch.Trial t, final long max, final double loss,
        final double resolution, final int trials)
    {
        try
        {
            return RateSearch.search(t, max, loss, resolution, trials);
        }
        catch (final Exception ex)
        {
            throw new AssertionError(ex);
        }
    }
}
