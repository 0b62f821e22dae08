package net.srv6epe.srv6.bond;

/**
 * The head end's per-packet scheduler of one bond on one worker (docs/BONDING.md, "Head end: scheduler and
 * estimator"): earliest expected arrival first (EDPF, Chebrolu and Rao 2006).
 *
 * <p>Per member it keeps a virtual backlog (bytes) that drains at the member's estimated rate as time passes. A
 * packet of {@code b} bytes sent now on member {@code i} is expected at
 * {@code now + delay_i + (backlog_i + b) / rate_i}; the up member with the earliest expected arrival gets it (ties:
 * the lowest index) and its backlog grows by {@code b}. So each member is kept busy in proportion to its rate, a
 * member with a longer path gets packets only when the others' backlogs make up the difference, and packets
 * arrive nearly in order.
 *
 * <p>Choices:
 * <ul>
 *   <li>Backlogs are kept as doubles (bytes) so that slow drains do not round away.</li>
 *   <li>When even the least backlogged up member is more than {@link #MAX_BACKLOG_NS} behind (offered load above
 *       the sum of the rates), every up member's backlog is reduced by the same time's worth of bytes: this shifts
 *       every expected arrival by the same amount, so no decision changes, but the backlogs stay bounded and the
 *       scheduler returns to delay-aware choices soon after an overload ends.</li>
 *   <li>New parameters keep the backlogs (and the probe times); time that passed before the next call is drained
 *       at the new rates.</li>
 *   <li>A clock that goes backwards is treated as standing still.</li>
 * </ul>
 *
 * Not thread safe: one instance per worker and bond. Allocates nothing per packet.
 */
public final class BondScheduler
{
    /** How far (in time at its rate) the least backlogged up member may be behind before all are shifted. */
    public static final long MAX_BACKLOG_NS = 200_000_000L;

    private static final double NS_PER_SECOND = 1e9;

    private BondParams params;
    private int memberCount;
    private boolean[] up;
    private long[] delayNs;
    private double[] bytesPerNs;
    private double[] nsPerByte;
    private double[] backlog;
    private long[] lastProbeNs;
    private boolean[] probed;
    private long probeIntervalNs;
    private int probeCursor;
    private boolean started;
    private long lastNs;

    /**
     * A scheduler with empty backlogs.
     *
     * @param initial the parameters to start with
     */
    public BondScheduler(final BondParams initial)
    {
        params(initial);
    }

    /**
     * Adopts new parameters (the estimator published a new snapshot). The virtual backlogs and probe times are
     * kept; a different member count keeps those of the members both have.
     *
     * @param p the new parameters
     */
    public void params(final BondParams p)
    {
        if (p == null)
        {
            throw new NullPointerException("params");
        }
        if (p == params)
        {
            return;
        }
        final int count = p.memberCount();
        if (count != memberCount)
        {
            final double[] newBacklog = new double[count];
            final long[] newLastProbe = new long[count];
            final boolean[] newProbed = new boolean[count];
            final int kept = Math.min(count, memberCount);
            if (kept > 0)
            {
                System.arraycopy(backlog, 0, newBacklog, 0, kept);
                System.arraycopy(lastProbeNs, 0, newLastProbe, 0, kept);
                System.arraycopy(probed, 0, newProbed, 0, kept);
            }
            backlog = newBacklog;
            lastProbeNs = newLastProbe;
            probed = newProbed;
            up = new boolean[count];
            delayNs = new long[count];
            bytesPerNs = new double[count];
            nsPerByte = new double[count];
            memberCount = count;
            probeCursor = 0;
        }
        for (int m = 0; m < count; m++)
        {
            up[m] = p.up(m);
            delayNs[m] = p.delayNs(m);
            final double rate = p.rateBytesPerSec(m);
            bytesPerNs[m] = rate / NS_PER_SECOND;
            nsPerByte[m] = NS_PER_SECOND / rate;
        }
        probeIntervalNs = p.probeIntervalNs();
        params = p;
    }

    /** The parameters in use. */
    public BondParams params()
    {
        return params;
    }

    /**
     * Chooses the member for a packet: the up member with the earliest expected arrival, whose backlog then grows
     * by {@code bytes}.
     *
     * @param nowNs the current time (ns, any monotonic origin)
     * @param bytes the packet's size as counted against the rates
     * @return the member index, or -1 when no member is up
     */
    public int pick(final long nowNs, final int bytes)
    {
        drain(nowNs);
        int best = -1;
        double bestArrival = Double.POSITIVE_INFINITY;
        for (int m = 0; m < memberCount; m++)
        {
            if (up[m])
            {
                final double arrival = delayNs[m] + (backlog[m] + bytes) * nsPerByte[m];
                if (arrival < bestArrival)
                {
                    bestArrival = arrival;
                    best = m;
                }
            }
        }
        if (best >= 0)
        {
            backlog[best] += bytes;
        }
        return best;
    }

    /**
     * A down member due for a probe copy: each down member is returned at most once per probe interval (the
     * first time at once), the members taking turns.
     *
     * @param nowNs the current time (ns)
     * @return the member to send a probe copy on, or -1 when none is due
     */
    public int probe(final long nowNs)
    {
        for (int i = 0; i < memberCount; i++)
        {
            int m = probeCursor + i;
            if (m >= memberCount)
            {
                m -= memberCount;
            }
            if (!up[m] && (!probed[m] || nowNs - lastProbeNs[m] >= probeIntervalNs))
            {
                probed[m] = true;
                lastProbeNs[m] = nowNs;
                probeCursor = m + 1 == memberCount ? 0 : m + 1;
                return m;
            }
        }
        return -1;
    }

    /** The virtual backlog of member {@code m} in bytes, as of the last {@link #pick}. */
    public long backlogBytes(final int m)
    {
        return (long)backlog[m];
    }

    private void drain(final long nowNs)
    {
        if (!started)
        {
            started = true;
            lastNs = nowNs;
            return;
        }
        final long elapsed = nowNs - lastNs;
        if (elapsed <= 0)
        {
            return;
        }
        lastNs = nowNs;
        double leastBehindNs = Double.POSITIVE_INFINITY;
        for (int m = 0; m < memberCount; m++)
        {
            double b = backlog[m] - elapsed * bytesPerNs[m];
            if (b < 0)
            {
                b = 0;
            }
            backlog[m] = b;
            if (up[m])
            {
                final double behindNs = b * nsPerByte[m];
                if (behindNs < leastBehindNs)
                {
                    leastBehindNs = behindNs;
                }
            }
        }
        if (leastBehindNs > MAX_BACKLOG_NS && leastBehindNs != Double.POSITIVE_INFINITY)
        {
            final double shiftNs = leastBehindNs - MAX_BACKLOG_NS;
            for (int m = 0; m < memberCount; m++)
            {
                if (up[m])
                {
                    backlog[m] = Math.max(0, backlog[m] - shiftNs * bytesPerNs[m]);
                }
            }
        }
    }
}
