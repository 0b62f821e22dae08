package net.srv6epe.bgp.event;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RouteEventRingTest
{
    @Test
    void keepsTheLastEventsOldestFirstAndPassesEveryOneOn()
    {
        final List<RouteEvent> downstream = new ArrayList<>();
        final RouteEventRing ring = new RouteEventRing(3, downstream::add);
        final long[] nanos = {100};
        final EventStamper stamper = new EventStamper(() -> 7, () -> nanos[0], ring);
        final Cause cause = Cause.updateReceived("fd00::2", 0, 40);
        for (int i = 0; i < 5; i++)
        {
            nanos[0] = 100 + i;
            stamper.emit(RouteEvent.Kind.ROUTE_INSTALL, "v", "2001:db8:" + i + "::/48", "via fd00::2", cause);
        }
        assertEquals(5, ring.written());
        assertEquals(2, ring.overwritten());
        final List<RouteEvent> kept = ring.snapshot();
        assertEquals(3, kept.size());
        assertEquals("2001:db8:2::/48", kept.get(0).subject());
        assertEquals("2001:db8:4::/48", kept.get(2).subject());
        assertEquals(64, kept.get(2).delayNanos(), "104 - 40");
        assertEquals(7, kept.get(2).wallMillis());
        assertEquals(5, downstream.size());
        assertEquals("peer fd00::2 UPDATE received at 1970-01-01T00:00:00Z", cause.text());
        assertThrows(IllegalArgumentException.class, () -> new RouteEventRing(0, null));
    }
}
