package net.srv6epe.dataplane.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;
import org.junit.jupiter.api.Test;

class WorkerIdleTest
{
    @Test
    void eachModeHasItsStrategyAndBackoffParksAtMostTheDocumentedTime()
    {
        assertInstanceOf(BusySpinIdleStrategy.class, WorkerIdle.SPIN.newStrategy());
        assertInstanceOf(YieldingIdleStrategy.class, WorkerIdle.YIELD.newStrategy());
        final BackoffIdleStrategy backoff = assertInstanceOf(BackoffIdleStrategy.class,
            WorkerIdle.BACKOFF.newStrategy());
        final String settings = backoff.toString();
        assertTrue(settings.contains("minParkPeriodNs=1000,") &&
            settings.contains("maxParkPeriodNs=" + WorkerIdle.MAX_PARK_US * 1000 + "}"), settings);
        assertNotSame(WorkerIdle.BACKOFF.newStrategy(), WorkerIdle.BACKOFF.newStrategy(), "one per worker: stateful");
    }

    @Test
    void configNamesRoundTripAndAnUnknownOneIsNamed()
    {
        for (final WorkerIdle w : WorkerIdle.values())
        {
            assertEquals(w, WorkerIdle.fromConfigName(w.configName()));
        }
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> WorkerIdle.fromConfigName("nap"));
        assertEquals("worker-idle 'nap': backoff, spin or yield", ex.getMessage());
    }
}
