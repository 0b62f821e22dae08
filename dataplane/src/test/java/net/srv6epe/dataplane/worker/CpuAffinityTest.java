package net.srv6epe.dataplane.worker;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CpuAffinityTest
{
    /** Pins a new thread (never the test's own) and reads back what the kernel says it may run on. */
    private static String[] pinInThread(final int cpu) throws Exception
    {
        final AtomicReference<String[]> result = new AtomicReference<>();
        final Thread t = new Thread(() ->
        {
            try
            {
                final String failure = CpuAffinity.pin(cpu);
                String allowed = null;
                for (final String line : Files.readAllLines(Path.of("/proc/thread-self/status")))
                {
                    if (line.startsWith("Cpus_allowed_list:"))
                    {
                        allowed = line.substring(line.indexOf(':') + 1).trim();
                    }
                }
                result.set(new String[] {failure, allowed});
            }
            catch (final Exception ex)
            {
                result.set(new String[] {ex.toString(), null});
            }
        });
        t.start();
        t.join(10_000);
        return result.get();
    }

    @Test
    void pinsTheCallingThreadToOneCpu() throws Exception
    {
        final String[] r = pinInThread(0);
        assertNull(r[0], "pinning to CPU 0 failed: " + r[0]);
        assertEquals("0", r[1], "the kernel's view of the thread's CPUs");
    }

    @Test
    void aCpuThatDoesNotExistIsRefusedWithTheReason() throws Exception
    {
        final String[] r = pinInThread(1000);
        assertNotNull(r[0]);
        assertTrue(r[0].contains("CPU 1000") && r[0].contains("errno 22"), r[0]);
        assertTrue(r[1] != null && !r[1].equals("1000"), "the thread's CPUs did not change: " + r[1]);
    }
}
