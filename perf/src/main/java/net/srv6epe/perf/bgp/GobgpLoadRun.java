package net.srv6epe.perf.bgp;

import net.srv6epe.srv6.Ipv4Address;
import net.srv6epe.srv6.Ipv6Address;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One measured load of {@code gobgpd} with the same blaster and the same routes: start it, bring the session up,
 * encode for the negotiated message size, send, and poll {@code gobgp neighbor ADDR -j} until every route is
 * accepted: every {@value #FAR_POLL_MS} ms, and every {@value #NEAR_POLL_MS} ms once 90 % are in (the figure's
 * resolution). Polls are kept few because each one disturbs what it measures: it starts a {@code gobgp} process
 * (some 30-50 ms of CPU here) and gobgpd answers it (counting the accepted routes) inside the same event loop
 * that processes the UPDATEs.
 */
public final class GobgpLoadRun
{
    private static final int HANDSHAKE_TIMEOUT_MS = 10_000;
    private static final long FAR_POLL_MS = 1_000;
    private static final long NEAR_POLL_MS = 100;
    private static final double NEAR_FRACTION = 0.9;

    private GobgpLoadRun()
    {
    }

    /**
     * Runs once.
     *
     * @param dir      a fresh directory for gobgpd's configuration and log
     * @param timeoutS how long to wait for gobgpd to accept everything
     * @throws IOException when gobgpd or the session fails, or it does not accept everything in time
     */
    public static LoadResult run(final Path dir, final PrefixMix prefixes, final List<BlastVrf> vrfs,
        final long timeoutS) throws IOException, InterruptedException
    {
        final int n = prefixes.size();
        try (GobgpUnderTest gobgp = GobgpUnderTest.start(dir, RouterLoadRun.BLASTER_ADDRESS);
            RouteBlaster blaster = RouteBlaster.connect(gobgp.bgpAddress(),
                InetAddress.getByName(RouterLoadRun.BLASTER_ADDRESS), BlastVrf.AS, Ipv4Address.parse("198.18.0.9"),
                90, HANDSHAKE_TIMEOUT_MS))
        {
            final UpdateStream updates = UpdateStream.announce(prefixes, vrfs, i -> true,
                Ipv6Address.parseHi(RouterLoadRun.NEXT_HOP), Ipv6Address.parseLo(RouterLoadRun.NEXT_HOP),
                blaster.options());
            final long startNs = blaster.send(updates);
            final long writtenNs = System.nanoTime();
            blaster.send(UpdateStream.endOfRib());
            final long deadline = startNs + TimeUnit.SECONDS.toNanos(timeoutS);
            long accepted = 0;
            long now = System.nanoTime();
            while (now < deadline && (accepted = gobgp.acceptedRoutes()) < n)
            {
                if (blaster.failure() != null)
                {
                    throw new IOException("the session failed during the load: " + blaster.failure());
                }
                Thread.sleep(accepted >= NEAR_FRACTION * n ? NEAR_POLL_MS : FAR_POLL_MS);
                now = System.nanoTime();
            }
            now = System.nanoTime();
            if (accepted < n)
            {
                throw new IOException("gobgpd accepted only " + accepted + " of " + n + " routes after " + timeoutS +
                    " s");
            }
            return new LoadResult("gobgpd", n, updates.messages(), blaster.options().maxMessageLength(),
                writtenNs - startNs, now - startNs, -1, gobgp.peakRssBytes(), -1, -1, -1, -1);
        }
    }
}
