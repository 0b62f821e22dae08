package net.srv6epe.perf.suite;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 2544 section 26.1 throughput: the highest offered rate at which the loss stays within {@code maxLoss}
 * (0 for "no loss", 0.001 for 0.1 %), found by a binary search between 0 and {@code maxPps}. The maximum is tried
 * first (a DUT that keeps up with the generator needs one trial); then the interval [last pass, first fail] is
 * halved until it is narrower than {@code resolution} × {@code maxPps} or the trials are used up. No clock, no
 * threads: the trials are the caller's.
 */
final class RateSearch
{
    /** One trial: runs the DUT at {@code ratePps} and returns the loss ratio (0..1). */
    @FunctionalInterface
    interface Trial
    {
        double loss(long ratePps) throws Exception;
    }

    /** One trial's outcome. */
    record Step(long ratePps, double loss, boolean pass)
    {
    }

    /** The highest passing rate (0 when none passed) and every trial in order. */
    record Outcome(long bestPps, List<Step> steps)
    {
    }

    private RateSearch()
    {
    }

    /**
     * Searches.
     *
     * @param maxPps     the highest rate worth trying (what the generator can offer).
     * @param maxLoss    the loss ratio that still passes.
     * @param resolution stop when the interval is narrower than this fraction of {@code maxPps} (e.g. 0.02).
     * @param maxTrials  at most this many trials.
     */
    static Outcome search(final Trial trial, final long maxPps, final double maxLoss, final double resolution,
        final int maxTrials) throws Exception
    {
        if (maxPps < 1 || maxTrials < 1 || resolution <= 0 || maxLoss < 0)
        {
            throw new IllegalArgumentException("max " + maxPps + " pps, " + maxTrials + " trials, resolution " +
                resolution + ", max loss " + maxLoss);
        }
        final List<Step> steps = new ArrayList<>();
        long pass = 0;
        long fail = maxPps + 1;
        long rate = maxPps;
        final double width = Math.max(1, resolution * maxPps);
        while (steps.size() < maxTrials)
        {
            final double loss = trial.loss(rate);
            final boolean ok = loss <= maxLoss;
            steps.add(new Step(rate, loss, ok));
            if (ok)
            {
                pass = rate;
            }
            else
            {
                fail = rate;
            }
            if (fail - pass <= width)
            {
                break;
            }
            rate = pass + (fail - pass) / 2;
        }
        return new Outcome(pass, List.copyOf(steps));
    }
}
