package net.srv6epe.perf.suite;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class ClockOffsetTest
{
    @Test
    void aMonotonicTimePlusTheOffsetIsTheRealtimeClock()
    {
        final long offset = ClockOffset.realtimeMinusMonotonicNs();
        final long monotonic = System.nanoTime();
        final Instant now = Instant.now();
        final long realtime = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        // a kernel receive stamp minus the offset lands on the generator's clock; this bound only catches a wrong
        // sign or unit (an error would be seconds or years), not the microsecond the bracket is good for
        final long error = Math.abs(monotonic + offset - realtime);
        assertTrue(error < 50_000_000L, "off by " + error + " ns");
        // and the sign: realtime (since 1970) is far ahead of the monotonic clock (since boot)
        assertTrue(offset > 1_000_000_000L * 3600 * 24 * 365, "offset " + offset);
    }
}
