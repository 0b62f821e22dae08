package net.srv6epe.dataplane.port.afxdp;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import net.srv6epe.dataplane.port.PortException;
import net.srv6epe.dataplane.port.linux.Libc;

/**
 * The redirect program attached to one interface and its XSKMAP ({@link Bpf}): a frame received on queue {@code q}
 * goes to the AF_XDP socket registered for {@code q}, or on to the kernel's stack when there is none. Shared by the
 * sockets on the interface's queues (one per worker); counted references, the program detached (its link closed)
 * and the map closed when the last holder releases it.
 */
public final class XdpRedirect
{
    private final String interfaceName;
    private final int queues;
    private final boolean multiBuffer;
    private final int mapFd;
    private final int progFd;
    private final int linkFd;
    private final AtomicInteger references = new AtomicInteger(1);

    private XdpRedirect(final String interfaceName, final int queues, final boolean multiBuffer, final int mapFd,
        final int progFd, final int linkFd)
    {
        this.interfaceName = interfaceName;
        this.queues = queues;
        this.multiBuffer = multiBuffer;
        this.mapFd = mapFd;
        this.progFd = progFd;
        this.linkFd = linkFd;
    }

    /**
     * Attaches the program for sockets on queues {@code 0..queues-1} of {@code interfaceName}; the caller holds the
     * one reference.
     *
     * @param multiBuffer load the program multi-buffer aware (sockets bound with {@code XDP_USE_SG}).
     * @throws PortException naming what failed: no such interface, fewer receive queues than {@code queues} (with
     *     the {@code ethtool} command that adds them), or the kernel's refusal (nothing is left attached).
     */
    public static XdpRedirect attach(final String interfaceName, final int queues, final boolean multiBuffer)
    {
        if (queues < 1)
        {
            throw new IllegalArgumentException("queues " + queues + ": at least 1");
        }
        final String where = "af-xdp on '" + interfaceName + "': ";
        if (Libc.UNAVAILABLE_REASON != null)
        {
            throw new PortException(where + "unavailable: " + Libc.UNAVAILABLE_REASON);
        }
        final int ifindex = Libc.if_nametoindex(interfaceName);
        if (ifindex <= 0)
        {
            throw new PortException(where + "no such interface (ip link show)");
        }
        final int have = receiveQueues(interfaceName);
        if (have >= 0 && have < queues)
        {
            throw new PortException(where + queues + " workers need " + queues + " receive queues, the interface " +
                "has " + have + " (ethtool -L " + interfaceName + " rx " + queues + " tx " + queues +
                ", or combined " + queues + ")");
        }
        final int mapFd = Bpf.createXskMap(queues, where);
        int progFd = -1;
        try
        {
            progFd = Bpf.loadRedirectProgram(mapFd, multiBuffer, where);
            final int linkFd = Bpf.attach(progFd, ifindex, where);
            return new XdpRedirect(interfaceName, queues, multiBuffer, mapFd, progFd, linkFd);
        }
        catch (final RuntimeException ex)
        {
            if (progFd >= 0)
            {
                Libc.close(progFd);
            }
            Libc.close(mapFd);
            throw ex;
        }
    }

    /** The receive queues the interface has now ({@code /sys/class/net/IF/queues/rx-*}), or -1 when unknown. */
    static int receiveQueues(final String interfaceName)
    {
        final Path dir = Path.of("/sys/class/net", interfaceName, "queues");
        if (!Files.isDirectory(dir))
        {
            return -1;
        }
        int count = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "rx-*"))
        {
            for (final Path ignored : entries)
            {
                count++;
            }
        }
        catch (final IOException ex)
        {
            return -1;
        }
        return count;
    }

    /** Sends queue {@code queue}'s frames to socket {@code xskFd}. */
    void register(final int queue, final int xskFd, final String where)
    {
        if (queue < 0 || queue >= queues)
        {
            throw new IllegalArgumentException(where + "queue " + queue + " outside the program's 0.." + (queues - 1));
        }
        Bpf.register(mapFd, queue, xskFd, where);
    }

    /** One more holder (a socket that registered itself); refused once the program is detached. */
    XdpRedirect retain()
    {
        if (references.getAndUpdate(n -> n == 0 ? 0 : n + 1) == 0)
        {
            throw new IllegalStateException("af-xdp on '" + interfaceName + "': the program is detached already");
        }
        return this;
    }

    /** Drops a reference; the last one detaches the program and closes the map. */
    public void release()
    {
        final int left = references.decrementAndGet();
        if (left == 0)
        {
            Libc.close(linkFd);
            Libc.close(progFd);
            Libc.close(mapFd);
        }
        else if (left < 0)
        {
            throw new IllegalStateException("af-xdp on '" + interfaceName + "': released more often than held");
        }
    }

    /** Whether the program was loaded multi-buffer aware. */
    public boolean multiBuffer()
    {
        return multiBuffer;
    }
}
