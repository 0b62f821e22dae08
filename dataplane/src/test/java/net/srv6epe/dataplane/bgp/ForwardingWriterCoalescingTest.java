package net.srv6epe.dataplane.bgp;

import net.srv6epe.dataplane.journal.JournalingPublisher;
import net.srv6epe.dataplane.journal.RouteEvent;
import net.srv6epe.dataplane.journal.RouteEventJournal;
import net.srv6epe.dataplane.journal.RouteEventReader;
import net.srv6epe.vrf.ForwardingState;
import net.srv6epe.vrf.ForwardingStateBuilder;
import net.srv6epe.vrf.ForwardingStatePublisher;
import net.srv6epe.vrf.prefix.Ipv6Prefix;
import net.srv6epe.vrf.route.RouteAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The roles' batches are published coalesced: nothing at a role's flush, at once when no input waits, and during a
 * flood once the batch is older than a delay that follows the cost of the last publish (bounded); every change is
 * journaled. A hand-advanced clock; the journaling publisher's clock read during a publish advances it by the cost
 * the test wants the publish to have.
 */
class ForwardingWriterCoalescingTest
{
    private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

    @TempDir
    Path dir;

    private long nowNs = 1_000 * MS;
    private long publishCostNs;

    private ForwardingWriter writer(final ForwardingStatePublisher publisher, final RouteEventJournal journal)
    {
        final JournalingPublisher journaling = new JournalingPublisher(publisher, journal, () -> nowNs * 1_000,
            () ->
            {
                nowNs += publishCostNs; // the publish "takes" this long, as the writer's clock sees it
                return nowNs;
            });
        return new ForwardingWriter(journaling, 1 << 20, () -> nowNs);
    }

    private static ForwardingStatePublisher publisher()
    {
        final ForwardingStateBuilder b = ForwardingStateBuilder.from(ForwardingState.initial());
        b.addVrf("epe-a", 101);
        return new ForwardingStatePublisher(b.build());
    }

    @Test
    void aRoleFlushPublishesNothingAndAnIdleRoundPublishesAtOnce()
    {
        final ForwardingStatePublisher publisher = publisher();
        final ForwardingWriter writer = writer(publisher, null);
        final long generation = publisher.current().generation();

        writer.deferred().install("epe-a", prefix(1), RouteAction.blackhole(), "bgp update 1");
        assertEquals(generation, writer.deferred().flush(), "a role batch end publishes nothing");
        assertEquals(generation, publisher.current().generation());
        assertFalse(writer.publishIfDue(true), "input still arriving and the batch is new");

        assertTrue(writer.publishIfDue(false), "no more input: published at once");
        assertEquals(generation + 1, publisher.current().generation());
        assertNotNull(publisher.current().vrf("epe-a").route6(prefix(1).hi(), 0));
        assertFalse(writer.publishIfDue(false), "nothing pending");
    }

    @Test
    void duringAFloodABatchWaitsForADelayThatFollowsTheLastPublishCost()
    {
        final ForwardingStatePublisher publisher = publisher();
        final ForwardingWriter writer = writer(publisher, null);
        assertEquals(ForwardingWriter.MIN_COALESCE_MS * MS, writer.coalesceDelayNs(), "nothing published yet");

        publishCostNs = 10 * MS;
        writer.install("epe-a", prefix(1), RouteAction.blackhole(), "bgp update 1");
        writer.flush();
        assertEquals(ForwardingWriter.COALESCE_FACTOR * 10 * MS, writer.coalesceDelayNs());

        final long generation = publisher.current().generation();
        writer.deferred().install("epe-a", prefix(2), RouteAction.blackhole(), "bgp update 2");
        final long batchStart = nowNs;
        nowNs = batchStart + writer.coalesceDelayNs() - 1;
        writer.deferred().install("epe-a", prefix(3), RouteAction.blackhole(), "bgp update 3");
        assertFalse(writer.publishIfDue(true), "younger than the delay");
        assertEquals(generation, publisher.current().generation());
        nowNs = batchStart + writer.coalesceDelayNs();
        assertTrue(writer.publishIfDue(true), "old enough while input keeps coming");
        assertEquals(generation + 1, publisher.current().generation());
        assertNotNull(publisher.current().vrf("epe-a").route6(prefix(3).hi(), 0));

        publishCostNs = 10_000 * MS;
        writer.install("epe-a", prefix(4), RouteAction.blackhole(), "bgp update 4");
        writer.flush();
        assertEquals(ForwardingWriter.MAX_COALESCE_MS * MS, writer.coalesceDelayNs(), "bounded");
    }

    @Test
    void everyChangeOfACoalescedBatchIsJournaledWithTheBatchCause()
    {
        final int routes = 500;
        try (RouteEventJournal journal = RouteEventJournal.open(dir))
        {
            final ForwardingWriter writer = writer(publisher(), journal);
            for (int i = 0; i < routes; i++)
            {
                writer.deferred().install("epe-a", prefix(i), RouteAction.blackhole(), "bgp update " + i / 100);
                if (i % 100 == 99)
                {
                    writer.deferred().flush();
                    assertFalse(writer.publishIfDue(true));
                }
            }
            assertTrue(writer.publishIfDue(false));
            assertEquals(1, writer.published());
        }
        final List<RouteEvent> events = new ArrayList<>();
        try (RouteEventReader reader = RouteEventReader.open(dir))
        {
            for (RouteEvent e = reader.poll(); e != null; e = reader.poll())
            {
                events.add(e);
            }
        }
        assertEquals(routes, events.size());
        for (final RouteEvent e : events)
        {
            assertTrue(e.change().added(), e.toString());
            assertEquals("bgp update 0 (and 400 changes of other causes)", e.cause(), e.toString());
        }
    }

    private static Ipv6Prefix prefix(final int i)
    {
        return Ipv6Prefix.of(0xfd00_0000_0000_0000L | (long)i << 16, 0, 48);
    }
}
