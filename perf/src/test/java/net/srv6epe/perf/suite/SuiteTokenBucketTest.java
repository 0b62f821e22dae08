package net.srv6epe.perf.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuiteTokenBucketTest
{
    @Test
    void flatOutGrantsEverything()
    {
        final TokenBucket b = new TokenBucket(0, 64, 0);
        assertEquals(64, b.take(0, 64));
        assertEquals(64, b.take(0, 64));
    }

    @Test
    void startsEmptyAndFillsAtTheRate()
    {
        final TokenBucket b = new TokenBucket(1000, 64, 0);
        assertEquals(0, b.take(0, 64));
        assertEquals(0, b.take(999_999, 64));
        assertEquals(1, b.take(1_000_000, 64));
        assertEquals(0, b.take(1_000_001, 64));
        assertEquals(10, b.take(11_000_000, 64));
    }

    @Test
    void capsAtTheBurstAfterAnIdleSpell()
    {
        final TokenBucket b = new TokenBucket(1_000_000, 32, 0);
        assertEquals(32, b.take(3_600_000_000_000L, 1000));
        assertEquals(0, b.take(3_600_000_000_000L, 1000));
    }

    @Test
    void grantsNoMoreThanWantedAndKeepsTheRest()
    {
        final TokenBucket b = new TokenBucket(1_000_000, 64, 0);
        assertEquals(10, b.take(50_000, 10));  // 50 tokens, 10 taken
        assertEquals(40, b.take(50_000, 64));
    }

    /** Over a long seeded run of uneven polls (each within the burst) the grants add up to the rate. */
    @ParameterizedTest
    @CsvSource({"1, 100", "7, 10000", "13, 450000", "42, 2000000"})
    void longRunTotalMatchesTheRate(final long seed, final long ratePps)
    {
        final java.util.Random random = new java.util.Random(seed);
        final TokenBucket b = new TokenBucket(ratePps, 64, 0);
        long now = 0;
        long granted = 0;
        final long end = 2_000_000_000L;
        while (now < end)
        {
            now = Math.min(end, now + 1 + random.nextInt(20_000)); // <= 20 µs: at most 40 tokens at 2 Mpps
            granted += b.take(now, 64);
        }
        final long expected = ratePps * 2;
        assertTrue(granted <= expected && granted >= expected - 1, granted + " vs " + expected);
    }

    @Test
    void refusesANegativeRate()
    {
        assertThrows(IllegalArgumentException.class, () -> new TokenBucket(-1, 64, 0));
    }
}
