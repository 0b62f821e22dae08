package net.srv6epe.vrf.fib;

import net.srv6epe.vrf.prefix.Ipv6Prefix;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Large batches through one builder (the BGP writer's pattern): adds, replacements and removals, several in one
 * batch for the same prefix, removals of absent prefixes, many slots and the short-route slot, built again and
 * again. After every build the FIB must hold exactly the reference table (size, exact gets, ordered listing,
 * longest-prefix matches), the builder must agree with it before the build, and earlier snapshots must not change.
 */
class BatchedBuildTest
{
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void everyBuildHoldsExactlyTheReferenceTable(final long seed)
    {
        final Random random = new Random(seed);
        final List<Ipv6Prefix> universe = universe(random, 6_000);
        final TreeMap<Ipv6Prefix, Integer> reference = new TreeMap<>(BatchedBuildTest::prefixOrder);
        final Ipv6FibBuilder builder = Ipv6FibBuilder.empty();
        Ipv6Fib previous = null;
        Map<Ipv6Prefix, Integer> previousContent = null;
        for (int batch = 0; batch < 8; batch++)
        {
            final int changes = batch == 0 ? 5_000 : 200 + random.nextInt(3_000);
            for (int c = 0; c < changes; c++)
            {
                final Ipv6Prefix p = universe.get(random.nextInt(universe.size()));
                if (random.nextInt(4) == 0)
                {
                    final Integer was = reference.remove(p);
                    assertEquals(was == null ? Ipv6Fib.NO_ROUTE : was, builder.remove(p), "remove " + p);
                }
                else
                {
                    final int value = random.nextInt(64);
                    final Integer was = reference.put(p, value);
                    assertEquals(was == null ? Ipv6Fib.NO_ROUTE : was, builder.add(p, value), "add " + p);
                }
                assertEquals(reference.size(), builder.size());
            }
            for (final Ipv6Prefix p : universe)
            {
                assertEquals(reference.getOrDefault(p, Ipv6Fib.NO_ROUTE), builder.get(p), "builder get " + p);
            }
            final Ipv6Fib fib = builder.build();
            assertHolds(reference, fib, random);
            if (previous != null)
            {
                assertEquals(previousContent, content(previous), "an earlier snapshot changed");
            }
            previous = fib;
            previousContent = content(fib);
        }
    }

    private static void assertHolds(final TreeMap<Ipv6Prefix, Integer> reference, final Ipv6Fib fib,
        final Random random)
    {
        assertEquals(reference.size(), fib.size());
        assertEquals(reference, content(fib));
        for (final Map.Entry<Ipv6Prefix, Integer> e : reference.entrySet())
        {
            assertEquals(e.getValue(), fib.get(e.getKey()), "get " + e.getKey());
        }
        final List<Ipv6Prefix> keys = new ArrayList<>(reference.keySet());
        for (int i = 0; i < 500; i++)
        {
            // an address inside a random route (or anywhere), host bits random
            final long hi;
            final long lo;
            if (!keys.isEmpty() && random.nextInt(5) != 0)
            {
                final Ipv6Prefix p = keys.get(random.nextInt(keys.size()));
                hi = p.hi() | (random.nextLong() & ~Ipv6Prefix.maskHi(p.length()));
                lo = p.lo() | (random.nextLong() & ~Ipv6Prefix.maskLo(p.length()));
            }
            else
            {
                hi = random.nextLong();
                lo = random.nextLong();
            }
            assertEquals(longestMatch(reference, hi, lo), fib.lookup(hi, lo));
        }
    }

    /** The FIB's listing, in its order, checked to be the prefix order. */
    private static Map<Ipv6Prefix, Integer> content(final Ipv6Fib fib)
    {
        final TreeMap<Ipv6Prefix, Integer> out = new TreeMap<>(BatchedBuildTest::prefixOrder);
        final Ipv6Prefix[] last = {null};
        fib.forEach((hi, lo, length, index) ->
        {
            final Ipv6Prefix p = Ipv6Prefix.of(hi, lo, length);
            if (last[0] != null && prefixOrder(last[0], p) >= 0)
            {
                throw new AssertionError("listing out of order: " + last[0] + " then " + p);
            }
            last[0] = p;
            out.put(p, index);
        });
        return out;
    }

    private static int longestMatch(final Map<Ipv6Prefix, Integer> routes, final long hi, final long lo)
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

    /** Address (unsigned), then length: the FIB's listing order. */
    static int prefixOrder(final Ipv6Prefix a, final Ipv6Prefix b)
    {
        int c = Long.compareUnsigned(a.hi(), b.hi());
        if (c == 0)
        {
            c = Long.compareUnsigned(a.lo(), b.lo());
        }
        return c != 0 ? c : Integer.compare(a.length(), b.length());
    }

    /**
     * Prefixes that nest and share slots: a few hundred /16../40 parents (some of them short routes, 16 bits or
     * less) with /41../128 children, and some short routes of their own.
     */
    static List<Ipv6Prefix> universe(final Random random, final int count)
    {
        final List<Ipv6Prefix> parents = new ArrayList<>();
        for (int i = 0; i < 300; i++)
        {
            final long hi = (random.nextInt(6) == 0 ? 0x2001L : 0x2000L + random.nextInt(40)) << 48 |
                (random.nextLong() >>> 16);
            parents.add(Ipv6Prefix.covering(hi, 0, 16 + random.nextInt(25)));
        }
        final List<Ipv6Prefix> out = new ArrayList<>(parents);
        for (int i = 0; i < 40; i++)
        {
            out.add(Ipv6Prefix.covering(random.nextLong(), 0, random.nextInt(17)));
        }
        while (out.size() < count)
        {
            final Ipv6Prefix parent = parents.get(random.nextInt(parents.size()));
            final int length = parent.length() + 1 + random.nextInt(128 - parent.length());
            out.add(Ipv6Prefix.covering(parent.hi() | (random.nextLong() & ~Ipv6Prefix.maskHi(parent.length())),
                random.nextLong(), length));
        }
        return out;
    }
}
