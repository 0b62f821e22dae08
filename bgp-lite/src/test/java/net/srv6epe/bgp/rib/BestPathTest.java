package net.srv6epe.bgp.rib;

import net.srv6epe.bgp.wire.attribute.AsPath;
import net.srv6epe.bgp.wire.attribute.AsPathSegment;
import net.srv6epe.bgp.wire.attribute.MultiExitDisc;
import net.srv6epe.bgp.wire.attribute.Origin;
import net.srv6epe.bgp.wire.attribute.OriginatorId;
import net.srv6epe.bgp.wire.attribute.PathAttribute;
import org.junit.jupiter.api.Test;

import java.util.List;

import static net.srv6epe.bgp.rib.TestRoutes.basic;
import static net.srv6epe.bgp.rib.TestRoutes.localPref;
import static net.srv6epe.bgp.rib.TestRoutes.with;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BestPathTest
{
    private static final RibPeer IBGP_1 = RibPeer.ipv6("fd00::1", 65000, false, 0x0A000001);
    private static final RibPeer IBGP_2 = RibPeer.ipv6("fd00::2", 65000, false, 0x0A000002);
    private static final RibPeer EBGP_3 = RibPeer.ipv6("fd00::3", 65003, true, 0x0A000003);
    private static final RibPeer IBGP_4_LOW_ID = RibPeer.ipv6("fd00::4", 65000, false, 0x01000001);
    private static final RibPeer[] PEERS = {IBGP_1, IBGP_2, EBGP_3, IBGP_4_LOW_ID};

    private static Candidate c(final int peer, final List<PathAttribute> attributes)
    {
        return new Candidate(peer, 0, 0, PathAttributes.of(attributes, 0, 0));
    }

    /** Negative when a wins. */
    private static int cmp(final Candidate a, final Candidate b)
    {
        final int ab = BestPath.compare(a, PEERS[a.peer()], b, PEERS[b.peer()]);
        final int ba = BestPath.compare(b, PEERS[b.peer()], a, PEERS[a.peer()]);
        assertEquals(Integer.signum(ab), -Integer.signum(ba), "antisymmetric");
        return ab;
    }

    @Test
    void highestLocalPrefWinsOverShorterPath()
    {
        assertTrue(cmp(c(1, with(basic(1, 2, 3), localPref(200))), c(0, with(basic(1), localPref(100)))) < 0);
    }

    @Test
    void absentLocalPrefCountsAsDefault()
    {
        assertTrue(cmp(c(1, with(basic(1), localPref(101))), c(0, basic(1))) < 0);
        assertTrue(cmp(c(0, basic(1)), c(1, with(basic(1), localPref(99)))) < 0);
    }

    @Test
    void shorterAsPathWinsAndAnAsSetCountsOne()
    {
        assertTrue(cmp(c(1, basic(1, 2)), c(0, basic(1, 2, 3))) < 0);
        final List<PathAttribute> withSet = List.of(new Origin(Origin.IGP),
            new AsPath(List.of(AsPathSegment.sequence(1), AsPathSegment.set(7, 8, 9, 10))));
        // 1 + 1 = 2 beats 3
        assertTrue(cmp(c(1, withSet), c(0, basic(1, 2, 3))) < 0);
        // 2 ties 2: falls through to the router id, peer 0 has the lower one
        assertTrue(cmp(c(0, basic(5, 6)), c(1, withSet)) < 0);
    }

    @Test
    void lowestOriginWins()
    {
        final List<PathAttribute> igp = basic(1);
        final List<PathAttribute> incomplete = List.of(new Origin(Origin.INCOMPLETE), igp.get(1));
        final List<PathAttribute> egp = List.of(new Origin(Origin.EGP), igp.get(1));
        assertTrue(cmp(c(1, igp), c(0, egp)) < 0);
        assertTrue(cmp(c(1, egp), c(0, incomplete)) < 0);
    }

    @Test
    void lowestMedWinsOnlyBetweenPathsFromTheSameNeighborAs()
    {
        assertTrue(cmp(c(1, with(basic(7, 1), new MultiExitDisc(10))), c(0, with(basic(7, 2), new MultiExitDisc(20))))
            < 0);
        // different neighbor AS: MED ignored, router id decides (peer 0 lower)
        assertTrue(cmp(c(0, with(basic(8, 1), new MultiExitDisc(20))), c(1, with(basic(7, 2), new MultiExitDisc(10))))
            < 0);
        // absent MED = 0 beats 5
        assertTrue(cmp(c(1, basic(7, 1)), c(0, with(basic(7, 2), new MultiExitDisc(5)))) < 0);
    }

    @Test
    void ebgpBeatsIbgp()
    {
        assertTrue(cmp(c(2, basic(1)), c(3, basic(1))) < 0);
    }

    @Test
    void lowestRouterIdThenOriginatorIdTakesItsPlace()
    {
        assertTrue(cmp(c(3, basic(1)), c(0, basic(1))) < 0);
        // peer 1's path carries ORIGINATOR_ID 0.0.0.5, lower than peer 3's router id 1.0.0.1
        assertTrue(cmp(c(1, with(basic(1), new OriginatorId(5))), c(3, basic(1))) < 0);
    }

    @Test
    void lowestPeerAddressBreaksTheLastTie()
    {
        final RibPeer a = RibPeer.ipv6("fd00::20", 65000, false, 7);
        final RibPeer b = RibPeer.ipv6("fd00::10", 65000, false, 7);
        final Candidate ca = new Candidate(0, 0, 0, PathAttributes.of(basic(1), 0, 0));
        final Candidate cb = new Candidate(1, 0, 0, PathAttributes.of(basic(1), 0, 0));
        assertTrue(BestPath.compare(cb, b, ca, a) < 0);
        assertTrue(BestPath.compare(ca, a, cb, b) > 0);
    }

    @Test
    void selectionTableKeepsBestFirstAcrossOffersAndRetracts()
    {
        final SelectionTable table = new SelectionTable(i -> PEERS[i]);
        final Candidate worse = c(0, basic(1, 2, 3));
        final Candidate better = c(1, basic(1));
        final Candidate best = c(2, with(basic(1, 2, 3, 4), localPref(300)));
        assertSame(worse, table.offer(0, 0, 0, worse));
        assertSame(better, table.offer(0, 0, 0, better));
        assertSame(best, table.offer(0, 0, 0, best));
        assertEquals(3, table.paths(0, 0, 0).length);
        assertSame(better, table.retract(0, 0, 0, 2, 0));
        final Candidate betterStill = c(0, List.of(new Origin(Origin.IGP), new AsPath(List.of())));
        assertSame(betterStill, table.offer(0, 0, 0, betterStill), "replaces peer 0's path");
        assertEquals(2, table.paths(0, 0, 0).length);
        assertSame(better, table.retract(0, 0, 0, 0, 0));
        assertEquals(null, table.retract(0, 0, 0, 1, 0));
        assertEquals(0, table.size());
    }
}
