package net.srv6epe.perf.bgp;

import net.srv6epe.vrf.prefix.Ipv6Prefix;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A reproducible set of distinct IPv6 prefixes shaped like a full table, the same mix as {@code LpmBenchmark}:
 * up to 20,000 provider allocations in {@code 2000::/3} ({@code /29../36}, mostly {@code /32}), then routes
 * under random allocations: 85% {@code /48}, 8% {@code /33../64}, 7% {@code /128}. Kept as primitive arrays
 * (host bits clear) so a million prefixes cost 17 MB, not a million objects.
 */
public final class PrefixMix
{
    private static final int MAX_ALLOCATIONS = 20_000;

    private final long[] hi;
    private final long[] lo;
    private final byte[] length;

    private PrefixMix(final long[] hi, final long[] lo, final byte[] length)
    {
        this.hi = hi;
        this.lo = lo;
        this.length = length;
    }

    /**
     * {@code count} distinct prefixes drawn with {@code seed}; the same arguments always give the same prefixes in
     * the same order.
     */
    public static PrefixMix generate(final int count, final long seed)
    {
        if (count < 1)
        {
            throw new IllegalArgumentException("route count must be >= 1, got " + count);
        }
        final SplittableRandom random = new SplittableRandom(seed);
        final Set<Ipv6Prefix> seen = new HashSet<>(2 * count);
        final long[] hi = new long[count];
        final long[] lo = new long[count];
        final byte[] length = new byte[count];
        final int allocationCount = Math.min(MAX_ALLOCATIONS, count);
        final Ipv6Prefix[] allocations = new Ipv6Prefix[allocationCount];
        int n = 0;
        while (n < allocationCount)
        {
            final int bits = random.nextInt(10) < 7 ? 32 : 29 + random.nextInt(8);
            final Ipv6Prefix p = Ipv6Prefix.covering((0x2000L << 48) | (random.nextLong() >>> 3), 0, bits);
            if (seen.add(p))
            {
                allocations[n] = p;
                hi[n] = p.hi();
                lo[n] = p.lo();
                length[n] = (byte)p.length();
                n++;
            }
        }
        while (n < count)
        {
            final Ipv6Prefix parent = allocations[random.nextInt(allocationCount)];
            final int r = random.nextInt(100);
            final int bits = r < 85 ? 48 : r < 93 ? 33 + random.nextInt(32) : 128;
            if (bits <= parent.length())
            {
                continue;
            }
            final Ipv6Prefix p = Ipv6Prefix.covering(
                parent.hi() | (random.nextLong() & ~Ipv6Prefix.maskHi(parent.length())), random.nextLong(), bits);
            if (seen.add(p))
            {
                hi[n] = p.hi();
                lo[n] = p.lo();
                length[n] = (byte)p.length();
                n++;
            }
        }
        return new PrefixMix(hi, lo, length);
    }

    /** Prefixes held. */
    public int size()
    {
        return hi.length;
    }

    /** Address bits 0..63 of prefix {@code i}. */
    public long hi(final int i)
    {
        return hi[i];
    }

    /** Address bits 64..127 of prefix {@code i}. */
    public long lo(final int i)
    {
        return lo[i];
    }

    /** Length of prefix {@code i}. */
    public int length(final int i)
    {
        return length[i] & 0xFF;
    }

    /** Prefix {@code i} as an object. */
    public Ipv6Prefix prefix(final int i)
    {
        return Ipv6Prefix.of(hi[i], lo[i], length(i));
    }
}
