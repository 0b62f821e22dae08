package net.srv6epe.perf.suite;

/**
 * The generator's pacing: a token bucket filled at {@code ratePps} up to {@code burst} tokens, read with the caller's
 * clock (so tests advance it by hand). A rate of 0 means flat out: every request is granted in full.
 */
final class TokenBucket
{
    private final long ratePps;
    private final long burst;
    private long lastNs;
    /** Tokens in units of 1e-9 packet, so that the fill never rounds a slow rate down to nothing. */
    private long nanoTokens;

    /**
     * @param ratePps packets per second, 0 for flat out.
     * @param burst   most packets granted at once after an idle spell (at least 1).
     * @param nowNs   the clock now: the bucket starts empty.
     */
    TokenBucket(final long ratePps, final int burst, final long nowNs)
    {
        if (ratePps < 0 || burst < 1)
        {
            throw new IllegalArgumentException("rate " + ratePps + " pps, burst " + burst);
        }
        this.ratePps = ratePps;
        this.burst = burst;
        this.lastNs = nowNs;
    }

    /** How many of {@code wanted} packets may leave now; the granted ones are taken from the bucket. */
    int take(final long nowNs, final int wanted)
    {
        if (ratePps == 0)
        {
            return wanted;
        }
        final long elapsed = Math.max(0, nowNs - lastNs);
        lastNs = nowNs;
        final long cap = burst * 1_000_000_000L;
        // elapsed * rate can overflow after a long idle spell: the cap is reached anyway then
        final long added = elapsed > cap / Math.max(1, ratePps) ? cap : elapsed * ratePps;
        nanoTokens = Math.min(cap, nanoTokens + added);
        final int granted = (int)Math.min(wanted, nanoTokens / 1_000_000_000L);
        nanoTokens -= granted * 1_000_000_000L;
        return granted;
    }
}
