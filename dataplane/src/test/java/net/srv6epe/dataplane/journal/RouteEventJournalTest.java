package net.srv6epe.dataplane.journal;

import net.srv6epe.srv6.Ipv6Address;
import net.srv6epe.vrf.ForwardingState;
import net.srv6epe.vrf.ForwardingStateBuilder;
import net.srv6epe.vrf.ForwardingStatePublisher;
import net.srv6epe.vrf.prefix.Ipv6Prefix;
import net.srv6epe.vrf.route.RouteAction;
import org.agrona.concurrent.CachedNanoClock;
import org.agrona.concurrent.EpochNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class RouteEventJournalTest
{
    @TempDir
    Path dir;

    @Test
    void eventsSurviveARestartOfTheJournal()
    {
        final StateChange added = new StateChange(ChangeKind.ROUTE, "epe-a", "fd00:c0::/64", null,
            "encap seg6 mode encap segs 1 [ fc00:a::a6 ] vrf default");
        final StateChange replaced = new StateChange(ChangeKind.SID, "epe-a", "fc00:b::a6", "action End.DT6",
            "action End.DT46");
        try (RouteEventJournal journal = RouteEventJournal.open(dir))
        {
            journal.append(new RouteEvent(1_700_000_000_000_000_001L, 42, 1, added, "config"));
            journal.append(new RouteEvent(1_700_000_000_500_000_000L, 500_000_041, 2, replaced,
                "bgp peer fd00::2 UPDATE"));
        }

        try (RouteEventReader reader = RouteEventReader.open(dir))
        {
            assertEquals(new RouteEvent(1_700_000_000_000_000_001L, 42, 1, added, "config"), reader.poll());
            assertEquals(new RouteEvent(1_700_000_000_500_000_000L, 500_000_041, 2, replaced,
                "bgp peer fd00::2 UPDATE"), reader.poll());
            assertNull(reader.poll());
        }

        try (RouteEventJournal journal = RouteEventJournal.open(dir))
        {
            journal.append(new RouteEvent(3, 3, 3, added, "config"));
        }
        try (RouteEventReader reader = RouteEventReader.open(dir))
        {
            assertEquals(3, drain(reader).size());
        }
    }

    @Test
    void publishingThroughTheJournalingPublisherJournalsTheDiffWithTimestamps()
    {
        final ForwardingStatePublisher publisher = new ForwardingStatePublisher();
        final CachedNanoClock mono = new CachedNanoClock();
        final EpochNanoClock wall = () -> 1_000_000_000L * 1_700_000_000L;
        mono.update(777);
        final Ipv6Prefix prefix = Ipv6Prefix.parse("fd00:c0::/64");
        final RouteAction via = RouteAction.via(Ipv6Address.parseHi("fd00:20::2"), Ipv6Address.parseLo("fd00:20::2"),
            "core");
        try (RouteEventJournal journal = RouteEventJournal.open(dir))
        {
            final JournalingPublisher journaling = new JournalingPublisher(publisher, journal, wall, mono);
            journaling.publish(ForwardingStateBuilder.from(ForwardingState.initial()).addRoute("default", prefix, via)
                .build(), "config");
            mono.update(1_777);
            final ForwardingStateBuilder b = publisher.builder();
            b.removeRoute("default", prefix);
            journaling.publish(b.build(), "bgp peer fd00::2 UPDATE");
        }

        try (RouteEventReader reader = RouteEventReader.open(dir))
        {
            assertEquals(List.of(
                new RouteEvent(1_700_000_000_000_000_000L, 777, 1,
                    new StateChange(ChangeKind.ROUTE, "default", "fd00:c0::/64", null, "via fd00:20::2 dev core"),
                    "config"),
                new RouteEvent(1_700_000_000_000_000_000L, 1_777, 2,
                    new StateChange(ChangeKind.ROUTE, "default", "fd00:c0::/64", "via fd00:20::2 dev core", null),
                    "bgp peer fd00::2 UPDATE")), drain(reader));
        }
        assertEquals(2, publisher.current().generation());
    }

    private static List<RouteEvent> drain(final RouteEventReader reader)
    {
        final List<RouteEvent> events = new ArrayList<>();
        for (RouteEvent e = reader.poll(); e != null; e = reader.poll())
        {
            events.add(e);
        }
        return events;
    }

}
