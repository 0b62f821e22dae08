package net.srv6epe.perf.suite;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The million routes of scenario {@code pbr-1m}: /64s {@code fd00:1000:X:Y::/64} for route i (X, Y the two 16-bit
 * halves of i), all via the sink, in the VRF a PBR rule sends the generator's traffic to; flow f of F goes to the
 * ::1 of route {@code f * (ROUTES / F)}, so the flows' lookups spread over the whole table. Written once per run:
 * a {@code routes-file} for our router, an {@code ip -batch} file for the kernel.
 */
final class BigTable
{
    /** Routes in the table. */
    static final int ROUTES = 1_000_000;
    /** The kernel table / our VRF's table id. */
    static final int TABLE = 200;
    /** Placeholder in the scenario's router YAML for the path of the run's routes file. */
    static final String ROUTES_FILE = "%ROUTES_FILE%";
    /** Placeholder in the scenario's kernel commands for the path of the run's {@code ip -batch} file. */
    static final String KERNEL_BATCH = "%KERNEL_BATCH%";

    private BigTable()
    {
    }

    /** Route i's prefix. */
    static String prefix(final int i)
    {
        return "fd00:1000:" + Integer.toHexString(i >>> 16) + ":" + Integer.toHexString(i & 0xFFFF) + "::/64";
    }

    /** Flow {@code flow}'s destination address (of {@code flows}). */
    static String destination(final int flow, final int flows)
    {
        final int i = (int)((long)flow * (ROUTES / Math.max(1, flows)) % ROUTES);
        return "fd00:1000:" + Integer.toHexString(i >>> 16) + ":" + Integer.toHexString(i & 0xFFFF) + "::1";
    }

    /** Our router's {@code routes-file}: {@code PREFIX via SINK dev out}. */
    static Path writeRoutesFile(final Path dir) throws IOException
    {
        final Path file = dir.resolve("big.routes");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII))
        {
            for (int i = 0; i < ROUTES; i++)
            {
                out.write(prefix(i));
                out.write(" via " + Addressing.SINK6 + " dev out\n");
            }
        }
        return file;
    }

    /** The kernel's {@code ip -6 -batch} file: {@code route add PREFIX via SINK dev out0 table 200}. */
    static Path writeKernelBatch(final Path dir) throws IOException
    {
        final Path file = dir.resolve("big.batch");
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII))
        {
            for (int i = 0; i < ROUTES; i++)
            {
                out.write("route add ");
                out.write(prefix(i));
                out.write(" via " + Addressing.SINK6 + " dev " + Addressing.OUT_IF + " table " + TABLE + "\n");
            }
        }
        return file;
    }
}
