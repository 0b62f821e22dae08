package net.srv6epe.perf.bgp;

import net.srv6epe.dataplane.journal.ChangeKind;
import net.srv6epe.dataplane.journal.RouteEvent;
import net.srv6epe.dataplane.journal.RouteEventReader;
import net.srv6epe.srv6.Behavior;
import net.srv6epe.srv6.Ipv4Address;
import net.srv6epe.srv6.Ipv6Address;
import net.srv6epe.srv6.behavior.EncapTemplate;
import net.srv6epe.vrf.Vrf;
import net.srv6epe.vrf.fib.Ipv6Fib;
import net.srv6epe.vrf.prefix.Ipv6Prefix;
import net.srv6epe.vrf.route.RouteAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntPredicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The blaster against the real router (started from YAML in this JVM) over TCP on loopback, not timed: after the
 * announcements every import VRF's FIB holds exactly the routes of its peer VRF, each an H.Encaps route to that
 * peer VRF's SID from the router's encap source; after withdrawing half, exactly the other half is left; and the
 * route-event journal holds one addition per route and one removal per withdrawn route.
 */
class BlasterToRouterTest
{
    private static final long WAIT_MS = 120_000;

    @TempDir
    Path dir;

    @Test
    void fourPeerVrfsLandInFourVrfsWithTheirSidsAndExactlyTheWithdrawnHalfGoes() throws Exception
    {
        run(20_000, 4, false, false);
    }

    @Test
    void transposedSidsFromEveryPeerVrfLandInOneVrf() throws Exception
    {
        run(10_000, 3, true, true);
    }

    private void run(final int routes, final int peerVrfs, final boolean oneVrf, final boolean transposed)
        throws Exception
    {
        final PrefixMix prefixes = PrefixMix.generate(routes, 11);
        final List<BlastVrf> vrfs = new ArrayList<>();
        for (int i = 0; i < peerVrfs; i++)
        {
            vrfs.add(BlastVrf.of(i, transposed));
        }
        try (RouterUnderTest router = RouterUnderTest.start(dir, vrfs, oneVrf, RouterLoadRun.BLASTER_ADDRESS);
            RouteBlaster blaster = RouteBlaster.connect(router.bgpAddress(),
                InetAddress.getByName(RouterLoadRun.BLASTER_ADDRESS), BlastVrf.AS, Ipv4Address.parse("198.18.0.9"), 90,
                10_000))
        {
            final long nh = Ipv6Address.parseHi(RouterLoadRun.NEXT_HOP);
            final long nl = Ipv6Address.parseLo(RouterLoadRun.NEXT_HOP);
            blaster.send(UpdateStream.announce(prefixes, vrfs, i -> true, nh, nl, blaster.options()));
            blaster.send(UpdateStream.endOfRib());
            await(() -> router.routeCount() == routes, "all " + routes + " routes in the FIB", blaster);
            assertFibHolds(router, prefixes, vrfs, i -> true);

            final IntPredicate withdrawn = i -> i % 2 == 1;
            blaster.send(UpdateStream.withdraw(prefixes, vrfs, withdrawn, blaster.options()));
            await(() -> router.routeCount() == routes / 2, "half the routes left", blaster);
            assertFibHolds(router, prefixes, vrfs, withdrawn.negate());

            final int[] counts = new int[2];
            try (RouteEventReader reader = RouteEventReader.open(router.journalDir()))
            {
                await(() ->
                {
                    for (RouteEvent e = reader.poll(); e != null; e = reader.poll())
                    {
                        if (e.change().kind() == ChangeKind.ROUTE && router.vrfNames().contains(e.change().vrf()))
                        {
                            counts[e.change().added() ? 0 : 1]++;
                        }
                    }
                    return counts[0] >= routes && counts[1] >= routes / 2;
                }, "every change journaled", blaster);
            }
            assertEquals(routes, counts[0], "route additions journaled");
            assertEquals(routes / 2, counts[1], "route removals journaled");
        }
    }

    /** Every VRF holds exactly the selected routes of the peer VRFs it imports, each to its peer VRF's SID. */
    private static void assertFibHolds(final RouterUnderTest router, final PrefixMix prefixes,
        final List<BlastVrf> vrfs, final IntPredicate present)
    {
        final Map<String, Map<Ipv6Prefix, BlastVrf>> expected = new HashMap<>();
        for (int i = 0; i < prefixes.size(); i++)
        {
            if (present.test(i))
            {
                final BlastVrf v = vrfs.get(i % vrfs.size());
                expected.computeIfAbsent(router.vrfOf(v), k -> new HashMap<>()).put(prefixes.prefix(i), v);
            }
        }
        final long sourceHi = Ipv6Address.parseHi(RouterUnderTest.ENCAP_SOURCE);
        final long sourceLo = Ipv6Address.parseLo(RouterUnderTest.ENCAP_SOURCE);
        for (final String name : router.vrfNames())
        {
            final Vrf vrf = router.state().vrf(name);
            assertNotNull(vrf, name);
            final Map<Ipv6Prefix, BlastVrf> want = expected.getOrDefault(name, Map.of());
            assertEquals(want.size(), vrf.ipv6Fib().size(), "routes in " + name);
            vrf.ipv6Fib().forEach((hi, lo, length, index) ->
            {
                final Ipv6Prefix p = Ipv6Prefix.of(hi, lo, length);
                final BlastVrf from = want.get(p);
                assertNotNull(from, p + " in " + name + " was not announced there");
                final RouteAction action = vrf.action(index);
                assertEquals(RouteAction.Kind.ENCAP, action.kind(), p + ": " + action);
                final EncapTemplate t = action.encap();
                assertEquals(Behavior.H_ENCAPS, t.mode(), p + ": " + action);
                assertEquals(1, t.segmentCount(), p + ": " + action);
                assertEquals(from.sid().hi(), t.segmentHi(0), p + ": " + action);
                assertEquals(from.sid().lo(), t.segmentLo(0), p + ": " + action);
                assertEquals(sourceHi, t.sourceHi(), p + ": " + action);
                assertEquals(sourceLo, t.sourceLo(), p + ": " + action);
            });
        }
        // (the same count and every FIB route announced there: the sets are equal; the withdrawn ones, explicitly)
        for (int i = 0; i < prefixes.size(); i++)
        {
            if (!present.test(i))
            {
                final Vrf vrf = router.state().vrf(router.vrfOf(vrfs.get(i % vrfs.size())));
                assertEquals(Ipv6Fib.NO_ROUTE, vrf.ipv6Fib().get(prefixes.prefix(i)),
                    prefixes.prefix(i) + " withdrawn");
            }
        }
    }

    private static void await(final BooleanSupplier done, final String what, final RouteBlaster blaster)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(WAIT_MS);
        while (!done.getAsBoolean())
        {
            if (blaster.failure() != null)
            {
                throw new AssertionError("session failed while waiting for " + what + ": " + blaster.failure());
            }
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("not within " + WAIT_MS + " ms: " + what);
            }
            Thread.sleep(20);
        }
    }
}
