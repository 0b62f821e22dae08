package net.srv6epe.vrf.fib;

import net.srv6epe.srv6.Ipv6Address;
import net.srv6epe.vrf.prefix.Ipv6Prefix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class Ipv6FibTest
{
    /** Brute-force reference: the longest prefix containing the address wins. */
    private static int reference(final Map<Ipv6Prefix, Integer> routes, final long hi, final long lo)
    {
        int bestLength = -1;
        int best = Ipv6Fib.NO_ROUTE;
        for (final Map.Entry<Ipv6Prefix, Integer> e : routes.entrySet())
        {
            if (e.getKey().length() > bestLength && e.getKey().contains(hi, lo))
            {
                bestLength = e.getKey().length();
                best = e.getValue();
            }
        }
        return best;
    }

    /** Random prefixes clustered around a few seeds so that they nest and overlap at every depth. */
    private static Map<Ipv6Prefix, Integer> randomTable(final Random random, final int count)
    {
        final long[] seedsHi = new long[8];
        final long[] seedsLo = new long[8];
        for (int i = 0; i < seedsHi.length; i++)
        {
            seedsHi[i] = random.nextLong();
            seedsLo[i] = random.nextLong();
        }
        final Map<Ipv6Prefix, Integer> routes = new TreeMap<>();
        for (int i = 0; i < count; i++)
        {
            final int s = random.nextInt(seedsHi.length);
            final int length = random.nextInt(8) == 0 ? random.nextInt(17) : random.nextInt(129);
            // perturb some bits of the seed below a random depth so siblings appear
            final int flip = random.nextInt(129);
            long hi = seedsHi[s];
            long lo = seedsLo[s];
            if (flip < 64)
            {
                hi ^= 1L << (63 - flip);
            }
            else if (flip < 128)
            {
                lo ^= 1L << (127 - flip);
            }
            routes.put(Ipv6Prefix.covering(hi, lo, length), i);
        }
        return routes;
    }

    private static long[] probes(final Random random, final Map<Ipv6Prefix, Integer> routes, final int count)
    {
        final List<Ipv6Prefix> list = new ArrayList<>(routes.keySet());
        final long[] probes = new long[2 * count];
        for (int i = 0; i < count; i++)
        {
            final Ipv6Prefix p = list.get(random.nextInt(list.size()));
            long hi = p.hi() | (random.nextLong() & ~Ipv6Prefix.maskHi(p.length()));
            long lo = p.lo() | (random.nextLong() & ~Ipv6Prefix.maskLo(p.length()));
            if (random.nextInt(4) == 0)
            {
                final int bit = random.nextInt(128);
                if (bit < 64)
                {
                    hi ^= 1L << (63 - bit);
                }
                else
                {
                    lo ^= 1L << (127 - bit);
                }
            }
            probes[2 * i] = hi;
            probes[2 * i + 1] = lo;
        }
        return probes;
    }

    private static void assertMatchesReference(
        final Ipv6Fib fib, final Map<Ipv6Prefix, Integer> routes, final long[] probes)
    {
        final Ipv6LookupBatch batch = new Ipv6LookupBatch(32);
        for (int i = 0; i < probes.length; i += 2)
        {
            final long hi = probes[i];
            final long lo = probes[i + 1];
            final int expected = reference(routes, hi, lo);
            assertEquals(expected, fib.lookup(hi, lo), () -> Ipv6Address.format(hi, lo));
            batch.address((i / 2) % 32, hi, lo);
            if ((i / 2) % 32 == 31)
            {
                fib.lookup(batch, 32);
                for (int j = 0; j < 32; j++)
                {
                    final int k = i - 2 * (31 - j);
                    assertEquals(fib.lookup(probes[k], probes[k + 1]), batch.result(j), "batched lookup");
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void matchesBruteForceOnRandomTables(final long seed)
    {
        final Random random = new Random(seed);
        final Map<Ipv6Prefix, Integer> routes = randomTable(random, 50 + random.nextInt(400));
        final Ipv6FibBuilder builder = Ipv6FibBuilder.empty();
        routes.forEach(builder::add);
        final Ipv6Fib fib = builder.build();
        assertEquals(routes.size(), fib.size());
        assertMatchesReference(fib, routes, probes(random, routes, 2000));
    }

    @ParameterizedTest
    @ValueSource(longs = {31, 32})
    void matchesBruteForceOnLargerTables(final long seed)
    {
        final Random random = new Random(seed);
        final Map<Ipv6Prefix, Integer> routes = randomTable(random, 4000);
        final Ipv6FibBuilder builder = Ipv6FibBuilder.empty();
        routes.forEach(builder::add);
        assertMatchesReference(builder.build(), routes, probes(random, routes, 4000));
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23, 24, 25, 26})
    void matchesBruteForceAfterIncrementalChanges(final long seed)
    {
        final Random random = new Random(seed);
        final Map<Ipv6Prefix, Integer> routes = randomTable(random, 300);
        final Ipv6FibBuilder builder = Ipv6FibBuilder.empty();
        routes.forEach(builder::add);
        Ipv6Fib fib = builder.build();
        final Map<Ipv6Prefix, Integer> extra = randomTable(random, 100);
        for (int round = 0; round < 5; round++)
        {
            final List<Ipv6Prefix> keys = new ArrayList<>(routes.keySet());
            final Ipv6FibBuilder next = Ipv6FibBuilder.from(fib);
            for (int i = 0; i < 20; i++)
            {
                final Ipv6Prefix victim = keys.get(random.nextInt(keys.size()));
                if (routes.remove(victim) != null)
                {
                    assertEquals(fib.get(victim), next.remove(victim));
                }
            }
            final List<Ipv6Prefix> extraKeys = new ArrayList<>(extra.keySet());
            for (int i = 0; i < 20; i++)
            {
                final Ipv6Prefix p = extraKeys.get(random.nextInt(extraKeys.size()));
                final int value = 1000 * (round + 1) + i;
                routes.put(p, value);
                next.add(p, value);
            }
            fib = next.build();
            assertEquals(routes.size(), fib.size());
            assertMatchesReference(fib, routes, probes(random, routes, 1000));
        }
    }

    @Test
    void listsRoutesInPrefixOrder()
    {
        final Random random = new Random(99);
        final Map<Ipv6Prefix, Integer> routes = randomTable(random, 500);
        final Ipv6FibBuilder builder = Ipv6FibBuilder.empty();
        routes.forEach(builder::add);
        final List<String> listed = new ArrayList<>();
        builder.build().forEach((hi, lo, length, index) -> listed.add(Ipv6Prefix.of(hi, lo, length) + "=" + index));
        final List<String> expected = new ArrayList<>();
        routes.forEach((p, i) -> expected.add(p + "=" + i));
        assertEquals(expected, listed);
    }

    @ParameterizedTest
    @CsvSource({
        "::/0, 2001:db8::1, 7",
        "::/0, ::, 7",
        "::/0, ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, 7",
        "2001:db8::1/128, 2001:db8::1, 7",
        "2001:db8::1/128, 2001:db8::2, -1",
        "2001:db8::1/128, 2001:db8::, -1",
        "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128, ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, 7",
        "ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe/127, ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, 7",
        "2001::/16, 2001:ffff::1, 7",
        "2001::/17, 2001:8000::1, -1",
        "2001:db8::/64, 2001:db8::ffff:ffff:ffff:ffff, 7",
        "2001:db8::/65, 2001:db8::8000:0:0:0, -1",
        "8000::/1, 8000::, 7",
        "8000::/1, 7fff:ffff::, -1",
    })
    void singleRouteEdges(final String prefix, final String address, final int expected)
    {
        final Ipv6FibBuilder builder = Ipv6FibBuilder.empty();
        builder.add(Ipv6Prefix.parse(prefix), 7);
        final Ipv6Fib fib = builder.build();
        assertEquals(expected, fib.lookup(Ipv6Address.parseHi(address), Ipv6Address.parseLo(address)));
    }

    @Test
    void removalRestoresTheCoveringRoute()
    {
        final Ipv6FibBuilder builder = Ipv6FibBuilder.empty();
        builder.add(Ipv6Prefix.parse("::/0"), 0);
        builder.add(Ipv6Prefix.parse("fd00::/16"), 1);
        builder.add(Ipv6Prefix.parse("fd00:1::/48"), 2);
        builder.add(Ipv6Prefix.parse("fd00:1::5/128"), 3);
        final long hi = Ipv6Address.parseHi("fd00:1::5");
        final long lo = Ipv6Address.parseLo("fd00:1::5");
        final Ipv6Fib full = builder.build();
        assertEquals(3, full.lookup(hi, lo));

        assertEquals(3, builder.remove(Ipv6Prefix.parse("fd00:1::5/128")));
        assertEquals(2, builder.build().lookup(hi, lo));
        builder.remove(Ipv6Prefix.parse("fd00:1::/48"));
        assertEquals(1, builder.build().lookup(hi, lo));
        builder.remove(Ipv6Prefix.parse("fd00::/16"));
        assertEquals(0, builder.build().lookup(hi, lo));
        builder.remove(Ipv6Prefix.parse("::/0"));
        final Ipv6Fib empty = builder.build();
        assertEquals(Ipv6Fib.NO_ROUTE, empty.lookup(hi, lo));
        assertEquals(0, empty.size());
        assertEquals(Ipv6Fib.NO_ROUTE, builder.remove(Ipv6Prefix.parse("::/0")));

        assertEquals(3, full.lookup(hi, lo), "an earlier snapshot is unaffected by later builds");
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 1 << 24})
    void rejectsRouteIndexOutsideTwentyFourBits(final int index)
    {
        assertEquals("route index must be 0..16777215, got " + index,
            assertThrows(IllegalArgumentException.class,
                () -> Ipv6FibBuilder.empty().add(Ipv6Prefix.parse("fd00::/8"), index)).getMessage());
    }

    @Test
    void largestRouteIndexSurvivesPathCompression()
    {
        final Ipv6FibBuilder builder = Ipv6FibBuilder.empty();
        builder.add(Ipv6Prefix.parse("fd00:1:2:3::/64"), (1 << 24) - 1);
        builder.add(Ipv6Prefix.parse("fd00:1:2:3:4::1/128"), (1 << 24) - 2);
        builder.add(Ipv6Prefix.parse("fd00::/20"), 5);
        final Ipv6Fib fib = builder.build();
        assertEquals((1 << 24) - 1,
            fib.lookup(Ipv6Address.parseHi("fd00:1:2:3::9"), Ipv6Address.parseLo("fd00:1:2:3::9")));
        assertEquals((1 << 24) - 2,
            fib.lookup(Ipv6Address.parseHi("fd00:1:2:3:4::1"), Ipv6Address.parseLo("fd00:1:2:3:4::1")));
        assertEquals(5, fib.lookup(Ipv6Address.parseHi("fd00:1:2:4::"), Ipv6Address.parseLo("fd00:1:2:4::")));
    }

    @Test
    void replacingARouteReturnsThePreviousIndex()
    {
        final Ipv6FibBuilder builder = Ipv6FibBuilder.empty();
        assertEquals(Ipv6Fib.NO_ROUTE, builder.add(Ipv6Prefix.parse("fd00::/8"), 4));
        assertEquals(4, builder.add(Ipv6Prefix.parse("fd00::/8"), 5));
        assertEquals(1, builder.size());
        assertEquals(5, builder.build().get(Ipv6Prefix.parse("fd00::/8")));
    }
}
