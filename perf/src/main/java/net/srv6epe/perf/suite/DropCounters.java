package net.srv6epe.perf.suite;

import static net.srv6epe.perf.suite.Addressing.GEN_IF;
import static net.srv6epe.perf.suite.Addressing.OUT_IF;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import net.srv6epe.dataplane.control.ControlClient;
import net.srv6epe.dataplane.control.ControlException;
import net.srv6epe.dataplane.control.ControlRequest;

/**
 * Where frames died, counted at the places a frame can die between the generator and the sink (read before and
 * after the measured window, the difference kept):
 *
 * @param inBacklog  frames the kernel could not queue for the DUT's CPU: {@code gen0}'s transmit drops (a veth
 *                   counts the peer's receive-backlog overflow there), both DUTs. The veth reports them to the
 *                   generator's {@code sendmmsg} ({@code NET_XMIT_DROP}, i.e. {@code ENOBUFS}), which sends them
 *                   again: they are not in the loss, they say the DUT's CPU was saturated. With the xdp
 *                   generator ({@link XdpGenerator}) they are the frames {@code in0}'s receive ring had no room for,
 *                   which nobody sends again: the DUT's ingress overflow, part of the loss.
 * @param dutRing    frames our router's receive ring had no room for ({@code port.in.rx.dropped}, the kernel's
 *                   {@code PACKET_STATISTICS}); 0 for the kernel DUT.
 * @param dutPipeline frames our pipeline dropped (the sum of {@code show errors}); 0 for the kernel DUT.
 * @param dutTx      frames our router could not send ({@code port.out.tx.backpressure-drops} and
 *                   {@code port.out.tx.errors}); 0 for the kernel DUT.
 * @param outBacklog frames the kernel could not queue towards the sink: {@code out0}'s transmit drops, both DUTs.
 */
record DropCounters(long inBacklog, long dutRing, long dutPipeline, long dutTx, long outBacklog)
{
    private static final ObjectMapper JSON = new ObjectMapper();

    /** No drops (a DUT that could not be asked). */
    static final DropCounters NONE = new DropCounters(0, 0, 0, 0, 0);

    /**
     * Reads the counters now: the veths' from {@code ip -s -j link}, our router's (when {@code controlSocket} is not
     * null) from its control socket.
     */
    static DropCounters read(final LabTopology lab, final Path controlSocket)
    {
        long ring = 0;
        long pipeline = 0;
        long tx = 0;
        if (controlSocket != null)
        {
            final ControlClient client = new ControlClient(controlSocket, 2_000);
            try
            {
                for (final JsonNode row : client.request(new ControlRequest("show", "counters", null)))
                {
                    final String name = row.path("name").asText();
                    final long value = row.path("value").asLong();
                    if (name.equals("port.in.rx.dropped"))
                    {
                        ring += value;
                    }
                    else if (name.equals("port.out.tx.backpressure-drops") || name.equals("port.out.tx.errors"))
                    {
                        tx += value;
                    }
                }
                for (final JsonNode row : client.request(new ControlRequest("show", "errors", null)))
                {
                    pipeline += row.path("count").asLong();
                }
            }
            catch (final ControlException ex)
            {
                throw new IllegalStateException("cannot read the router's counters: " + ex.getMessage(), ex);
            }
        }
        return new DropCounters(txDropped(lab, lab.gen, GEN_IF), ring, pipeline, tx, txDropped(lab, lab.dut, OUT_IF));
    }

    private static long txDropped(final LabTopology lab, final String ns, final String ifc)
    {
        final String out = lab.inNs(ns, List.of("ip", "-s", "-j", "link", "show", "dev", ifc));
        try
        {
            return JSON.readTree(out).path(0).path("stats64").path("tx").path("dropped").asLong();
        }
        catch (final java.io.IOException ex)
        {
            throw new IllegalStateException("ip -s -j link show " + ifc + " in " + ns + ": " + out, ex);
        }
    }

    /** These counters minus {@code earlier}'s. */
    DropCounters minus(final DropCounters earlier)
    {
        return new DropCounters(inBacklog - earlier.inBacklog, dutRing - earlier.dutRing,
            dutPipeline - earlier.dutPipeline, dutTx - earlier.dutTx, outBacklog - earlier.outBacklog);
    }

    /** These counters plus {@code other}'s. */
    DropCounters plus(final DropCounters other)
    {
        return new DropCounters(inBacklog + other.inBacklog, dutRing + other.dutRing,
            dutPipeline + other.dutPipeline, dutTx + other.dutTx, outBacklog + other.outBacklog);
    }

    /** {@code in-backlog N, dut-ring N, dut-pipeline N, dut-tx N, out-backlog N}. */
    String describe()
    {
        return String.format(Locale.ROOT, "in-backlog %d, dut-ring %d, dut-pipeline %d, dut-tx %d, out-backlog %d",
            inBacklog, dutRing, dutPipeline, dutTx, outBacklog);
    }

    /** A JSON object of the five counts. */
    String json()
    {
        return String.format(Locale.ROOT,
            "{\"in_backlog\":%d,\"dut_ring\":%d,\"dut_pipeline\":%d,\"dut_tx\":%d,\"out_backlog\":%d}",
            inBacklog, dutRing, dutPipeline, dutTx, outBacklog);
    }
}
