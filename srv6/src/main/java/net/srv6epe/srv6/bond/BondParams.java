package net.srv6epe.srv6.bond;

import java.util.Arrays;

/**
 * Immutable parameters for the schedulers of one (bond, stream), published by the {@link BondEstimator} and
 * adopted by each worker's {@link BondScheduler} (docs/BONDING.md, "Head end: scheduler and estimator"): per
 * member whether it may carry traffic, its estimated rate and its one-way delay relative to the fastest member.
 */
public final class BondParams
{
    /** The rate assumed for a member whose capacity is not known: 1.25 MB/s (10 Mbit/s). */
    public static final long DEFAULT_RATE_BYTES_PER_SEC = 1_250_000L;

    /** The most members a bond has (the feedback message carries at most 16). */
    public static final int MAX_MEMBERS = 16;

    private final boolean[] up;
    private final long[] rateBytesPerSec;
    private final long[] delayNs;
    private final long probeIntervalNs;
    private final long version;

    private BondParams(
        final boolean[] up, final long[] rateBytesPerSec, final long[] delayNs, final long probeIntervalNs,
        final long version)
    {
        this.up = up;
        this.rateBytesPerSec = rateBytesPerSec;
        this.delayNs = delayNs;
        this.probeIntervalNs = probeIntervalNs;
        this.version = version;
    }

    /**
     * The parameters before any feedback: every member up, at its first capacity estimate, no relative delay.
     *
     * @param memberCount the number of members, 1..{@link #MAX_MEMBERS}
     * @param capacityBytesPerSec per member the first capacity estimate, 0 (or a null array) for unknown, which
     *     becomes {@link #DEFAULT_RATE_BYTES_PER_SEC}
     * @param probeIntervalNs how often a down member gets a probe copy
     * @return version 0 of the parameters
     */
    public static BondParams initial(
        final int memberCount, final long[] capacityBytesPerSec, final long probeIntervalNs)
    {
        checkCount(memberCount);
        if (capacityBytesPerSec != null && capacityBytesPerSec.length != memberCount)
        {
            throw new IllegalArgumentException(
                "capacities for " + capacityBytesPerSec.length + " members, bond has " + memberCount);
        }
        final boolean[] up = new boolean[memberCount];
        final long[] rate = new long[memberCount];
        for (int m = 0; m < memberCount; m++)
        {
            up[m] = true;
            final long hint = capacityBytesPerSec == null ? 0 : capacityBytesPerSec[m];
            if (hint < 0)
            {
                throw new IllegalArgumentException("negative capacity for member " + m + ": " + hint);
            }
            rate[m] = hint == 0 ? DEFAULT_RATE_BYTES_PER_SEC : hint;
        }
        return new BondParams(up, rate, new long[memberCount], checkProbe(probeIntervalNs), 0);
    }

    /**
     * Parameters as given (the arrays are copied).
     *
     * @param version the version, increasing with each publication
     * @param up per member whether it may carry traffic
     * @param rateBytesPerSec per member the estimated rate, > 0
     * @param delayNs per member the one-way delay relative to the fastest member, >= 0
     * @param probeIntervalNs how often a down member gets a probe copy, > 0
     * @return the parameters
     */
    public static BondParams of(
        final long version, final boolean[] up, final long[] rateBytesPerSec, final long[] delayNs,
        final long probeIntervalNs)
    {
        final int count = up.length;
        checkCount(count);
        if (rateBytesPerSec.length != count || delayNs.length != count)
        {
            throw new IllegalArgumentException("arrays of different lengths");
        }
        for (int m = 0; m < count; m++)
        {
            if (rateBytesPerSec[m] <= 0)
            {
                throw new IllegalArgumentException("rate of member " + m + " not positive: " + rateBytesPerSec[m]);
            }
            if (delayNs[m] < 0)
            {
                throw new IllegalArgumentException("negative delay of member " + m + ": " + delayNs[m]);
            }
        }
        return new BondParams(up.clone(), rateBytesPerSec.clone(), delayNs.clone(), checkProbe(probeIntervalNs),
            version);
    }

    /** The number of members. */
    public int memberCount()
    {
        return up.length;
    }

    /** Whether member {@code m} may carry traffic (false: it gets only probe copies). */
    public boolean up(final int m)
    {
        return up[m];
    }

    /** Whether any member may carry traffic. */
    public boolean anyUp()
    {
        for (final boolean u : up)
        {
            if (u)
            {
                return true;
            }
        }
        return false;
    }

    /** The estimated rate of member {@code m} in bytes per second, > 0. */
    public long rateBytesPerSec(final int m)
    {
        return rateBytesPerSec[m];
    }

    /** The one-way delay of member {@code m} relative to the fastest member, in ns, >= 0. */
    public long delayNs(final int m)
    {
        return delayNs[m];
    }

    /** How often a down member gets a probe copy, in ns. */
    public long probeIntervalNs()
    {
        return probeIntervalNs;
    }

    /** The version: each publication of the estimator has a higher one; {@link #initial} is 0. */
    public long version()
    {
        return version;
    }

    /** Whether the per-member values and the probe interval equal {@code other}'s (the version aside). */
    public boolean sameValues(final BondParams other)
    {
        return other != null && probeIntervalNs == other.probeIntervalNs && Arrays.equals(up, other.up)
            && Arrays.equals(rateBytesPerSec, other.rateBytesPerSec) && Arrays.equals(delayNs, other.delayNs);
    }

    @Override
    public String toString()
    {
        return "BondParams{version=" + version + ", up=" + Arrays.toString(up) + ", rateBytesPerSec="
            + Arrays.toString(rateBytesPerSec) + ", delayNs=" + Arrays.toString(delayNs) + ", probeIntervalNs="
            + probeIntervalNs + '}';
    }

    private static void checkCount(final int memberCount)
    {
        if (memberCount < 1 || memberCount > MAX_MEMBERS)
        {
            throw new IllegalArgumentException("member count not in 1.." + MAX_MEMBERS + ": " + memberCount);
        }
    }

    private static long checkProbe(final long probeIntervalNs)
    {
        if (probeIntervalNs <= 0)
        {
            throw new IllegalArgumentException("probe interval not positive: " + probeIntervalNs);
        }
        return probeIntervalNs;
    }
}
