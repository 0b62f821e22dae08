package net.srv6epe.bgp.rib;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The route table against a {@link HashMap} over seeded random puts, replacements and removals: tens of thousands
 * of keys, so the table grows over many pages and backward-shift deletion moves entries across page boundaries
 * and around the end of the table; keys collide on every part but one (RD, high, low, length).
 */
class RouteTableTest
{
    private record Key(long rd, long hi, long lo, int length)
    {
    }

    private record Entry(int label, String value)
    {
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void behavesLikeAMapThroughGrowthAndDeletion(final long seed)
    {
        final Random random = new Random(seed);
        final RouteTable<String> table = new RouteTable<>();
        final Map<Key, Entry> reference = new HashMap<>();
        final List<Key> keys = new ArrayList<>();
        for (int i = 0; i < 40_000; i++)
        {
            // few distinct values per field, so keys differ in one field only
            keys.add(new Key(random.nextInt(4), 0x2001_0db8_0000_0000L | random.nextInt(4_000) << 16,
                random.nextInt(3), 48 + random.nextInt(3) * 16));
        }
        for (int step = 0; step < 300_000; step++)
        {
            final Key k = keys.get(random.nextInt(keys.size()));
            final int op = random.nextInt(10);
            if (op < 6)
            {
                final Entry e = new Entry(random.nextInt(1 << 24), "v" + step);
                final Entry was = reference.put(k, e);
                assertEquals(was == null ? null : was.value(), table.put(k.rd(), k.hi(), k.lo(), k.length(), e.label(),
                    e.value()));
            }
            else if (op < 9)
            {
                final Entry was = reference.remove(k);
                assertEquals(was == null ? null : was.value(), table.remove(k.rd(), k.hi(), k.lo(), k.length()));
            }
            else
            {
                final Entry e = reference.get(k);
                assertEquals(e == null ? null : e.value(), table.get(k.rd(), k.hi(), k.lo(), k.length()));
                assertEquals(e == null ? -1 : e.label(), table.label(k.rd(), k.hi(), k.lo(), k.length()));
            }
            assertEquals(reference.size(), table.size());
        }
        final Map<Key, Entry> listed = new HashMap<>();
        table.forEach((rd, hi, lo, length, label, value) ->
            assertNull(listed.put(new Key(rd, hi, lo, length), new Entry(label, value)), "listed twice"));
        assertEquals(reference, listed);
    }

    @Test
    void aLimitedVisitStopsAtTheLimitAndClearEmptiesTheTable()
    {
        final RouteTable<Integer> table = new RouteTable<>();
        for (int i = 0; i < 20_000; i++)
        {
            table.put(7, (long)i << 20, 0, 44, i, i);
        }
        final int[] visited = {0};
        assertEquals(12_345, table.forEach((rd, hi, lo, length, label, value) -> visited[0]++, 12_345));
        assertEquals(12_345, visited[0]);
        assertEquals(20_000, table.forEach((rd, hi, lo, length, label, value) -> { }, Integer.MAX_VALUE));

        table.clear();
        assertEquals(0, table.size());
        assertNull(table.get(7, 5L << 20, 0, 44));
        table.put(7, 5L << 20, 0, 44, 1, 5);
        assertEquals(5, table.get(7, 5L << 20, 0, 44));
    }
}
