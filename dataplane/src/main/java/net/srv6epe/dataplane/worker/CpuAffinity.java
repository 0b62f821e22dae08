package net.srv6epe.dataplane.worker;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * Pins the calling thread to one CPU: {@code sched_setaffinity(0, ...)} from the C library through JNA direct mapping
 * (no C of our own), as {@code taskset -p} would do for the thread. Linux only; elsewhere {@link #pin} says why not.
 */
public final class CpuAffinity
{
    /** Null when pinning is available, else why not. */
    private static final String UNAVAILABLE_REASON;

    static
    {
        String reason = null;
        if (!Platform.isLinux())
        {
            reason = "not Linux (" + System.getProperty("os.name") + ")";
        }
        else
        {
            try
            {
                Native.register(CpuAffinity.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
            }
            catch (final Throwable ex)
            {
                reason = "cannot bind the C library through JNA: " + ex;
            }
        }
        UNAVAILABLE_REASON = reason;
    }

    private CpuAffinity()
    {
    }

    /**
     * Pins the calling thread to {@code cpu}.
     *
     * @return null when done, else why not (the CPU does not exist or is not allowed: {@code EINVAL}, ...)
     */
    public static String pin(final int cpu)
    {
        if (UNAVAILABLE_REASON != null)
        {
            return UNAVAILABLE_REASON;
        }
        if (cpu < 0)
        {
            return "no CPU " + cpu;
        }
        final long[] mask = new long[cpu / 64 + 1];
        mask[cpu / 64] = 1L << (cpu % 64);
        if (sched_setaffinity(0, mask.length * 8L, mask) != 0)
        {
            final int errno = Native.getLastError();
            return "sched_setaffinity(CPU " + cpu + ") failed, errno " + errno +
                (errno == 22 ? " (EINVAL: no such CPU, or not in this process's cpuset)" : "");
        }
        return null;
    }

    private static native int sched_setaffinity(int pid, long cpuSetSize, long[] mask);
}
