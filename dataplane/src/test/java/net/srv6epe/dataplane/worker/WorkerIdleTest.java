package net.srv6epe.dataplane.worker;

import net.srv6epe.dataplane.port.Port;

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
        assertInstanceOf(BusySpinIdleStrategy.class, WorkerIdle.SPIN.newStrategy(new Port[0]));
        assertInstanceOf(YieldingIdleStrategy.class, WorkerIdle.YIELD.newStrategy(new Port[0]));
        final BackoffIdleStrategy backoff = assertInstanceOf(BackoffIdleStrategy.class,
            WorkerIdle.BACKOFF.newStrategy(new Port[0]));
        final String settings = backoff.toString();
        assertTrue(settings.contains("minParkPeriodNs=1000,") &&
            settings.contains("maxParkPeriodNs=" + WorkerIdle.MAX_PARK_US * 1000 + "}"), settings);
        assertNotSame(WorkerIdle.BACKOFF.newStrategy(new Port[0]), WorkerIdle.BACKOFF.newStrategy(new Port[0]),
            "one per worker: stateful");
        final PortWaitIdleStrategy wait = assertInstanceOf(PortWaitIdleStrategy.class,
            WorkerIdle.WAIT.newStrategy(new Port[0]));
        assertEquals(WorkerIdle.MAX_PARK_US * 1000, wait.maxWaitNanos(), "a wait ends no later than a park");
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
        assertEquals("worker-idle 'nap': backoff, spin, yield or wait", ex.getMessage());
    }
}
