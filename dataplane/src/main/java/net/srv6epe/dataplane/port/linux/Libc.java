package net.srv6epe.dataplane.port.linux;

import java.nio.ByteOrder;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * The C library calls of the Linux port backends (AF_PACKET, and the experimental AF_XDP one in
 * {@code port.afxdp}), bound with JNA direct mapping ({@code Native.register}) and only primitive arguments on the
 * packet path, so a call allocates nothing. Pointers are passed as {@code long}
 * addresses of memory the caller allocated once. Errors are read with {@link #errno()} right after the call that
 * failed (JNA keeps the value per thread).
 *
 * <p>Constants are the Linux values, identical on x86_64 and aarch64 (asm-generic); the struct layouts used with
 * these calls (see {@code afpacket.PacketAbi}) are those of 64-bit little-endian Linux, so the binding declares itself
 * unavailable anywhere else ({@link #UNAVAILABLE_REASON}).
 */
public final class Libc
{
    /** Null when the calls below are usable, else why not (not Linux, not 64-bit little-endian, no libc). */
    public static final String UNAVAILABLE_REASON;

    // <sys/socket.h>, <linux/if_ether.h>
    public static final int AF_UNIX = 1;
    public static final int AF_PACKET = 17;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_RAW = 3;
    public static final int SOCK_NONBLOCK = 0x800;
    public static final int SOCK_CLOEXEC = 0x80000;
    public static final int SOL_SOCKET = 1;
    public static final int SO_ERROR = 4;
    public static final int SO_SNDBUF = 7;
    public static final int SO_SNDBUFFORCE = 32;
    public static final int MSG_DONTWAIT = 0x40;
    /** {@code htons(ETH_P_ALL)} on a little-endian host. */
    public static final short ETH_P_ALL_NETWORK_ORDER = 0x0300;

    // <sys/mman.h>
    public static final int PROT_READ = 1;
    public static final int PROT_WRITE = 2;
    public static final int MAP_SHARED = 1;
    public static final int MAP_POPULATE = 0x8000;
    public static final long MAP_FAILED = -1L;

    // <poll.h>
    public static final short POLLIN = 0x1;
    public static final short POLLOUT = 0x4;
    public static final short POLLERR = 0x8;
    public static final short POLLHUP = 0x10;
    public static final short POLLNVAL = 0x20;
    /** {@code struct pollfd { int fd 0; short events 4; short revents 6; }} (8 bytes). */
    public static final int POLLFD_FD_OFFSET = 0;
    public static final int POLLFD_EVENTS_OFFSET = 4;
    public static final int POLLFD_REVENTS_OFFSET = 6;
    public static final int POLLFD_LENGTH = 8;

    // <errno.h> (asm-generic/errno-base.h, errno.h)
    public static final int EPERM = 1;
    public static final int EINTR = 4;
    public static final int EAGAIN = 11;
    public static final int EACCES = 13;
    public static final int EINVAL = 22;
    public static final int ENOPROTOOPT = 92;
    public static final int EPROTONOSUPPORT = 93;
    public static final int ESOCKTNOSUPPORT = 94;
    public static final int EAFNOSUPPORT = 97;
    public static final int ENOBUFS = 105;

    static
    {
        String reason = null;
        if (!Platform.isLinux())
        {
            reason = "not Linux (" + System.getProperty("os.name") + ")";
        }
        else if (Native.POINTER_SIZE != 8 || ByteOrder.nativeOrder() != ByteOrder.LITTLE_ENDIAN)
        {
            reason = "the ring layouts are written for 64-bit little-endian Linux, this is " +
                System.getProperty("os.arch");
        }
        else
        {
            try
            {
                Native.register(Libc.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
            }
            catch (final Throwable ex)
            {
                reason = "cannot bind the C library through JNA: " + ex;
            }
        }
        UNAVAILABLE_REASON = reason;
    }

    private Libc()
    {
    }

    /** The calling thread's {@code errno} as left by the last native call. Allocation free. */
    public static int errno()
    {
        return Native.getLastError();
    }

    /** A short description of an errno value, e.g. {@code EPERM (Operation not permitted)}. Cold path. */
    public static String describe(final int errno)
    {
        final String name = switch (errno)
        {
            case EPERM -> "EPERM";
            case EINTR -> "EINTR";
            case EAGAIN -> "EAGAIN";
            case EACCES -> "EACCES";
            case EINVAL -> "EINVAL";
            case ENOPROTOOPT -> "ENOPROTOOPT";
            case EPROTONOSUPPORT -> "EPROTONOSUPPORT";
            case ESOCKTNOSUPPORT -> "ESOCKTNOSUPPORT";
            case EAFNOSUPPORT -> "EAFNOSUPPORT";
            case ENOBUFS -> "ENOBUFS";
            default -> "errno " + errno;
        };
        String text;
        try
        {
            text = strerror(errno);
        }
        catch (final Throwable ex)
        {
            text = null;
        }
        return text == null ? name : name + " (" + text + ")";
    }

    public static native int socket(int domain, int type, int protocol);

    public static native int socketpair(int domain, int type, int protocol, long fdsOut);

    public static native int bind(int fd, long address, int addressLength);

    public static native int setsockopt(int fd, int level, int name, long value, int valueLength);

    public static native int getsockopt(int fd, int level, int name, long value, long valueLengthInOut);

    public static native long mmap(long address, long length, int protection, int flags, int fd, long offset);

    public static native int munmap(long address, long length);

    public static native int poll(long fds, long count, int timeoutMs);

    /** {@code ppoll(2)}: {@code timeout} is the address of a {@code struct timespec} (seconds, nanoseconds). */
    public static native int ppoll(long fds, long count, long timeout, long signalMask);

    public static native int sendmmsg(int fd, long messages, int count, int flags);

    public static native long recv(int fd, long buffer, long length, int flags);

    public static native int close(int fd);

    public static native long sendto(int fd, long buffer, long length, int flags, long address, int addressLength);

    /** {@code syscall(2)} with three arguments (e.g. {@code bpf(cmd, attr, size)}); variadic in C: integers only. */
    public static native long syscall(long number, long a1, long a2, long a3);

    public static native int if_nametoindex(String name);

    public static native String strerror(int errno);
}
