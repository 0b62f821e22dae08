package net.srv6epe.perf.bgp;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.management.JMException;
import javax.management.ObjectName;

/** Heap and resident-set readings for the benchmark report. */
public final class ProcessMemory
{
    private static final int GC_ROUNDS = 4;

    private ProcessMemory()
    {
    }

    /**
     * Used heap after {@code System.gc()} a few times (with short pauses so reference processing finishes): the
     * live heap as the memory bean sees it.
     */
    public static long usedHeapAfterGc() throws InterruptedException
    {
        final MemoryMXBean bean = ManagementFactory.getMemoryMXBean();
        long used = Long.MAX_VALUE;
        for (int i = 0; i < GC_ROUNDS; i++)
        {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, bean.getHeapMemoryUsage().getUsed());
        }
        return used;
    }

    /**
     * The live objects by class, largest first, as {@code jcmd PID GC.class_histogram} prints them (top
     * {@code lines} lines), through the HotSpot diagnostic command bean; empty when the JVM has none.
     */
    public static String classHistogram(final int lines)
    {
        try
        {
            final Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[]{ null }, new String[]{ String[].class.getName() });
            return String.join("\n", String.valueOf(text).lines().limit(lines).toList());
        }
        catch (final JMException | RuntimeException ex)
        {
            return "";
        }
    }

    /** This process's resident set now ({@code VmRSS}), in octets, or -1. */
    public static long rssBytes()
    {
        return statusBytes(Path.of("/proc/self/status"), "VmRSS");
    }

    /** This process's peak resident set ({@code VmHWM}), in octets, or -1. */
    public static long peakRssBytes()
    {
        return statusBytes(Path.of("/proc/self/status"), "VmHWM");
    }

    /** A {@code kB} field of a {@code /proc/PID/status} file in octets, or -1 when absent or unreadable. */
    static long statusBytes(final Path status, final String field)
    {
        final long kb = statusKb(status, field);
        return kb < 0 ? -1 : kb * 1024;
    }

    private static long statusKb(final Path status, final String field)
    {
        try
        {
            for (final String line : Files.readAllLines(status))
            {
                if (line.startsWith(field + ":"))
                {
                    return Long.parseLong(line.substring(field.length() + 1).trim().split("\\s+")[0]);
                }
            }
        }
        catch (final IOException | RuntimeException ex)
        {
            return -1;
        }
        return -1;
    }
}
