package net.srv6epe.srv6.behavior;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IcmpRateLimiterTest
{
    private long nowNs = 1_000_000L;

    @Test
    void allowsABurstThenTheSustainedRate()
    {
        final IcmpRateLimiter limiter = new IcmpRateLimiter(() -> nowNs, 10, 3, true);
        assertTrue(limiter.tryAcquire());
        assertTrue(limiter.tryAcquire());
        assertTrue(limiter.tryAcquire());
        assertFalse(limiter.tryAcquire());
        assertEquals(1, limiter.suppressed());

        nowNs += 50_000_000L; // half a token
        assertFalse(limiter.tryAcquire());
        nowNs += 50_000_000L; // one token
        assertTrue(limiter.tryAcquire());
        assertFalse(limiter.tryAcquire());
        assertEquals(3, limiter.suppressed());
    }

    @Test
    void refillsNoFurtherThanTheBurstAfterALongPause()
    {
        final IcmpRateLimiter limiter = new IcmpRateLimiter(() -> nowNs, 1000, 2, true);
        nowNs += 3_600_000_000_000L;
        assertTrue(limiter.tryAcquire());
        assertTrue(limiter.tryAcquire());
        assertFalse(limiter.tryAcquire());
    }

    @Test
    void suppressesEverythingWhenDisabled()
    {
        final IcmpRateLimiter limiter = new IcmpRateLimiter(() -> nowNs, 10, 3, false);
        assertFalse(limiter.tryAcquire());
        limiter.enabled(true);
        assertTrue(limiter.tryAcquire());
        assertEquals(1, limiter.suppressed());
    }

    @Test
    void rejectsNonPositiveSettings()
    {
        assertThrows(IllegalArgumentException.class, () -> new IcmpRateLimiter(() -> 0, 0, 1, true));
        assertThrows(IllegalArgumentException.class, () -> new IcmpRateLimiter(() -> 0, 1, 0, true));
    }
}
