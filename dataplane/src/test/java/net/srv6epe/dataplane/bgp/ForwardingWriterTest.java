package net.srv6epe.dataplane.bgp;

import net.srv6epe.dataplane.app.ForwardingCompiler;
import net.srv6epe.dataplane.config.ConfigLoader;
import net.srv6epe.dataplane.journal.JournalingPublisher;
import net.srv6epe.dataplane.journal.RouteEvent;
import net.srv6epe.dataplane.journal.RouteEventJournal;
import net.srv6epe.dataplane.journal.RouteEventReader;
import net.srv6epe.srv6.Behavior;
import net.srv6epe.srv6.Ipv6Address;
import net.srv6epe.vrf.ForwardingState;
import net.srv6epe.vrf.ForwardingStatePublisher;
import net.srv6epe.vrf.prefix.Ipv6Prefix;
import net.srv6epe.vrf.route.RouteAction;
import net.srv6epe.vrf.sid.LocalSid;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** BGP routes and SIDs go on top of the configured state, through the journaling publisher, with their cause. */
class ForwardingWriterTest
{
    @TempDir
    Path dir;

    @Test
    void bgpChangesCoexistWithTheConfiguredStateAndAreJournaledWithTheirCause() throws Exception
    {
        final ForwardingState configured = ForwardingCompiler.compile(ConfigLoader.parse(String.join("\n",
            "router: { name: w }",
            "vrfs:",
            "  - name: epe-a",
            "    table: 101",
            "    routes: [ { prefix: 'fd00:99::/48', action: blackhole } ]",
            "")));
        final ForwardingStatePublisher publisher = new ForwardingStatePublisher();
        try (RouteEventJournal journal = RouteEventJournal.open(dir))
        {
            final JournalingPublisher journaling = new JournalingPublisher(publisher, journal,
                SystemEpochNanoClock.INSTANCE, SystemNanoClock.INSTANCE);
            final ForwardingWriter writer = new ForwardingWriter(journaling, 100);
            writer.publish(configured, "config");

            writer.install("epe-a", Ipv6Prefix.parse("fd00:c1::/48"), RouteAction.blackhole(), "bgp peer x update");
            writer.addLocator(Ipv6Prefix.parse("fc00:0:1::/48"), "bgp asbr locator");
            writer.install(LocalSid.of(Ipv6Address.parseHi("fc00:0:1:1::"), Ipv6Address.parseLo("fc00:0:1:1::"),
                Behavior.END_DT6).withVrf("epe-a"), "bgp asbr sid");
            assertNull(publisher.current().vrf("epe-a").route6(Ipv6Address.parseHi("fd00:c1::1"), 1),
                "nothing visible before the flush");
            writer.flush();

            final ForwardingState now = publisher.current();
            assertNotNull(now.vrf("epe-a").route6(Ipv6Address.parseHi("fd00:c1::1"), 1));
            assertNotNull(now.vrf("epe-a").route6(Ipv6Address.parseHi("fd00:99::1"), 1), "configured route kept");
            assertEquals(1, now.localSids().entries().size());

            writer.withdraw("epe-a", Ipv6Prefix.parse("fd00:c1::/48"), "bgp peer x withdraw");
            writer.flush();
            assertNull(publisher.current().vrf("epe-a").route6(Ipv6Address.parseHi("fd00:c1::1"), 1));
            assertNotNull(publisher.current().vrf("epe-a").route6(Ipv6Address.parseHi("fd00:99::1"), 1));
            assertEquals(3, writer.published());
        }
        final List<RouteEvent> events = new ArrayList<>();
        try (RouteEventReader reader = RouteEventReader.open(dir))
        {
            for (RouteEvent e = reader.poll(); e != null; e = reader.poll())
            {
                events.add(e);
            }
        }
        assertTrue(events.stream().anyMatch(e -> e.cause().equals("config")), events.toString());
        assertTrue(events.stream().anyMatch(e -> "fd00:c1::/48".equals(e.change().key()) && e.change().added() &&
            e.cause().startsWith("bgp peer x update")), events.toString());
        assertTrue(events.stream().anyMatch(e -> "fd00:c1::/48".equals(e.change().key()) && e.change().removed() &&
            e.cause().equals("bgp peer x withdraw")), events.toString());
    }
}
