package net.srv6epe.srv6.behavior;

import org.agrona.concurrent.NanoClock;

/**
 * Token bucket for ICMP errors (RFC 4443 2.4 f, RFC 1812 4.3.2.8): {@code ratePerSecond} tokens refill
 * continuously up to {@code burst}; each error sent takes one. Single-threaded: one instance per worker.
 * When {@link #tryAcquire()} says no, the caller counts {@link net.srv6epe.srv6.DropReason#ICMP_RATE_LIMITED}
 * (and so does {@link #suppressed()}).
 */
public final class IcmpRateLimiter
{
    private static final long NANOS_PER_TOKEN = 1_000_000_000L;

    private final NanoClock clock;
    private final long ratePerSecond;
    private final long capacityNanoTokens;
    private final long fillTimeNs;
    private boolean enabled;
    private long nanoTokens;
    private long lastNs;
    private long suppressed;

    /**
     * @param clock nanosecond clock (tests inject a hand-advanced one)
     * @param ratePerSecond sustained errors per second, > 0
     * @param burst bucket size in errors, > 0; the bucket starts full
     * @param enabled when false, every error is suppressed
     */
    public IcmpRateLimiter(final NanoClock clock, final long ratePerSecond, final long burst, final boolean enabled)
    {
        if (ratePerSecond <= 0 || burst <= 0 || burst > Long.MAX_VALUE / NANOS_PER_TOKEN)
        {
            throw new IllegalArgumentException("rate and burst must be positive: rate=" + ratePerSecond +
                " burst=" + burst);
        }
        this.clock = clock;
        this.ratePerSecond = ratePerSecond;
        this.capacityNanoTokens = burst * NANOS_PER_TOKEN;
        this.fillTimeNs = capacityNanoTokens / ratePerSecond + 1;
        this.enabled = enabled;
        this.nanoTokens = capacityNanoTokens;
        this.lastNs = clock.nanoTime();
    }

    /** True when an error may be sent now (a token was taken), false when it must be suppressed. */
    public boolean tryAcquire()
    {
        if (!enabled)
        {
            suppressed++;
            return false;
        }
        final long nowNs = clock.nanoTime();
        final long elapsedNs = nowNs - lastNs;
        lastNs = nowNs;
        if (elapsedNs >= fillTimeNs)
        {
            nanoTokens = capacityNanoTokens;
        }
        else if (elapsedNs > 0)
        {
            nanoTokens = Math.min(capacityNanoTokens, nanoTokens + elapsedNs * ratePerSecond);
        }
        if (nanoTokens >= NANOS_PER_TOKEN)
        {
            nanoTokens -= NANOS_PER_TOKEN;
            return true;
        }
        suppressed++;
        return false;
    }

    public boolean enabled()
    {
        return enabled;
    }

    public IcmpRateLimiter enabled(final boolean enabled)
    {
        this.enabled = enabled;
        return this;
    }

    /** Errors suppressed so far (rate limited or disabled). */
    public long suppressed()
    {
        return suppressed;
    }
}
