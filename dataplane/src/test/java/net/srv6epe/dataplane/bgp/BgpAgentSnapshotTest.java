package net.srv6epe.dataplane.bgp;

import static net.srv6epe.dataplane.bgp.BgpTestSupport.asbrYaml;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;

import net.srv6epe.bgp.event.EventStamper;
import net.srv6epe.dataplane.config.ConfigLoader;
import net.srv6epe.dataplane.config.RouterConfig;
import net.srv6epe.dataplane.journal.JournalingPublisher;
import net.srv6epe.dataplane.journal.RouteEventJournal;
import net.srv6epe.vrf.ForwardingStatePublisher;
import org.agrona.concurrent.SystemEpochNanoClock;
import org.agrona.concurrent.SystemNanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's first snapshot, before its thread has run a round: {@code show bgp-summary} right after the router
 * started lists every configured neighbor (Idle, no counters), not an empty table.
 */
class BgpAgentSnapshotTest
{
    @TempDir
    Path dir;

    @Test
    void everyConfiguredNeighborIsShownIdleBeforeTheFirstRound() throws Exception
    {
        final RouterConfig config = ConfigLoader.parse(asbrYaml(dir, "127.0.0.1:0", "",
            "{ address: 127.0.0.3, remote-as: 65010, role: egress-peer, families: [ipv6-unicast] }",
            "{ address: 127.0.0.4, remote-as: 65000, role: ibgp }"));
        try (RouteEventJournal journal = RouteEventJournal.open(dir.resolve("journal")))
        {
            final ForwardingWriter writer = new ForwardingWriter(new JournalingPublisher(new ForwardingStatePublisher(),
                journal, SystemEpochNanoClock.INSTANCE, SystemNanoClock.INSTANCE), 100);
            final BgpAgent agent = new BgpAgent(config, writer, EventStamper.system(null), SystemNanoClock.INSTANCE,
                null, null);

            final List<BgpSnapshot.Neighbor> rows = agent.snapshot().neighbors();
            assertEquals(List.of("127.0.0.3", "127.0.0.4"), rows.stream().map(BgpSnapshot.Neighbor::address).sorted()
                .toList());
            for (final BgpSnapshot.Neighbor n : rows)
            {
                assertEquals("Idle", n.state(), n.toString());
                assertEquals(-1, n.establishedForMs(), n.toString());
                assertEquals(0, n.messagesIn(), n.toString());
                assertEquals(List.of(), n.families(), "nothing negotiated yet: " + n);
            }
            assertEquals(0, new BgpView(agent::snapshot).vpnv6(null).size(), "no routes yet");
            // what the router shows before the agent exists is the same
            assertEquals(rows, BgpSnapshot.configured(config.bgp()).neighbors());
        }
    }
}
