package net.srv6epe.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each behavior the benchmark measures really takes that path: its set-up checks the size of the frame that
 * leaves, and every packet of a run leaves (a bonded packet at the tail is a new sequence each time, not a
 * duplicate dropped). A correctness check of the benchmark, not a timing.
 */
class BehaviorBenchmarkTest
{
    @ParameterizedTest
    @ValueSource(strings = { "ipv6-forward", "h-encaps", "h-encaps-red", "h-encaps-v4", "end", "end-x", "end-dt6",
        "end-dt46", "bond-head", "bond-tail" })
    void everyPacketOfTheBehaviorLeaves(final String behavior)
    {
        final BehaviorBenchmark b = new BehaviorBenchmark();
        b.behavior = behavior;
        b.size = 64;
        b.setUp();
        final long before = b.process();
        final long one = b.process() - before;
        long last = before + one;
        for (int i = 0; i < 10_000; i++)
        {
            final long now = b.process();
            assertEquals(one, now - last, behavior + ": packet " + i + " did not leave");
            last = now;
        }
    }
}
