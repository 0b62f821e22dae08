package net.srv6epe.vrf.fib;

import net.srv6epe.srv6.Ipv4Address;
import net.srv6epe.vrf.prefix.Ipv4Prefix;
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

class Ipv4FibTest
{
    private static int reference(final Map<Ipv4Prefix, Integer> routes, final int address)
    {
        int bestLength = -1;
        int best = Ipv4Fib.NO_ROUTE;
        for (final Map.Entry<Ipv4Prefix, Integer> e : routes.entrySet())
        {
            if (e.getKey().length() > bestLength && e.getKey().contains(address))
            {
                bestLength = e.getKey().length();
                best = e.getValue();
            }
        }
        return best;
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void matchesBruteForceOnRandomTables(final long seed)
    {
        final Random random = new Random(seed);
        final int[] seeds = {random.nextInt(), random.nextInt(), random.nextInt(), random.nextInt()};
        final Map<Ipv4Prefix, Integer> routes = new TreeMap<>();
        final int count = 50 + random.nextInt(500);
        for (int i = 0; i < count; i++)
        {
            final int length = random.nextInt(33);
            final int address = seeds[random.nextInt(seeds.length)] ^ (1 << random.nextInt(32));
            routes.put(Ipv4Prefix.of(address & Ipv4Prefix.mask(length), length), i);
        }
        final Ipv4FibBuilder builder = Ipv4FibBuilder.empty();
        routes.forEach(builder::add);
        Ipv4Fib fib = builder.build();
        final List<Ipv4Prefix> keys = new ArrayList<>(routes.keySet());
        for (int round = 0; round < 2; round++)
        {
            for (int i = 0; i < 3000; i++)
            {
                final Ipv4Prefix p = keys.get(random.nextInt(keys.size()));
                int address = p.address() | (random.nextInt() & ~Ipv4Prefix.mask(p.length()));
                if (random.nextBoolean())
                {
                    address ^= 1 << random.nextInt(32);
                }
                assertEquals(reference(routes, address), fib.lookup(address), Ipv4Address.format(address));
            }
            final Ipv4FibBuilder next = Ipv4FibBuilder.from(fib);
            for (int i = 0; i < keys.size() / 3; i++)
            {
                final Ipv4Prefix victim = keys.get(random.nextInt(keys.size()));
                routes.remove(victim);
                next.remove(victim);
            }
            fib = next.build();
            assertEquals(routes.size(), fib.size());
        }
    }

    @ParameterizedTest
    @CsvSource({
        "0.0.0.0/0, 192.0.2.1, 7",
        "0.0.0.0/0, 255.255.255.255, 7",
        "192.0.2.1/32, 192.0.2.1, 7",
        "192.0.2.1/32, 192.0.2.0, -1",
        "255.255.255.255/32, 255.255.255.255, 7",
        "192.0.2.0/24, 192.0.2.255, 7",
        "192.0.2.0/24, 192.0.3.0, -1",
        "10.0.0.0/8, 10.255.0.1, 7",
        "128.0.0.0/1, 127.255.255.255, -1",
    })
    void singleRouteEdges(final String prefix, final String address, final int expected)
    {
        final Ipv4FibBuilder builder = Ipv4FibBuilder.empty();
        builder.add(Ipv4Prefix.parse(prefix), 7);
        assertEquals(expected, builder.build().lookup(Ipv4Address.parse(address)));
    }

    @Test
    void removalRestoresTheCoveringRouteAndListsInOrder()
    {
        final Ipv4FibBuilder builder = Ipv4FibBuilder.empty();
        builder.add(Ipv4Prefix.parse("0.0.0.0/0"), 0);
        builder.add(Ipv4Prefix.parse("10.0.0.0/8"), 1);
        builder.add(Ipv4Prefix.parse("10.1.2.0/24"), 2);
        builder.add(Ipv4Prefix.parse("10.1.2.3/32"), 3);
        final int address = Ipv4Address.parse("10.1.2.3");
        final Ipv4Fib full = builder.build();
        assertEquals(3, full.lookup(address));
        final List<String> listed = new ArrayList<>();
        full.forEach((a, length, index) -> listed.add(Ipv4Prefix.of(a, length) + "=" + index));
        assertEquals(List.of("0.0.0.0/0=0", "10.0.0.0/8=1", "10.1.2.0/24=2", "10.1.2.3/32=3"), listed);

        builder.remove(Ipv4Prefix.parse("10.1.2.3/32"));
        assertEquals(2, builder.build().lookup(address));
        builder.remove(Ipv4Prefix.parse("10.1.2.0/24"));
        assertEquals(1, builder.build().lookup(address));
        builder.remove(Ipv4Prefix.parse("10.0.0.0/8"));
        assertEquals(0, builder.build().lookup(address));
        assertEquals(3, full.lookup(address));
    }
}
