package net.srv6epe.dataplane.neighbor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NeighborTableTest
{
    /** Seeded property test: every entry put is found with its MAC, on its port and family only. */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 4711})
    void findsEveryEntryOnItsPortAndFamilyOnly(final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final int n = 1 + random.nextInt(500);
        final long[] hi = new long[n];
        final long[] lo = new long[n];
        final NeighborSnapshot snapshot = new NeighborSnapshot(n);
        for (int i = 0; i < n; i++)
        {
            hi[i] = random.nextBoolean() ? 0xFD00_0000_0000_0000L : random.nextLong();
            lo[i] = random.nextInt(4) == 0 ? i : random.nextLong();
            snapshot.put(NeighborSnapshot.portFamily(i % 3, NeighborSnapshot.FAMILY_IPV6), hi[i], lo[i], i + 1,
                NeighborState.REACHABLE);
        }
        final NeighborTable table = new NeighborTable();
        table.publish(snapshot);
        for (int i = 0; i < n; i++)
        {
            assertEquals(i + 1, table.lookup(i % 3, hi[i], lo[i]));
            assertEquals(NeighborTable.MISS, table.lookup(i % 3 + 3, hi[i], lo[i]));
        }
        assertEquals(n, table.entries().size());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"INCOMPLETE", "FAILED"})
    void unusableStatesAreMisses(final String state)
    {
        final NeighborSnapshot snapshot = new NeighborSnapshot(1);
        snapshot.put(NeighborSnapshot.portFamily(0, NeighborSnapshot.FAMILY_IPV4), 0, 0xC612_0001L, 5,
            NeighborState.valueOf(state));
        final NeighborTable table = new NeighborTable();
        table.publish(snapshot);
        assertEquals(NeighborTable.MISS, table.lookup(0, 0xC612_0001));
        assertEquals(NeighborState.valueOf(state), table.entries().get(0).state());
        assertEquals("198.18.0.1", table.entries().get(0).address());
    }
}
