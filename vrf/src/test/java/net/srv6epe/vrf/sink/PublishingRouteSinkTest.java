package net.srv6epe.vrf.sink;

import net.srv6epe.srv6.Ipv4Address;
import net.srv6epe.srv6.Ipv6Address;
import net.srv6epe.vrf.ForwardingStatePublisher;
import net.srv6epe.vrf.Vrf;
import net.srv6epe.vrf.prefix.Ipv4Prefix;
import net.srv6epe.vrf.prefix.Ipv6Prefix;
import net.srv6epe.vrf.route.RouteAction;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PublishingRouteSinkTest
{
    private static final RouteAction VIA = RouteAction.via(1, 2, "eth0");

    @Test
    void batchesChangesUntilFlushAndReportsThemAfterThePublish()
    {
        final ForwardingStatePublisher publisher = new ForwardingStatePublisher();
        final List<String> events = new ArrayList<>();
        final RouteSink sink = new PublishingRouteSink(publisher,
            (generation, vrf, prefix, action, cause) -> events.add(generation + " " + vrf + " " + prefix + " " +
                (action == null ? "withdrawn" : action.toString()) + " (" + cause + ")"), 1000);

        sink.install(Vrf.DEFAULT_NAME, Ipv6Prefix.parse("2a00::/16"), VIA, "bgp update");
        sink.install(Vrf.DEFAULT_NAME, Ipv4Prefix.parse("192.0.2.0/24"), RouteAction.blackhole(), "bgp update");
        final long h = Ipv6Address.parseHi("2a00::1");
        assertNull(publisher.current().defaultVrf().route6(h, 0), "nothing visible before flush");
        assertEquals(0, publisher.current().generation());

        assertEquals(1, sink.flush());
        assertEquals(VIA, publisher.current().defaultVrf().route6(h, 0));
        assertEquals(RouteAction.blackhole(),
            publisher.current().defaultVrf().route4(Ipv4Address.parse("192.0.2.9")));

        sink.withdraw(Vrf.DEFAULT_NAME, Ipv6Prefix.parse("2a00::/16"), "bgp withdraw");
        sink.withdraw(Vrf.DEFAULT_NAME, Ipv6Prefix.parse("2b00::/16"), "bgp withdraw of an unknown route");
        assertEquals(2, sink.flush());
        assertNull(publisher.current().defaultVrf().route6(h, 0));
        assertEquals(2, sink.flush(), "an empty flush publishes nothing");

        assertEquals(List.of(
            "1 default 2a00::/16 via ::1:0:0:0:2 dev eth0 (bgp update)",
            "1 default 192.0.2.0/24 blackhole (bgp update)",
            "2 default 2a00::/16 withdrawn (bgp withdraw)"), events);
    }

    @Test
    void flushesByItselfWhenTheBatchIsFull()
    {
        final ForwardingStatePublisher publisher = new ForwardingStatePublisher();
        final PublishingRouteSink sink = new PublishingRouteSink(publisher, null, 10);
        for (int i = 0; i < 25; i++)
        {
            sink.install(Vrf.DEFAULT_NAME, Ipv6Prefix.of((0x2a00L << 48) | ((long)i << 16), 0, 48), VIA, "load");
        }
        assertEquals(2, publisher.current().generation());
        assertEquals(5, sink.pending());
        sink.flush();
        assertEquals(25, publisher.current().defaultVrf().ipv6Fib().size());
    }

    @Test
    void rejectsUnknownVrf()
    {
        final RouteSink sink = new PublishingRouteSink(new ForwardingStatePublisher(), null, 10);
        assertEquals("no VRF named 'peerX'", assertThrows(IllegalArgumentException.class,
            () -> sink.install("peerX", Ipv6Prefix.DEFAULT, VIA, "bgp")).getMessage());
    }
}
